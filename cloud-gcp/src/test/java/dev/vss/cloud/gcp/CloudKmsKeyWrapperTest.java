// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.gax.core.NoCredentialsProvider;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vss.bl.crypto.Envelope;
import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.bl.crypto.KeyWrappers;
import dev.vss.bl.testing.HttpStubs;
import dev.vss.bl.image.ResultJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CloudKmsKeyWrapper offline: no Cloud KMS runs here, so the real KeyManagementServiceClient (HTTP/JSON transport,
 * its retry settings and JSON mapping) talks to a stub KMS on 127.0.0.1 that records each request and plays the
 * service: it checks the CRC32C checksums, encrypts with AES-256-GCM under a per-version key bound to the AAD and
 * prefixes the version as KMS ciphertexts do. This checks the requests built and the responses and errors read, not
 * Cloud KMS itself.
 */
class CloudKmsKeyWrapperTest {
    static final String KEY = "projects/vss-test/locations/europe-west1/keyRings/vss/cryptoKeys/gallery";

    /** The stub: POST /v1/{key}:encrypt and :decrypt, as the REST API of Cloud KMS. */
    static final class StubKms implements AutoCloseable {
        final HttpServer server;
        final List<String> paths = new ArrayList<>();
        final List<JsonNode> bodies = new ArrayList<>();
        final List<byte[]> versions = new ArrayList<>();
        Function<String, int[]> fail; // path → {status} to answer an error instead
        String failBody;
        boolean corruptResponse;

        StubKms() throws IOException {
            rotate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            server.createContext("/", this::handle);
            server.start();
        }

