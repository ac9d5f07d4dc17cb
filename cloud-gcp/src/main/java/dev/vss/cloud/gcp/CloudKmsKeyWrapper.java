// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.kms.v1.CryptoKeyName;
import com.google.cloud.kms.v1.DecryptRequest;
import com.google.cloud.kms.v1.DecryptResponse;
import com.google.cloud.kms.v1.EncryptRequest;
import com.google.cloud.kms.v1.EncryptResponse;
import com.google.cloud.kms.v1.KeyManagementServiceClient;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import dev.vss.bl.crypto.KeyWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.zip.CRC32C;

/**
 * Wraps the gallery's data key with a Google Cloud KMS symmetric key: {@link #wrap} is {@code Encrypt},
 * {@link #unwrap} is {@code Decrypt} (the ciphertext names the key version, so a gallery written before a rotation
 * still opens). Every call binds the same additional authenticated data ({@code vss:purpose=gallery}), so a key
 * encrypted for another purpose does not unwrap as a gallery key, and carries CRC32C checksums both ways, as Cloud
 * KMS recommends: a request or response corrupted in transit is refused.
 * <p>
 * Errors: a ciphertext that KMS rejects (altered, another key, other AAD) is a {@link GeneralSecurityException};
 * KMS unreachable, permission denied, a missing or disabled key is an {@link IOException} naming the key. The client
 * uses the HTTP/JSON transport and Application Default Credentials (the function's service account). No Cloud KMS
 * runs locally, so the tests check the requests built and the responses read against a local HTTP stub.
 * <p>
 * Ownership: an instance from {@link #create(String)} owns its client and closes it; one given a client leaves it
 * open. Thread-safe.
 */
public final class CloudKmsKeyWrapper implements KeyWrapper, AutoCloseable {
    /** The additional authenticated data bound to every wrapped key unless another is given. */
    public static final byte[] DEFAULT_AAD = "vss:purpose=gallery".getBytes(StandardCharsets.UTF_8);
    private final KeyManagementServiceClient kms;
    private final boolean ownsClient;
    private final String keyName;
    private final byte[] aad;

    /** @param keyName {@code projects/P/locations/L/keyRings/R/cryptoKeys/K} (a key, not a key version) */
    public CloudKmsKeyWrapper(KeyManagementServiceClient kms, String keyName) {
        this(kms, false, keyName, DEFAULT_AAD);
    }

    /** @param aad the additional authenticated data bound to every wrapped key (non-secret; in audit logs) */
    public CloudKmsKeyWrapper(KeyManagementServiceClient kms, String keyName, byte[] aad) {
        this(kms, false, keyName, aad);
    }

