// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.aws;

import dev.vss.bl.crypto.KeyWrapper;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * Wraps the gallery's data key with an AWS KMS key: {@link #wrap} is KMS {@code Encrypt}, {@link #unwrap} is KMS
 * {@code Decrypt}, and {@link #generateDataKey()} lets KMS create a fresh AES-256 data key and its wrapped form in
 * one call ({@code GenerateDataKey}). Every call carries the same encryption context (by default
 * {@code {"vss:purpose":"gallery"}}), so a key wrapped for something else cannot be unwrapped as a gallery key, and
 * {@code Decrypt} names the expected key id, so a ciphertext of another KMS key is refused.
 * <p>
 * Errors: a ciphertext that KMS rejects (altered, another key, another context) is a
 * {@link GeneralSecurityException}; KMS being unreachable, access denied or the key disabled is an
 * {@link IOException} naming the key. No KMS runs locally, so the tests only check the requests this class builds
 * and how it reads responses, over a stub HTTP client (docs/cloud.md).
 * <p>
 * Ownership: an instance from {@link #create(String)} owns its client and closes it; one given a client leaves it
 * open. Thread-safe.
 */
public final class KmsKeyWrapper implements KeyWrapper, AutoCloseable {
    /** The encryption context used unless another is given. */
    public static final Map<String, String> DEFAULT_CONTEXT = Map.of("vss:purpose", "gallery");
    private final KmsClient kms;
    private final boolean ownsClient;
    private final String keyId;
    private final Map<String, String> context;

    /**
     * @param keyId a KMS key ARN (preferred: it is what {@link #keyId()} writes into the envelope header, and an
     *              alias may later point to another key), key id, alias name ({@code alias/vss-gallery}) or alias ARN
     */
    public KmsKeyWrapper(KmsClient kms, String keyId) {
        this(kms, keyId, DEFAULT_CONTEXT);
    }

    /** @param context the encryption context bound to every wrapped key (non-secret; logged by CloudTrail) */
    public KmsKeyWrapper(KmsClient kms, String keyId, Map<String, String> context) {
        this(kms, false, keyId, context);
    }

    private KmsKeyWrapper(KmsClient kms, boolean ownsClient, String keyId, Map<String, String> context) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.ownsClient = ownsClient;
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("keyId: empty; give a KMS key id, ARN or alias/NAME");
        }
        this.keyId = keyId;
        this.context = Map.copyOf(Objects.requireNonNull(context, "context"));
    }

    /** A wrapper over a client of its own (URLConnection HTTP client, SDK default region and credentials). */
    public static KmsKeyWrapper create(String keyId) {
        KmsClient c = KmsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
        return new KmsKeyWrapper(c, true, keyId, DEFAULT_CONTEXT);
    }

    @Override
    public String keyId() {
        return keyId;
    }

    /** The encryption context. */
    public Map<String, String> context() {
        return context;
    }

    @Override
    public byte[] wrap(byte[] dataKey) throws GeneralSecurityException, IOException {
        return call("Encrypt", () -> kms.encrypt(encryptRequest(dataKey)).ciphertextBlob().asByteArray());
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey) throws GeneralSecurityException, IOException {
        return call("Decrypt", () -> kms.decrypt(decryptRequest(wrappedKey)).plaintext().asByteArray());
    }

    /** A new AES-256 data key made by KMS: plaintext for this process only, wrapped for the envelope header. */
    public DataKey generateDataKey() throws GeneralSecurityException, IOException {
        GenerateDataKeyResponse r = call("GenerateDataKey", () -> kms.generateDataKey(generateDataKeyRequest()));
        return new DataKey(r.plaintext().asByteArray(), r.ciphertextBlob().asByteArray());
    }

    EncryptRequest encryptRequest(byte[] dataKey) {
        return EncryptRequest.builder().keyId(keyId).plaintext(SdkBytes.fromByteArray(dataKey)).encryptionContext(context).build();
    }

    DecryptRequest decryptRequest(byte[] wrapped) {
        return DecryptRequest.builder().keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(wrapped)).encryptionContext(context).build();
    }

    GenerateDataKeyRequest generateDataKeyRequest() {
        return GenerateDataKeyRequest.builder().keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(context).build();
    }

    /** One service call: its refusals and failures as the KeyWrapper's checked exceptions. */
    private <T> T call(String op, Supplier<T> c) throws GeneralSecurityException, IOException {
        try {
            return c.get();
        } catch (InvalidCiphertextException | IncorrectKeyException e) {
            throw new GeneralSecurityException("KMS " + op + " with " + keyId
                    + " refused the wrapped key: it was not made by this key and context, or was altered ("
                    + e.awsErrorDetails().errorCode() + ")", e);
        } catch (SdkException e) {
            throw new IOException("KMS " + op + " with " + keyId + " failed: " + e.getMessage(), e);
        }
    }

    /** Closes the client if this wrapper built it. Idempotent. */
    @Override
    public void close() {
        if (ownsClient) {
            kms.close();
        }
    }

    /**
     * A data key from {@link #generateDataKey()}. The caller owns {@code plaintext} and should zero it (with
     * {@link #destroy()}) once the content key is derived.
     */
    public record DataKey(byte[] plaintext, byte[] wrapped) {
        /** Overwrites the plaintext key with zeros. */
        public void destroy() {
            Arrays.fill(plaintext, (byte) 0);
        }

        @Override
        public String toString() {
            return "DataKey[plaintext=<" + plaintext.length + " bytes, hidden>, wrapped=" + wrapped.length + " bytes]";
        }
    }
}
