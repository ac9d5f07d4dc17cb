// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What the adapters' integration tests read from result JSON and recorded events, once for all of them. */
public final class ResultJsons {
    private ResultJsons() {
    }

    /** The identity of each face of a result, null for an unknown face, in result order. */
    public static List<String> identities(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.path("faces").forEach(f -> ids.add(f.path("identity").isNull() ? null : f.path("identity").asText()));
        return ids;
    }

    /** A result without what differs between two runs of one image (times, cold start, camera, timestamp). */
    public static JsonNode comparable(JsonNode r) {
        ObjectNode o = r.deepCopy();
        o.remove(List.of("timings_ms", "cold_start", "camera", "timestamp"));
        return o;
    }

    /** A recorded event (or any text resource) on {@code owner}'s class path, e.g. {@code /events/s3-put.json}. */
    public static String resource(Class<?> owner, String path) throws IOException {
        try (InputStream in = owner.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException(path + ": not on the class path of " + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
