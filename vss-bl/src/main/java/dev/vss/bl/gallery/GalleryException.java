// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.gallery;

import java.io.IOException;
import java.util.Objects;

/**
 * The stored gallery cannot be used: not a gallery, altered, sealed under another key, rolled back to an older
 * version, or changed concurrently.
 * The message names the object and says what to do; it never contains embeddings, face images or key material.
 * A gallery that fails to load is never replaced by an empty one.
 */
public final class GalleryException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Code {
        /** The object is not an encrypted vss gallery (e.g. the plaintext {@code gallery.json} of older builds). */
        NOT_A_GALLERY,
        /** An envelope format or cipher suite this build does not read (a newer vss, or altered). */
        UNSUPPORTED_FORMAT,
        /** Authentication failed: some byte of the object was altered, or the object is truncated. */
        TAMPERED,
        /** The object was sealed under another key than the one configured. */
        WRONG_KEY,
        /**
         * Someone else saved a newer version since this one was loaded (a {@code save} of a given version), or a
         * change lost every one of its bounded retries against other writers; nothing of it was written.
         */
        CONFLICT,
        /**
         * The stored gallery is older than a version of it seen before: an older, authentic copy was put back
         * (which would undo erasures). Refused unless rollback is allowed explicitly.
         */
        ROLLED_BACK,
        /** The gallery holds embeddings of another model or precision than the pipeline computes. */
        MISMATCH
    }

    private final Code code;
    private final String object;

    public GalleryException(Code code, String object, String message, Throwable cause) {
        super(Objects.requireNonNull(code, "code") + ": " + message, cause);
        this.code = code;
        this.object = object;
    }

    public Code code() {
        return code;
    }

    /** The object (key or file) concerned. */
    public String object() {
        return object;
    }
}
