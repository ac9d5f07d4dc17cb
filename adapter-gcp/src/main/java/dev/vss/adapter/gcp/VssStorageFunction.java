// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.functions.CloudEventsFunction;
import dev.vss.bl.EventAnswer;
import dev.vss.bl.VssException;
import dev.vss.bl.events.EventFormat;
import dev.vss.bl.image.ResultJson;
import io.cloudevents.CloudEvent;

/**
 * The Cloud Storage function ({@code --entry-point dev.vss.adapter.gcp.VssStorageFunction --trigger-bucket B}):
 * one {@code google.cloud.storage.object.v1.finalized} CloudEvent (binary or structured mode) → one
 * {@link dev.vss.bl.VssHandler} call (typed: the trigger delivers GCS CloudEvents only) → the result stored under
 * {@code VSS_RESULTS}. Bad events and failures follow the one policy of docs/cloud.md ({@link EventAnswer}): an image
 * that fails (corrupt, too large, outside {@code VSS_INPUTS}) has its error stored and logged, a bad event is logged,
 * and the event is acknowledged: retrying would fail the same way. Only an instance that cannot build its pipeline
 * throws, so that Eventarc retries.
 */
public final class VssStorageFunction implements CloudEventsFunction {
    public VssStorageFunction() {
        GcpHandlers.Events.HANDLER.settings(); // instance start: build everything before the first event
    }

    @Override
    public void accept(CloudEvent event) throws Exception {
        EventAnswer a;
        try {
            a = GcpHandlers.Events.HANDLER.answer(EventFormat.GCS_CLOUDEVENT, json(event), event.getId());
        } catch (VssException e) {
            throw new IllegalStateException(e.getMessage(), e); // the pipeline cannot be built: let Eventarc retry
        }
        if (a.logLine() != null) {
            System.out.println(a.logLine()); // one JSON line: Cloud Logging reads it as structured
        }
    }

    /**
     * The event as the CloudEvents JSON format holds it, whichever mode it arrived in (its data is the object
     * resource, JSON); data that is not JSON is left out, and the event is then a bad one.
     */
    static JsonNode json(CloudEvent e) {
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
            try {
                o.set("data", ResultJson.mapper().readTree(e.getData().toBytes()));
            } catch (java.io.IOException ex) {
                // not JSON: no data, so the event is refused as a bad one, naming what is missing
            }
        }
        return o;
    }
}
