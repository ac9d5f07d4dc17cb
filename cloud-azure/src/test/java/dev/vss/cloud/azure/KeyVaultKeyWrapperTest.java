// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.security.keyvault.keys.cryptography.models.KeyWrapAlgorithm;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.crypto.Envelope;
import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.bl.crypto.KeyWrappers;
import dev.vss.bl.image.ResultJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.MGF1ParameterSpec;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * KeyVaultKeyWrapper offline: no Key Vault runs here, so the real SDK CryptographyClient (its whole pipeline:
 * challenge-based bearer authentication, retries, JSON) runs over a stub {@link HttpClient} that plays Key Vault:
 * it answers the unauthenticated first request with the 401 challenge Key Vault sends, then checks the bearer
 * token and does RSA-OAEP-256 with a real RSA key pair, as the service would. This checks the requests built and
 * the responses and errors read, not Key Vault itself.
 */
class KeyVaultKeyWrapperTest {
    static final String VAULT = "https://vss-test.vault.azure.net";
    static final String KEY = VAULT + "/keys/gallery";
    static final String V1 = "0123456789abcdef0123456789abcdef";
    static final String V2 = "fedcba9876543210fedcba9876543210";
    static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    /** A vault holding one RSA key in versions; each request recorded. */
    static final class StubVault implements HttpClient {
        final List<HttpRequest> requests = new ArrayList<>();
        final List<String> bodies = new ArrayList<>();
        final List<String> scopes = new ArrayList<>();
        final List<String> auths = new ArrayList<>();
        final java.util.Map<String, KeyPair> versions = new java.util.LinkedHashMap<>();
        String latest;
        Function<HttpRequest, Answer> override;

        StubVault version(String v) throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            versions.put(v, g.generateKeyPair());
            latest = v;
            return this;
        }

        TokenCredential credential() {
            return new TokenCredential() {
                @Override
                public Mono<AccessToken> getToken(TokenRequestContext request) {
                    scopes.addAll(request.getScopes());
                    return Mono.just(new AccessToken("test-token", OffsetDateTime.now().plusHours(1)));
                }
            };
        }