        void rotate() {
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            versions.add(k);
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void handle(HttpExchange x) throws IOException {
            try (x) {
                String path = x.getRequestURI().getPath();
                JsonNode in = ResultJson.mapper().readTree(x.getRequestBody());
                paths.add(x.getRequestMethod() + " " + path);
                bodies.add(in);
                if (fail != null && fail.apply(path) != null) {
                    reply(x, fail.apply(path)[0], failBody);
                    return;
                }
                byte[] aad = b64(in.path("additionalAuthenticatedData").asText(""));
                if (Long.parseLong(in.path("additionalAuthenticatedDataCrc32c").asText("-1")) != CloudKmsKeyWrapper.crc32c(aad)) {
                    reply(x, 400, error(400, "The checksum in field additional_authenticated_data_crc32c did not match "
                            + "the data in field additional_authenticated_data.", "INVALID_ARGUMENT"));
                    return;
                }
                ObjectNode out = ResultJson.mapper().createObjectNode();
                if (path.equals("/v1/" + KEY + ":encrypt")) {
                    byte[] p = b64(in.path("plaintext").asText());
                    int v = versions.size();
                    byte[] iv = new byte[12];
                    new SecureRandom().nextBytes(iv);
                    byte[] ct = gcm(Cipher.ENCRYPT_MODE, versions.get(v - 1), iv, aad, p);
                    byte[] c = ByteBuffer.allocate(4 + 12 + ct.length).putInt(v).put(iv).put(ct).array();
                    out.put("name", KEY + "/cryptoKeyVersions/" + v);
                    out.put("ciphertext", Base64.getEncoder().encodeToString(c));
                    out.put("ciphertextCrc32c", Long.toString(CloudKmsKeyWrapper.crc32c(c) + (corruptResponse ? 1 : 0)));
                    out.put("verifiedPlaintextCrc32c", Long.parseLong(in.path("plaintextCrc32c").asText("-1"))
                            == CloudKmsKeyWrapper.crc32c(p));
                    out.put("verifiedAdditionalAuthenticatedDataCrc32c", true);
                    out.put("protectionLevel", "SOFTWARE");
                } else if (path.equals("/v1/" + KEY + ":decrypt")) {
                    byte[] c = b64(in.path("ciphertext").asText());
                    ByteBuffer b = ByteBuffer.wrap(c);
                    int v = c.length > 16 ? b.getInt() : -1;
                    byte[] p;
                    try {
                        byte[] iv = new byte[12];
                        b.get(iv);
                        p = gcm(Cipher.DECRYPT_MODE, versions.get(v - 1), iv, aad, Arrays.copyOfRange(c, 16, c.length));
                    } catch (Exception e) {
                        reply(x, 400, error(400, "Decryption failed: the ciphertext is invalid.", "INVALID_ARGUMENT"));
                        return;
                    }
                    out.put("plaintext", Base64.getEncoder().encodeToString(p));
                    out.put("plaintextCrc32c", Long.toString(CloudKmsKeyWrapper.crc32c(p)));
                    out.put("usedPrimary", v == versions.size());
                    out.put("protectionLevel", "SOFTWARE");
                } else {
                    reply(x, 404, error(404, "CryptoKey " + path + " not found.", "NOT_FOUND"));
                    return;
                }
                reply(x, 200, out.toString());
            } catch (Exception e) {
                throw new IOException(e);
            }
        }

        static String error(int code, String message, String status) {
            return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\"}}";
        }

        static byte[] gcm(int mode, byte[] key, byte[] iv, byte[] aad, byte[] in) throws GeneralSecurityException {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            c.updateAAD(aad);
            return c.doFinal(in);
        }

        static byte[] b64(String s) {
            return Base64.getDecoder().decode(s);
        }

        static void reply(HttpExchange x, int status, String body) throws IOException {
            HttpStubs.reply(x, status, "application/json; charset=UTF-8", body);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    StubKms kms;
    CloudKmsKeyWrapper w;

    @BeforeEach
    void start() throws Exception {
        kms = new StubKms();
        w = CloudKmsKeyWrapper.create(KEY, kms.endpoint(), NoCredentialsProvider.create());
    }

    @AfterEach
    void stop() {
        w.close();
        kms.close();
    }

    static byte[] dataKey() {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (i * 5 + 1);
        }
        return k;
    }

    @Test
    void wrapIsEncryptWithAadAndChecksumsAndUnwrapIsDecrypt() throws Exception {
        assertThat(w.keyId()).isEqualTo(KEY);
        byte[] wrapped = w.wrap(dataKey());
        assertThat(kms.paths.get(0)).isEqualTo("POST /v1/" + KEY + ":encrypt");
        JsonNode e = kms.bodies.get(0);
        assertThat(Base64.getDecoder().decode(e.path("plaintext").asText())).isEqualTo(dataKey());
        assertThat(e.path("plaintextCrc32c").asLong()).isEqualTo(CloudKmsKeyWrapper.crc32c(dataKey()));
        assertThat(new String(Base64.getDecoder().decode(e.path("additionalAuthenticatedData").asText()),
                StandardCharsets.UTF_8)).isEqualTo("vss:purpose=gallery");
        assertThat(wrapped).hasSize(4 + 12 + 32 + 16);
        assertThat(w.unwrap(wrapped)).isEqualTo(dataKey());
        assertThat(kms.paths.get(1)).isEqualTo("POST /v1/" + KEY + ":decrypt");
        JsonNode d = kms.bodies.get(1);
        assertThat(Base64.getDecoder().decode(d.path("ciphertext").asText())).isEqualTo(wrapped);
        assertThat(d.path("ciphertextCrc32c").asLong()).isEqualTo(CloudKmsKeyWrapper.crc32c(wrapped));
        assertThat(d.path("additionalAuthenticatedData").asText()).isEqualTo(e.path("additionalAuthenticatedData").asText());
    }

    @Test
    void rotationKeepsOldGalleriesReadableAndTheEnvelopeRoundTrips() throws Exception {
        byte[] plain = "{\"people\":{\"biden\":[[0.3,0.4]]}}".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = Envelope.seal("vss-gallery", 7, plain, w);
        kms.rotate();
        assertThat(Envelope.open(sealed, "vss-gallery", w, "gallery.json.enc").plaintext()).isEqualTo(plain);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("biden").contains(KEY);
    }

    @Test
    void aKeyForAnotherPurposeOrAnAlteredOneDoesNotUnwrap() throws Exception {
        byte[] wrapped = w.wrap(dataKey());
        byte[] altered = wrapped.clone();
        altered[20] ^= 1;
        assertThatThrownBy(() -> w.unwrap(altered)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining(KEY).hasMessageContaining("INVALID_ARGUMENT");
        try (CloudKmsKeyWrapper other = new CloudKmsKeyWrapper(
                com.google.cloud.kms.v1.KeyManagementServiceClient.create(com.google.cloud.kms.v1.KeyManagementServiceSettings
                        .newHttpJsonBuilder().setEndpoint(kms.endpoint()).setCredentialsProvider(NoCredentialsProvider.create())
                        .build()), KEY, "vss:purpose=other".getBytes(StandardCharsets.UTF_8))) {
            assertThatThrownBy(() -> other.unwrap(wrapped)).isInstanceOf(GeneralSecurityException.class);
        }
    }

    @Test
    void serviceErrorsAndCorruptionAreIoExceptions() throws Exception {
        byte[] wrapped = w.wrap(dataKey());
        kms.fail = p -> new int[] {403};
        kms.failBody = StubKms.error(403, "Permission 'cloudkms.cryptoKeyVersions.useToDecrypt' denied on resource '" + KEY
                + "' (or it may not exist).", "PERMISSION_DENIED");
        assertThatThrownBy(() -> w.unwrap(wrapped)).isInstanceOf(IOException.class).hasMessageContaining("PERMISSION_DENIED")
                .hasMessageContaining("useToDecrypt");
        kms.fail = p -> new int[] {400};
        kms.failBody = StubKms.error(400, KEY + "/cryptoKeyVersions/1 is not enabled, current state is: DISABLED.",
                "FAILED_PRECONDITION");
        assertThatThrownBy(() -> w.wrap(dataKey())).isInstanceOf(IOException.class).hasMessageContaining("DISABLED");
        // a disabled key on Decrypt is the key's state, not a tampered gallery
        assertThatThrownBy(() -> w.unwrap(wrapped)).isInstanceOf(IOException.class).hasMessageContaining("FAILED_PRECONDITION")
                .hasMessageContaining("DISABLED");
        kms.fail = null;
        kms.corruptResponse = true;
        assertThatThrownBy(() -> w.wrap(dataKey())).isInstanceOf(IOException.class).hasMessageContaining("checksum");
    }

    @Test
    void keyNamesAreCheckedAndTheSettingChoosesTheWrapper() throws Exception {
        assertThatThrownBy(() -> CloudKmsKeyWrapper.checkName("projects/p/locations/l/keyRings/r"))
                .hasMessageContaining("not a Cloud KMS key name");
        assertThatThrownBy(() -> CloudKmsKeyWrapper.checkName(KEY + "/cryptoKeyVersions/3"))
                .hasMessageContaining("not a Cloud KMS key name");
        assertThatThrownBy(() -> KeyWrappers.open("gcp-kms:", null, null, false, s -> { })).hasMessageContaining("no key name");
        assertThat(new CloudKmsKeyWrapperProvider().scheme()).isEqualTo("gcp-kms");
        // the provider builds a client with Application Default Credentials: where there are none (CI), the error
        // says so and names the key; where there are (a developer's login), the wrapper is made without a call
        KeyWrapper k;
        try {
            k = KeyWrappers.open("gcp-kms:" + KEY, null, null, false, s -> { });
        } catch (IOException noAdc) {
            assertThat(noAdc).hasMessageContaining("gcp-kms: cannot build the Cloud KMS client for " + KEY)
                    .hasMessageContaining("credentials");
            return;
        }
        assertThat(k).isInstanceOf(CloudKmsKeyWrapper.class);
        assertThat(k.keyId()).isEqualTo(KEY);
        ((CloudKmsKeyWrapper) k).close();
    }
}
