// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * An envelope could not be opened. The message names the object and the reason; it never carries key material or
 * plaintext. Callers map the {@link Reason} to their own error vocabulary (the gallery's is
 * {@code GalleryException.Code}).
 */
public final class EnvelopeException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    /** Why the envelope was refused. */
    public enum Reason {
        /** The bytes do not start with the envelope magic, or carry another content type. */
        NOT_AN_ENVELOPE,
        /** An envelope format version or cipher suite this code does not know: written by a newer vss, or altered. */
        UNSUPPORTED_FORMAT,
        /** Authentication failed: the header, wrapped key, IV, ciphertext or tag was altered, or the object is truncated. */
        TAMPERED,
        /** The data key could not be unwrapped and the envelope names another wrapping key than the one configured. */
        WRONG_KEY
    }

    private final Reason reason;

    public EnvelopeException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message, cause);
        this.reason = reason;
    }

    public EnvelopeException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