    private CloudKmsKeyWrapper(KeyManagementServiceClient kms, boolean ownsClient, String keyName, byte[] aad) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.ownsClient = ownsClient;
        this.keyName = checkName(keyName);
        this.aad = Objects.requireNonNull(aad, "aad").clone();
    }

    static String checkName(String keyName) {
        String n = keyName == null ? "" : keyName.strip();
        if (!CryptoKeyName.isParsableFrom(n) || n.contains("/cryptoKeyVersions/")) {
            throw new IllegalArgumentException("key: '" + keyName + "' is not a Cloud KMS key name "
                    + "(projects/PROJECT/locations/LOCATION/keyRings/RING/cryptoKeys/KEY)");
        }
        return n;
    }

    /** A wrapper over a client of its own: HTTP/JSON transport, Application Default Credentials. */
    public static CloudKmsKeyWrapper create(String keyName) throws IOException {
        checkName(keyName);
        KeyManagementServiceClient c;
        try {
            c = KeyManagementServiceClient.create(KeyManagementServiceSettings.newHttpJsonBuilder().build());
        } catch (IOException e) {
            throw new IOException("gcp-kms: cannot build the Cloud KMS client for " + keyName + ": " + e.getMessage(), e);
        }
        return new CloudKmsKeyWrapper(c, true, keyName, DEFAULT_AAD);
    }

    /**
     * A wrapper whose own client talks HTTP/JSON to {@code endpoint} (e.g. {@code http://127.0.0.1:8080}) with the
     * given credentials (tests, private endpoints).
     */
    public static CloudKmsKeyWrapper create(String keyName, String endpoint, CredentialsProvider credentials)
            throws IOException {
        checkName(keyName);
        KeyManagementServiceSettings s = KeyManagementServiceSettings.newHttpJsonBuilder().setEndpoint(endpoint)
                .setCredentialsProvider(credentials).build();
        return new CloudKmsKeyWrapper(KeyManagementServiceClient.create(s), true, keyName, DEFAULT_AAD);
    }

    @Override
    public String keyId() {
        return keyName;
    }

    @Override
    public byte[] wrap(byte[] dataKey) throws GeneralSecurityException, IOException {
        EncryptResponse r = call("Encrypt", () -> kms.encrypt(encryptRequest(dataKey)));
        if (!r.getVerifiedPlaintextCrc32C() || !r.getVerifiedAdditionalAuthenticatedDataCrc32C()) {
            throw new IOException("Cloud KMS Encrypt with " + keyName + ": the request was corrupted in transit "
                    + "(checksum not verified by KMS)");
        }
        byte[] c = r.getCiphertext().toByteArray();
        if (!r.hasCiphertextCrc32C() || r.getCiphertextCrc32C().getValue() != crc32c(c)) {
            throw new IOException("Cloud KMS Encrypt with " + keyName + ": the response was corrupted in transit "
                    + "(ciphertext checksum mismatch)");
        }
        return c;
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey) throws GeneralSecurityException, IOException {
        DecryptResponse r = call("Decrypt", () -> kms.decrypt(decryptRequest(wrappedKey)));
        byte[] p = r.getPlaintext().toByteArray();
        if (!r.hasPlaintextCrc32C() || r.getPlaintextCrc32C().getValue() != crc32c(p)) {
            throw new IOException("Cloud KMS Decrypt with " + keyName + ": the response was corrupted in transit "
                    + "(plaintext checksum mismatch)");
        }
        return p;
    }

    EncryptRequest encryptRequest(byte[] dataKey) {
        return EncryptRequest.newBuilder().setName(keyName).setPlaintext(ByteString.copyFrom(dataKey))
                .setPlaintextCrc32C(Int64Value.of(crc32c(dataKey))).setAdditionalAuthenticatedData(ByteString.copyFrom(aad))
                .setAdditionalAuthenticatedDataCrc32C(Int64Value.of(crc32c(aad))).build();
    }

    DecryptRequest decryptRequest(byte[] wrapped) {
        return DecryptRequest.newBuilder().setName(keyName).setCiphertext(ByteString.copyFrom(wrapped))
                .setCiphertextCrc32C(Int64Value.of(crc32c(wrapped))).setAdditionalAuthenticatedData(ByteString.copyFrom(aad))
                .setAdditionalAuthenticatedDataCrc32C(Int64Value.of(crc32c(aad))).build();
    }

    static long crc32c(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        return c.getValue();
    }

    /** One service call: its refusals and failures as the KeyWrapper's checked exceptions. */
    private <T> T call(String op, Supplier<T> c) throws GeneralSecurityException, IOException {
        try {
            return c.get();
        } catch (ApiException e) {
            String[] st = status(e);
            if (op.equals("Decrypt") && st[0].equals("INVALID_ARGUMENT")) {
                throw new GeneralSecurityException("Cloud KMS Decrypt with " + keyName + " refused the wrapped key: it "
                        + "was not made by this key and AAD, or was altered (" + st[0] + ": " + st[1] + ")", e);
            }
            throw new IOException("Cloud KMS " + op + " with " + keyName + " failed (" + st[0] + "): " + st[1], e);
        }
    }

    /**
     * The service's status and message. Over HTTP/JSON the exception's code comes from the HTTP status alone (a
     * disabled key's FAILED_PRECONDITION is a 400, like INVALID_ARGUMENT) and its message is the status line, so
     * both are read from the error body ({@code {"error":{"status":..., "message":...}}}) when there is one.
     */
    static String[] status(ApiException e) {
        String code = e.getStatusCode().getCode().name();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.google.api.client.http.HttpResponseException h && h.getContent() != null) {
                try {
                    JsonNode err = dev.vss.bl.image.ResultJson.mapper().readTree(h.getContent()).path("error");
                    String m = err.path("message").asText("");
                    return new String[] {err.path("status").asText(code),
                        m.isEmpty() ? e.getMessage() : m.length() > 300 ? m.substring(0, 300) + "…" : m};
                } catch (IOException notJson) {
                    break;
                }
            }
        }
        return new String[] {code, e.getMessage()};
    }

    /** Closes the client if this wrapper built it. Idempotent. */
    @Override
    public void close() {
        if (ownsClient) {
            kms.close();
        }
    }
}
