// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * Wraps and unwraps the data key of an envelope-encrypted object (the gallery). Implementations: a local key
 * (environment variable or owner-only key file) in vss-bl, AWS KMS in the AWS module. Thread-safe.
 *
 * <p>{@link Envelope} calls {@link #wrap} once per write with a fresh random 256-bit data key and stores the result
 * and {@link #keyId()} in the authenticated envelope header; on read it calls {@link #unwrap}. When unwrapping fails
 * and the header names another key id, the envelope reports a wrong key rather than tampering, so the key id
 * should identify the wrapping key stably (for KMS, the key ARN rather than an alias).
 */
public interface KeyWrapper {
    /** Identifies the wrapping key in the envelope header (e.g. "local:sha256-prefix" or a KMS key ARN). */
    String keyId();

    byte[] wrap(byte[] dataKey) throws GeneralSecurityException, IOException;

    /** @throws GeneralSecurityException if the wrapped key was not made by this key or was altered */
    byte[] unwrap(byte[] wrappedKey) throws GeneralSecurityException, IOException;
}