        @Override
        public Mono<HttpResponse> send(HttpRequest request) {
            String body = request.getBodyAsBinaryData() == null ? "" : request.getBodyAsBinaryData().toString();
            String auth = request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION);
            requests.add(request.copy());
            bodies.add(body);
            auths.add(auth);
            if (auth == null) { // Key Vault's challenge: which tenant and resource to get a token for
                return Mono.just(new Answer(401, "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"AKV10000\"}}",
                        "Bearer authorization=\"https://login.microsoftonline.com/72f988bf-0000-0000-0000-2d7cd011db47\", "
                                + "resource=\"https://vault.azure.net\"").on(request));
            }
            if (!auth.equals("Bearer test-token")) {
                return Mono.just(new Answer(401, "{}", null).on(request));
            }
            if (override != null) {
                return Mono.just(override.apply(request).on(request));
            }
            try {
                return Mono.just(operate(request, body).on(request));
            } catch (Exception e) {
                return Mono.just(new Answer(400, "{\"error\":{\"code\":\"BadParameter\",\"message\":\"" + e + "\"}}", null)
                        .on(request));
            }
        }

        /** POST /keys/gallery/{version}/wrapkey|unwrapkey with {"alg","value"} as Key Vault does them. */
        Answer operate(HttpRequest r, String body) throws Exception {
            String[] p = r.getUrl().getPath().split("/"); // "", keys, gallery, version, op
            String version = p[3].isEmpty() ? latest : p[3];
            KeyPair kp = versions.get(version);
            if (kp == null) {
                return new Answer(404, "{\"error\":{\"code\":\"KeyNotFound\",\"message\":\"A key with (name/id) gallery/"
                        + version + " was not found in this key vault.\"}}", null);
            }
            JsonNode in = ResultJson.mapper().readTree(body);
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            OAEPParameterSpec oaep256 = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                    PSource.PSpecified.DEFAULT);
            byte[] value = Base64.getUrlDecoder().decode(in.path("value").asText());
            byte[] out;
            if (p[4].equals("wrapkey")) {
                c.init(Cipher.ENCRYPT_MODE, kp.getPublic(), oaep256);
                out = c.doFinal(value);
            } else {
                c.init(Cipher.DECRYPT_MODE, kp.getPrivate(), oaep256);
                out = c.doFinal(value);
            }
            return new Answer(200, "{\"kid\":\"" + KEY + "/" + version + "\",\"value\":\"" + B64URL.encodeToString(out)
                    + "\"}", null);
        }
    }

    /** A canned response, answered to a request by {@link #on}. */
    static final class Answer {
        final int status;
        final byte[] body;
        final HttpHeaders headers = new HttpHeaders();

        Answer(int status, String body, String challenge) {
            this.status = status;
            this.body = body.getBytes(StandardCharsets.UTF_8);
            headers.set(HttpHeaderName.CONTENT_TYPE, "application/json; charset=utf-8");
            headers.set(HttpHeaderName.CONTENT_LENGTH, Integer.toString(this.body.length));
            headers.set(HttpHeaderName.fromString("x-ms-request-id"), "c0ffee00-0000-4000-8000-000000000000");
            if (challenge != null) {
                headers.set(HttpHeaderName.WWW_AUTHENTICATE, challenge);
            }
        }

        HttpResponse on(HttpRequest r) {
            return new HttpResponse(r) {
                @Override
                public int getStatusCode() {
                    return status;
                }

                @Deprecated
                @Override
                public String getHeaderValue(String name) {
                    return headers.getValue(HttpHeaderName.fromString(name));
                }

                @Override
                public HttpHeaders getHeaders() {
                    return headers;
                }

                @Override
                public Flux<ByteBuffer> getBody() {
                    return Flux.just(ByteBuffer.wrap(body));
                }

                @Override
                public Mono<byte[]> getBodyAsByteArray() {
                    return Mono.just(body);
                }

                @Override
                public Mono<String> getBodyAsString() {
                    return Mono.just(new String(body, StandardCharsets.UTF_8));
                }

                @Override
                public Mono<String> getBodyAsString(java.nio.charset.Charset charset) {
                    return Mono.just(new String(body, charset));
                }
            };
        }
    }

    static KeyVaultKeyWrapper wrapper(StubVault v, String url) {
        return new KeyVaultKeyWrapper(url, KeyWrapAlgorithm.RSA_OAEP_256, v.credential(), v);
    }

    static byte[] dataKey() {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (i * 7);
        }
        return k;
    }

    @Test
    void wrapIsWrapKeyWithBearerTokenAfterTheChallengeAndRecordsTheVersion() throws Exception {
        StubVault v = new StubVault().version(V1);
        KeyVaultKeyWrapper w = wrapper(v, KEY);
        assertThat(w.keyId()).isEqualTo(KEY);
        byte[] wrapped = w.wrap(dataKey());
        // the first request to a vault in this JVM goes without token and body, and gets the challenge (the SDK
        // caches it per vault); the call itself carries the token for the challenge's resource
        assertThat(v.requests).hasSizeBetween(1, 2);
        for (int i = 0; i < v.requests.size(); i++) {
            assertThat(v.auths.get(i) == null ? v.bodies.get(i) : v.auths.get(i)).isIn("", "Bearer test-token");
        }
        assertThat(v.scopes).containsExactly("https://vault.azure.net/.default");
        int last = v.requests.size() - 1;
        HttpRequest r = v.requests.get(last);
        assertThat(r.getHttpMethod().name()).isEqualTo("POST");
        assertThat(r.getUrl().getHost()).isEqualTo("vss-test.vault.azure.net");
        assertThat(r.getUrl().getPath()).startsWith("/keys/gallery/").endsWith("/wrapkey");
        assertThat(r.getUrl().getQuery()).matches("api-version=[0-9.-]+(-preview)?");
        JsonNode body = ResultJson.mapper().readTree(v.bodies.get(last));
        assertThat(body.path("alg").asText()).isEqualTo("RSA-OAEP-256");
        assertThat(Base64.getUrlDecoder().decode(body.path("value").asText())).isEqualTo(dataKey());
        // the envelope's wrapped key: format 1, the version that wrapped it, then the RSA ciphertext
        assertThat(wrapped[0]).isEqualTo((byte) 1);
        assertThat(new String(wrapped, 2, wrapped[1], StandardCharsets.US_ASCII)).isEqualTo(V1);
        assertThat(wrapped.length - 2 - V1.length()).isEqualTo(256);
        assertThat(w.unwrap(wrapped)).isEqualTo(dataKey());
        HttpRequest u = v.requests.get(v.requests.size() - 1);
        assertThat(u.getUrl().getPath()).isEqualTo("/keys/gallery/" + V1 + "/unwrapkey");
    }

    @Test
    void aGalleryWrappedBeforeARotationStillUnwrapsWithItsVersion() throws Exception {
        StubVault v = new StubVault().version(V1);
        KeyVaultKeyWrapper w = wrapper(v, KEY);
        byte[] before = w.wrap(dataKey());
        v.version(V2); // the key is rotated: new wraps use V2
        byte[] after = w.wrap(dataKey());
        assertThat(new String(after, 2, after[1], StandardCharsets.US_ASCII)).isEqualTo(V2);
        assertThat(w.unwrap(before)).isEqualTo(dataKey());
        assertThat(w.unwrap(after)).isEqualTo(dataKey());
        assertThat(v.requests.stream().map(r -> r.getUrl().getPath()).filter(p -> p.endsWith("/unwrapkey")))
                .containsExactly("/keys/gallery/" + V1 + "/unwrapkey", "/keys/gallery/" + V2 + "/unwrapkey");
        // a wrapper pinned to one version wraps with that version
        byte[] pinned = wrapper(v, KEY + "/" + V1).wrap(dataKey());
        assertThat(new String(pinned, 2, pinned[1], StandardCharsets.US_ASCII)).isEqualTo(V1);
    }

    @Test
    void theGalleryEnvelopeRoundTripsThroughKeyVault() throws Exception {
        StubVault v = new StubVault().version(V1);
        KeyVaultKeyWrapper w = wrapper(v, KEY);
        byte[] plain = "{\"people\":{\"obama\":[[0.1,0.2]]}}".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = Envelope.seal("vss-gallery", 3, plain, w);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("obama").contains(KEY);
        Envelope.Opened o = Envelope.open(sealed, "vss-gallery", w, "gallery.json.enc");
        assertThat(o.plaintext()).isEqualTo(plain);
        assertThat(o.header().keyId()).isEqualTo(KEY);
    }

    @Test
    void errorsBecomeSecurityOrIoExceptions() throws Exception {
        StubVault v = new StubVault().version(V1);
        KeyVaultKeyWrapper w = wrapper(v, KEY);
        byte[] wrapped = w.wrap(dataKey());
        byte[] altered = wrapped.clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> w.unwrap(altered)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining(KEY).hasMessageContaining("altered");
        // not made by this wrapper, or naming a version that is no Key Vault version: refused without a request
        int before = v.requests.size();
        assertThatThrownBy(() -> w.unwrap(new byte[] {9, 9, 9})).isInstanceOf(GeneralSecurityException.class);
        byte[] hostile = wrapped.clone();
        hostile[2] = '/';
        assertThatThrownBy(() -> w.unwrap(hostile)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("not a Key Vault version");
        assertThat(v.requests).hasSize(before);
        // a version the vault does not have (deleted): an I/O failure naming the key
        byte[] gone = wrapped.clone();
        System.arraycopy(V2.getBytes(StandardCharsets.US_ASCII), 0, gone, 2, V2.length());
        assertThatThrownBy(() -> w.unwrap(gone)).isInstanceOf(IOException.class).hasMessageContaining("404")
                .hasMessageContaining(KEY);
        v.override = r -> new Answer(403, "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Caller is not authorized to "
                + "perform action on resource. Action: 'Microsoft.KeyVault/vaults/keys/wrap/action'\"}}", null);
        assertThatThrownBy(() -> w.wrap(dataKey())).isInstanceOf(IOException.class).hasMessageContaining("403")
                .hasMessageContaining("not authorized");
        v.override = r -> new Answer(200, "{\"kid\":\"https://other.vault.azure.net/keys/gallery/" + V1
                + "\",\"value\":\"AAAA\"}", null);
        assertThatThrownBy(() -> w.wrap(dataKey())).isInstanceOf(IOException.class).hasMessageContaining("another key");
    }

    @Test
    void providerAndBadKeyUrls() {
        assertThatThrownBy(() -> KeyWrappers.open("azure-keyvault:", null, null, false, s -> { }))
                .hasMessageContaining("no key URL");
        assertThatThrownBy(() -> new KeyVaultKeyWrapper("not a url", KeyWrapAlgorithm.RSA_OAEP_256, new StubVault()
                .credential(), null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Key Vault key URL");
        assertThatThrownBy(() -> new KeyVaultKeyWrapper("http://vss.vault.azure.net/keys/g", KeyWrapAlgorithm.RSA_OAEP_256,
                new StubVault().credential(), null)).hasMessageContaining("https");
        assertThat(new KeyVaultKeyWrapperProvider().scheme()).isEqualTo("azure-keyvault");
    }

    @Test
    void chosenByTheSettingThroughTheServiceLoader() throws Exception {
        // DefaultAzureCredential is only built here, never asked for a token: no request leaves this machine
        KeyWrapper w = KeyWrappers.open("azure-keyvault:" + KEY + "/" + V1, null, null, false, s -> { });
        assertThat(w).isInstanceOf(KeyVaultKeyWrapper.class);
        assertThat(w.keyId()).isEqualTo(KEY);
    }
}
