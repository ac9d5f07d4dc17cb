// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.events.EventFormat;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.runtime.InitStrategy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edges every adapter shares, answered before any model is built (LAZY): the HTTP rules and the bad-event policy.
 */
class HttpEdgeTest {
    static VssHandler handler;

    @BeforeAll
    static void open() throws Exception {
        handler = VssHandler.builder(VssSettings.builder().optInit(InitStrategy.LAZY).optMaxImageBytes(1000).build())
                .build();
    }

    @AfterAll
    static void close() {
        handler.close();
    }

    @Test
    void httpRules() throws Exception {
        HttpAnswer get = handler.http(HttpImageRequest.of("GET", "/analyze", new byte[0]));
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.headers()).containsEntry("Allow", "POST").containsEntry("Content-Type", "application/json");
        assertThat(ResultJson.mapper().readTree(get.json()).path("error").path("code").asText())
                .isEqualTo("METHOD_NOT_ALLOWED");
        HttpAnswer bad = handler.http(HttpImageRequest.ofText("POST", "/up", "%%%", true));
        assertThat(bad.status()).isEqualTo(400);
        JsonNode err = ResultJson.mapper().readTree(bad.json());
        assertThat(err.path("error").path("code").asText()).isEqualTo("DECODE_FAILED");
        assertThat(err.path("error").path("message").asText()).startsWith("body is not valid base64");
        assertThat(err.path("image").asText()).isEqualTo("/up");
        HttpAnswer empty = handler.http(HttpImageRequest.of(null, "/", new byte[0]));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(ResultJson.mapper().readTree(empty.json()).path("image").asText()).isEqualTo("body");
        // read no further than one byte past the limit: 413
        HttpImageRequest big = HttpImageRequest.read("POST", null, new ByteArrayInputStream(new byte[5000]), 1000);
        assertThat(big.body()).hasSize(1001);
        assertThat(handler.http(big).status()).isEqualTo(413);
        assertThat(HttpImageRequest.ofText("POST", "", "text", false).body())
                .isEqualTo("text".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void badEventsAreAnsweredAndLoggedNotThrown() throws Exception {
        EventAnswer notJson = handler.answer(null, "{not json", "inv-1");
        assertThat(notJson.bad()).isTrue();
        assertThat(notJson.logLine()).contains("\"event\":\"bad_event\"").contains("inv-1").contains("not JSON");
        EventAnswer odd = handler.answer(null, "{\"hello\":\"world\"}", "inv-2");
        assertThat(odd.logLine()).contains("unrecognised shape").contains("[hello]");
        assertThat(ResultJson.mapper().valueToTree(odd.body()).path("error").path("code").asText())
                .isEqualTo("BAD_EVENT");
        // the typed entry: a CloudEvent of another type on a GCS trigger is a bad event too
        JsonNode ce = ResultJson.mapper().readTree("{\"specversion\":\"1.0\",\"id\":\"odd-1\","
                + "\"type\":\"com.example.someone.else\",\"source\":\"//x\",\"data\":{\"hello\":1}}");
        EventAnswer other = handler.answer(EventFormat.GCS_CLOUDEVENT, ce, "odd-1");
        assertThat(other.bad()).isTrue();
        assertThat(other.logLine()).contains("odd-1").contains("com.example.someone.else");
        // a handled event with nothing to analyse: acknowledged, nothing logged
        EventAnswer warm = handler.answer(null, "{\"keep_warm\":true}", "inv-3");
        assertThat(warm.bad()).isFalse();
        assertThat(warm.logLine()).isNull();
        assertThat(warm.response().ping()).isTrue();
    }
}
