// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.HttpAnswer;
import dev.vss.bl.image.ResultJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The adapter's own encoding and decoding, without a runtime: API Gateway bodies and answers, SQS partial batch
 * responses, and the SnapStart hooks called as the CRaC runtime would call them.
 */
class VssLambdaTest {
    static JsonNode json(String s) throws Exception {
        return ResultJson.mapper().readTree(s);
    }

    @Test
    void apiGatewayPayloadsAreRecognisedAndBodiesDecoded() throws Exception {
        byte[] img = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x7F};
        JsonNode v2 = json("{\"version\":\"2.0\",\"rawPath\":\"/cam/upload\",\"requestContext\":{\"http\":{\"method\":\"POST\"}},"
                + "\"isBase64Encoded\":true,\"body\":\"" + Base64.getEncoder().encodeToString(img) + "\"}");
        assertThat(ApiGateway.isHttp(v2)).isTrue();
        assertThat(ApiGateway.request(v2).body()).containsExactly(img);
        assertThat(ApiGateway.request(v2).name()).isEqualTo("/cam/upload");
        JsonNode v1 = json("{\"httpMethod\":\"POST\",\"path\":\"/\",\"requestContext\":{},\"body\":\"text\"}");
        assertThat(ApiGateway.isHttp(v1)).isTrue();
        assertThat(new String(ApiGateway.request(v1).body(), StandardCharsets.UTF_8)).isEqualTo("text");
        assertThat(ApiGateway.request(v1).name()).isEqualTo("body");
        JsonNode noBody = json("{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}}}");
        assertThat(ApiGateway.request(noBody).body()).isEmpty();
        JsonNode badBase64 = json("{\"requestContext\":{\"http\":{}},\"isBase64Encoded\":true,\"body\":\"%%%\"}");
        // bad base64 is no longer passed on as bytes: the request says so, and vss-bl answers 400 (HttpEdgeTest)
        assertThat(ApiGateway.request(badBase64).malformed()).startsWith("body is not valid base64");
        assertThat(ApiGateway.request(badBase64).body()).isEmpty();
        assertThat(ApiGateway.request(v2).method()).isEqualTo("POST");
        assertThat(ApiGateway.request(v1).method()).isEqualTo("POST");
        // storage events are not HTTP requests
        assertThat(ApiGateway.isHttp(json("{\"Records\":[{\"eventSource\":\"aws:s3\"}]}"))).isFalse();
        JsonNode resp = ApiGateway.response(new HttpAnswer(413, "{\"ok\":false}"));
        assertThat(resp.path("statusCode").asInt()).isEqualTo(413);
        assertThat(resp.path("headers").path("content-type").asText()).isEqualTo("application/json");
        assertThat(resp.path("body").asText()).isEqualTo("{\"ok\":false}");
        JsonNode refused = ApiGateway.response(new HttpAnswer(405, "{}"));
        assertThat(refused.path("headers").path("allow").asText()).isEqualTo("POST");
    }

    @Test
    void snapStartHooksPrimeBeforeTheSnapshotAndTheRestoredCopyAnswers(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path img = dir.resolve("cam1").resolve("a.jpg");
        java.nio.file.Files.createDirectories(img.getParent());
        java.nio.file.Files.copy(dev.vss.models.Workspace.imagesDir().resolve("faces/two_people.jpg"), img);
        // the function's settings (system properties stand in for Lambda's environment variables)
        System.setProperty("vss.inputs", dir.toUri().toString());
        System.setProperty("vss.init", "lazy");
        System.setProperty("vss.threads", "2");
        try {
            VssLambda.SnapStartHooks hooks = new VssLambda.SnapStartHooks();
            assertThat(VssLambda.Holder.HANDLER.instance().initialized()).as("lazy: nothing built yet").isFalse();
            hooks.beforeCheckpoint(null);
            assertThat(VssLambda.Holder.HANDLER.instance().initialized()).as("primed for the snapshot").isTrue();
            hooks.afterRestore(null);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            new VssLambda().handleRequest(new java.io.ByteArrayInputStream(("{\"images\":[\"" + img.toUri() + "\"]}")
                    .getBytes(StandardCharsets.UTF_8)), out, null);
            JsonNode r = json(out.toString(StandardCharsets.UTF_8));
            assertThat(r.path("results").get(0).path("faces")).hasSize(2);
            assertThat(r.path("results").get(0).path("camera").asText()).isEqualTo("cam1");
        } finally {
            System.clearProperty("vss.inputs");
            System.clearProperty("vss.init");
            System.clearProperty("vss.threads");
        }
    }
}
