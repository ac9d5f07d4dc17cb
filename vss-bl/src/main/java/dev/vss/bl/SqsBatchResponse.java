// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.image.ResultJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The SQS partial batch response ({@code {"batchItemFailures":[{"itemIdentifier":"<messageId>"}]}}) of a handled
 * SQS event: only the failed messages are redelivered. For a FIFO queue (its {@code eventSourceARN} ends with
 * {@code .fifo}) order within a message group must hold, so after the first failed message of a group every later
 * message of that group in the batch is reported failed too, as AWS documents for partial batch responses (and as
 * Powertools' {@code SqsBatchMessageHandler} does). A failure that names no message fails the whole batch. Stateless.
 */
public final class SqsBatchResponse {
    private SqsBatchResponse() {
    }

    /**
     * The response to {@code sqsEvent} whose handling gave {@code r}.
     *
     * @throws IllegalStateException if a failure has no messageId (the runtime then retries the whole batch)
     */
    public static ObjectNode of(HandlerResponse r, JsonNode sqsEvent) {
        if (r.hasUnattributedFailure()) {
            throw new IllegalStateException("a failure without a messageId: the whole batch is retried");
        }
        ObjectNode o = ResultJson.mapper().createObjectNode();
        ArrayNode a = o.putArray("batchItemFailures");
        failedMessageIds(r.failedRecordIds(), sqsEvent).forEach(id -> a.addObject().put("itemIdentifier", id));
        return o;
    }

    /** The failed ids, and on a FIFO queue the messages after each group's first failure, in batch order. */
    static List<String> failedMessageIds(List<String> failed, JsonNode sqsEvent) {
        JsonNode records = sqsEvent == null ? null : sqsEvent.get("Records");
        if (records == null || !records.isArray() || !isFifo(records)) {
            return failed;
        }
        Set<String> failedIds = new HashSet<>(failed);
        Set<String> failedGroups = new HashSet<>();
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (JsonNode rec : records) {
            String id = rec.path("messageId").asText(null);
            String group = rec.path("attributes").path("MessageGroupId").asText(null);
            boolean groupFailed = group != null && failedGroups.contains(group);
            if (id != null && (groupFailed || failedIds.contains(id))) {
                out.add(id);
                if (group != null) {
                    failedGroups.add(group);
                }
            }
        }
        out.addAll(failed); // any failed id not found among the records still fails
        return new ArrayList<>(out);
    }

    private static boolean isFifo(JsonNode records) {
        for (JsonNode rec : records) {
            if (rec.path("eventSourceARN").asText("").endsWith(".fifo")) {
                return true;
            }
        }
        return false;
    }
}
