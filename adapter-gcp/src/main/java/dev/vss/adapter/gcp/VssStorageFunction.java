// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.functions.CloudEventsFunction;
import dev.vss.bl.HandlerResponse;
import dev.vss.bl.VssException;
import dev.vss.bl.image.ResultJson;
import io.cloudevents.CloudEvent;
import java.util.Map;

/**
 * The Cloud Storage function ({@code --entry-point dev.vss.adapter.gcp.VssStorageFunction --trigger-bucket B}):
 * one {@code google.cloud.storage.object.v1.finalized} CloudEvent (binary or structured mode) → one
 * {@link dev.vss.bl.VssHandler} call → the result stored under {@code VSS_RESULTS}. An image that fails (corrupt,
 * too large, outside {@code VSS_INPUTS}) has its error stored and logged and the event is acknowledged: retrying
 * would fail the same way. Only an instance that cannot build its pipeline throws, so that Eventarc retries.
 */
public final class VssStorageFunction implements CloudEventsFunction {
    public VssStorageFunction() {
        GcpHandlers.Events.HANDLER.settings(); // instance start: build everything before the first event
    }

    @Override
    public void accept(CloudEvent event) throws Exception {
        HandlerResponse r;
        try {
            r = GcpHandlers.Events.HANDLER.handle(json(event));
        } catch (IllegalArgumentException | java.io.IOException e) { // not a storage event: nothing to retry
            log("bad_event", Map.of("id", String.valueOf(event.getId()), "type", String.valueOf(event.getType()),
                    "message", String.valueOf(e.getMessage())));
            return;
        } catch (VssException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (!r.ok()) {
            log("failures", Map.of("id", String.valueOf(event.getId()), "response", r.toMap()));
        }
    }

    /** The event in the CloudEvents JSON format, whichever mode it arrived in. */
    static JsonNode json(CloudEvent e) throws java.io.IOException {
        ObjectNode o = ResultJson.mapper().createObjectNode();
        o.put("specversion", e.getSpecVersion().toString());
        o.put("id", e.getId());
        o.put("type", e.getType());
        o.put("source", String.valueOf(e.getSource()));
        if (e.getSubject() != null) {
            o.put("subject", e.getSubject());
        }
        if (e.getTime() != null) {
            o.put("time", e.getTime().toString());
        }
        if (e.getData() != null) {
            o.set("data", ResultJson.mapper().readTree(e.getData().toBytes()));
        }
        return o;
    }

    static void log(String event, Map<String, Object> fields) throws java.io.IOException {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("event", event);
        m.putAll(fields);
        System.out.println(ResultJson.mapper().writeValueAsString(m));
    }
}
