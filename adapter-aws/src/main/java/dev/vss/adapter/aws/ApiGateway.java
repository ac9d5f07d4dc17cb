// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.HttpAnswer;
import dev.vss.bl.HttpImageRequest;
import dev.vss.bl.image.ResultJson;
import java.util.Locale;

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
     * The request: method, path ({@code rawPath} or {@code path}) and body — base64 when {@code isBase64Encoded}
     * (how API Gateway and Function URLs pass binary bodies), else the body's UTF-8 bytes. The rules are vss-bl's.
     */
    static HttpImageRequest request(JsonNode e) {
        String method = e.path("requestContext").path("http").path("method").asText(e.path("httpMethod").asText(null));
        String path = e.path("rawPath").asText(e.path("path").asText(""));
        JsonNode b = e.get("body");
        return HttpImageRequest.ofText(method, path, b == null || !b.isTextual() ? null : b.asText(),
                e.path("isBase64Encoded").asBoolean(false));
    }

    /** The proxy integration response: status, headers (JSON content type; Allow with 405), the result JSON. */
    static ObjectNode response(HttpAnswer a) {
        ObjectNode o = ResultJson.mapper().createObjectNode();
        o.put("statusCode", a.status());
        ObjectNode h = o.putObject("headers");
        a.headers().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        o.put("body", a.json());
        o.put("isBase64Encoded", false);
        return o;
    }
}
