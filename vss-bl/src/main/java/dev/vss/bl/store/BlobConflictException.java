// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import java.io.IOException;

/**
 * A conditional write ({@link BlobStore#putIf}) found the object changed since it was read — another writer got
 * there first — and wrote nothing. Read the object again, re-apply the change and retry.
 */
public final class BlobConflictException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String object;

    /** @param object the object's key or URI, for messages */
    public BlobConflictException(String object, String message, Throwable cause) {
        super("CONFLICT: " + message, cause);
        this.object = object;
    }

    /** The object concerned. */
    public String object() {
        return object;
    }
}
