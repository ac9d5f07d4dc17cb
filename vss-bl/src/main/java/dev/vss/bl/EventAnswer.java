// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.events.EventFormat;
import dev.vss.bl.image.ResultJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a function does with one event under the bad-event policy every adapter applies (docs/cloud.md, "Bad
 * events"): an event that is no storage event at all (not JSON, an unrecognised shape) is <em>acknowledged and
 * logged</em> ({@code bad_event}) since a retry could not change it; an event that was handled is acknowledged, its
 * failed images and records stored (under {@code VSS_RESULTS}) and logged ({@code failures}), except on SQS, whose
 * partial batch response names the failed messages for redelivery. Only a handler that cannot build its pipeline or
 * reach its stores throws ({@link VssException}), so that the platform retries. Built by {@link VssHandler#answer}.
 *
 * @param response   the handled event's response; null for a bad event
 * @param invocation the platform's id of this delivery (invocation id, CloudEvent id), or null
 * @param badEvent   why the event is not a storage event; null when it was handled
 * @param event      the event as received (the SQS batch, for FIFO message groups), or null
 */
public record EventAnswer(HandlerResponse response, String invocation, String badEvent, JsonNode event) {
    /** Whether the event was no storage event (acknowledged, logged). */
    public boolean bad() {
        return response == null;
    }

    /**
     * The one line of JSON to log at warning level ({@code bad_event} or {@code failures}), or null when the event
     * was handled without a failure.
     */
    public String logLine() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (bad()) {
            m.put("event", "bad_event");
            m.put("invocation", invocation);
            m.put("id", invocation); // the key GCP's lines have always used
            m.put("message", badEvent);
        } else if (!response.ok()) {
            m.put("event", "failures");
            m.put("invocation", invocation);
            m.put("id", invocation); // the key GCP's lines have always used
            m.put("response", response.toMap());
        } else {
            return null;
        }
        return json(m);
    }

    /**
     * The answer of a function that returns one (Lambda, Spring Cloud Function): the SQS partial batch response for
     * SQS ({@link SqsBatchResponse}), the response ({@link HandlerResponse#toMap()}) for other events, and
     * {@code {"ok":false,"error":{"code":"BAD_EVENT","message":...}}} for a bad event.
     *
     * @throws IllegalStateException for an SQS failure that names no message (the whole batch is retried)
     */
    public Object body() {
        if (bad()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", false);
            m.put("error", Map.of("code", "BAD_EVENT", "message", badEvent));
            return m;
        }
        return response.format() == EventFormat.SQS ? SqsBatchResponse.of(response, event) : response.toMap();
    }

    private static String json(Map<String, Object> m) {
        try {
            return ResultJson.mapper().writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
