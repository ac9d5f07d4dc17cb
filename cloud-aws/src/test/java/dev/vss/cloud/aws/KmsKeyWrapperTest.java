// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.image.ResultJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * KmsKeyWrapper offline: no KMS server exists here, so a real SDK KmsClient runs over a stub HTTP client that
 * records each request (the operation, the JSON body the SDK marshalled from our request objects) and answers with
 * a canned KMS response or error. This checks request construction and response/error handling, not KMS itself.
 */
class KmsKeyWrapperTest {
    static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /** Records requests; answers each with the next canned (status, JSON) pair. */
    static final class StubHttp implements SdkHttpClient {
        final List<SdkHttpRequest> requests = new ArrayList<>();
        final List<JsonNode> bodies = new ArrayList<>();
        final List<Object[]> answers = new ArrayList<>();

        StubHttp answer(int status, String json) {
            answers.add(new Object[] {status, json});
            return this;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest req) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    requests.add(req.httpRequest());
                    try (InputStream in = req.contentStreamProvider().orElseThrow().newStream()) {
                        bodies.add(ResultJson.mapper().readTree(in));
                    }
                    Object[] a = answers.remove(0);
                    byte[] body = ((String) a[1]).getBytes(StandardCharsets.UTF_8);
                    SdkHttpResponse.Builder r = SdkHttpResponse.builder().statusCode((Integer) a[0])
                            .putHeader("Content-Type", "application/x-amz-json-1.1")
                            .putHeader("Content-Length", Integer.toString(body.length))
                            .putHeader("x-amzn-RequestId", "c0ffee00-0000-4000-8000-000000000000");
                    return HttpExecuteResponse.builder().response(r.build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    static KmsClient client(StubHttp http) {
        return KmsClient.builder().httpClient(http).region(Region.EU_WEST_1)
                // any host works: the stub never connects; no retries so each canned answer is used once
                .endpointOverride(URI.create("https://kms.eu-west-1.amazonaws.com"))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .credentialsProvider(LocalS3.credentials()).build();
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void wrapIsEncryptWithKeyIdAndContext() throws Exception {
        byte[] dataKey = new byte[32];
        for (int i = 0; i < 32; i++) {
            dataKey[i] = (byte) i;
        }
        byte[] blob = "wrapped-by-kms".getBytes(StandardCharsets.UTF_8);
        StubHttp http = new StubHttp().answer(200, "{\"CiphertextBlob\":\"" + b64(blob) + "\",\"KeyId\":\"" + KEY
                + "\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}");
        try (KmsClient kms = client(http); KmsKeyWrapper w = new KmsKeyWrapper(kms, KEY)) {
            assertThat(w.keyId()).isEqualTo(KEY);
            assertThat(w.wrap(dataKey)).isEqualTo(blob);
        }
        SdkHttpRequest req = http.requests.get(0);
        assertThat(req.method().name()).isEqualTo("POST");
        assertThat(req.firstMatchingHeader("X-Amz-Target")).hasValue("TrentService.Encrypt");
        assertThat(req.firstMatchingHeader("Authorization")).get().asString().startsWith("AWS4-HMAC-SHA256");
        JsonNode body = http.bodies.get(0);
        assertThat(body.path("KeyId").asText()).isEqualTo(KEY);
        assertThat(Base64.getDecoder().decode(body.path("Plaintext").asText())).isEqualTo(dataKey);
        assertThat(body.path("EncryptionContext").path("vss:purpose").asText()).isEqualTo("gallery");
    }

    @Test
    void unwrapIsDecryptNamingTheExpectedKey() throws Exception {
        byte[] blob = {1, 2, 3, 4};
        byte[] plain = new byte[32];
        StubHttp http = new StubHttp().answer(200, "{\"Plaintext\":\"" + b64(plain) + "\",\"KeyId\":\"" + KEY
                + "\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}");
        try (KmsClient kms = client(http)) {
            KmsKeyWrapper w = new KmsKeyWrapper(kms, KEY, Map.of("vss:purpose", "gallery", "vss:bucket", "cams"));
            assertThat(w.unwrap(blob)).isEqualTo(plain);
        }
        assertThat(http.requests.get(0).firstMatchingHeader("X-Amz-Target")).hasValue("TrentService.Decrypt");
        JsonNode body = http.bodies.get(0);
        assertThat(body.path("KeyId").asText()).isEqualTo(KEY);
        assertThat(Base64.getDecoder().decode(body.path("CiphertextBlob").asText())).isEqualTo(blob);
        assertThat(body.path("EncryptionContext").path("vss:bucket").asText()).isEqualTo("cams");
    }

    @Test
    void generateDataKeyAsksForAes256() throws Exception {
        byte[] plain = new byte[32];
        plain[0] = 42;
        StubHttp http = new StubHttp().answer(200, "{\"CiphertextBlob\":\"" + b64(new byte[] {9, 9}) + "\",\"Plaintext\":\""
                + b64(plain) + "\",\"KeyId\":\"" + KEY + "\"}");
        KmsKeyWrapper.DataKey k;
        try (KmsClient kms = client(http)) {
            k = new KmsKeyWrapper(kms, KEY).generateDataKey();
        }
        assertThat(http.requests.get(0).firstMatchingHeader("X-Amz-Target")).hasValue("TrentService.GenerateDataKey");
        assertThat(http.bodies.get(0).path("KeySpec").asText()).isEqualTo("AES_256");
        assertThat(http.bodies.get(0).path("EncryptionContext").path("vss:purpose").asText()).isEqualTo("gallery");
        assertThat(k.plaintext()).hasSize(32).startsWith((byte) 42);
        assertThat(k.wrapped()).containsExactly(9, 9);
        assertThat(k.toString()).doesNotContain("42").contains("hidden");
        k.destroy();
        assertThat(k.plaintext()).containsOnly(0);
    }

    @Test
    void kmsErrorsBecomeSecurityOrIoExceptions() throws Exception {
        StubHttp http = new StubHttp()
                .answer(400, "{\"__type\":\"InvalidCiphertextException\",\"message\":\"\"}")
                .answer(400, "{\"__type\":\"IncorrectKeyException\",\"message\":\"The key ID in the request does not identify a CMK that can perform this operation.\"}")
                .answer(400, "{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized to perform: kms:Decrypt\"}")
                .answer(400, "{\"__type\":\"DisabledException\",\"message\":\"" + KEY + " is disabled.\"}");
        try (KmsClient kms = client(http)) {
            KmsKeyWrapper w = new KmsKeyWrapper(kms, KEY);
            assertThatThrownBy(() -> w.unwrap(new byte[] {1})).isInstanceOf(GeneralSecurityException.class)
                    .hasMessageContaining("InvalidCiphertextException").hasMessageContaining(KEY);
            assertThatThrownBy(() -> w.unwrap(new byte[] {1})).isInstanceOf(GeneralSecurityException.class)
                    .hasMessageContaining("IncorrectKeyException");
            assertThatThrownBy(() -> w.unwrap(new byte[] {1})).isInstanceOf(IOException.class)
                    .hasMessageContaining("not authorized");
            assertThatThrownBy(() -> w.wrap(new byte[32])).isInstanceOf(IOException.class).hasMessageContaining("disabled");
        }
        assertThat(http.requests).hasSize(4);
        try (KmsClient kms = client(new StubHttp())) {
            assertThatThrownBy(() -> new KmsKeyWrapper(kms, " ")).hasMessageContaining("keyId");
        }
    }
}
