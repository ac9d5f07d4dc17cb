// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import dev.vss.bl.image.ErrorCode;
import java.io.IOException;

/**
 * An object is larger than the caller's byte limit ({@link BlobStore#get(String, long)}); it was not read (beyond
 * the limit at most). Becomes the per-image error {@link ErrorCode#IMAGE_TOO_LARGE}.
 */
public final class ObjectTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long size;
    private final long limit;

    /** @param size the object's size in bytes, or -1 when only "more than the limit" is known */
    public ObjectTooLargeException(String object, long size, long limit) {
        super(object + " is " + (size >= 0 ? size + " bytes" : "more than " + limit + " bytes") + ", over the limit of "
                + limit + " bytes per image");
        this.size = size;
        this.limit = limit;
    }

    /** The size in bytes, or -1 if the read stopped at the limit without knowing it. */
    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
