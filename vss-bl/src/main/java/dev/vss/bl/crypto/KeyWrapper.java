package dev.vss.bl.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * Wraps and unwraps the data key of an envelope-encrypted object (the gallery). Implementations: a local key
 * (environment variable or owner-only key file) in vss-bl, AWS KMS in the AWS module. Thread-safe.
 */
public interface KeyWrapper {
    /** Identifies the wrapping key in the envelope header (e.g. "local:sha256-prefix" or a KMS key ARN). */
    String keyId();

    byte[] wrap(byte[] dataKey) throws GeneralSecurityException, IOException;

    /** @throws GeneralSecurityException if the wrapped key was not made by this key or was altered */
    byte[] unwrap(byte[] wrappedKey) throws GeneralSecurityException, IOException;
}
