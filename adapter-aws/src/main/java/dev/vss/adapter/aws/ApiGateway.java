// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.HttpAnswer;
import dev.vss.bl.image.ResultJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** API Gateway (HTTP API payload 2.0, REST payload 1.0) and Function URL requests whose body is one image. */
final class ApiGateway {
    private ApiGateway() {
    }

    /** Payload 2.0 ({@code version: "2.0"}, {@code requestContext.http}) or 1.0 ({@code httpMethod}, {@code body}). */
    static boolean isHttp(JsonNode e) {
        return e.isObject() && e.has("requestContext")
                && (e.path("requestContext").has("http") || e.has("httpMethod"));
    }

    /**
     * The image bytes: base64-decoded when {@code isBase64Encoded} (how API Gateway and Function URLs pass binary
     * bodies), else the body's UTF-8 bytes; empty for no body (answered 400 by the handler). A body that claims to
     * be base64 but is not gives bytes that are not an image (answered 400 too).
     */
    static byte[] body(JsonNode e) {
        JsonNode b = e.get("body");
        if (b == null || !b.isTextual()) {
            return new byte[0];
        }
        if (e.path("isBase64Encoded").asBoolean(false)) {
            try {
                return Base64.getDecoder().decode(b.asText().replaceAll("\\s", ""));
            } catch (IllegalArgumentException ex) {
                return ("not base64: " + ex.getMessage()).getBytes(StandardCharsets.UTF_8);
            }
        }
        return b.asText().getBytes(StandardCharsets.UTF_8);
    }

    /** What the result's {@code image} field says: the request path. */
    static String name(JsonNode e) {
        String path = e.path("rawPath").asText(e.path("path").asText(""));
        return path.isBlank() || path.equals("/") ? "body" : path;
    }

    /** The proxy integration response: status, JSON content type, the result JSON as the body. */
    static ObjectNode response(HttpAnswer a) {
        ObjectNode o = ResultJson.mapper().createObjectNode();
        o.put("statusCode", a.status());
        o.putObject("headers").put("content-type", HttpAnswer.CONTENT_TYPE);
        o.put("body", a.json());
        o.put("isBase64Encoded", false);
        return o;
    }
}
