// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.events.EventFormat;
import dev.vss.bl.image.ErrorCode;
import dev.vss.bl.image.ResultJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQS partial batch response: exactly the failed messages, and on a FIFO queue the rest of a failed group. */
class SqsBatchResponseTest {
    static HandlerResponse failing(String... ids) {
        List<HandlerResponse.Failure> f = new ArrayList<>();
        for (String id : ids) {
            f.add(new HandlerResponse.Failure(id, "s3://b/" + id, ErrorCode.DECODE_FAILED, "truncated"));
        }
        return new HandlerResponse(EventFormat.SQS, List.of(), List.of(), f, 0, false, false, null, 1);
    }

    static List<String> ids(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("batchItemFailures").forEach(n -> out.add(n.path("itemIdentifier").asText()));
        return out;
    }

    /** An SQS batch of (messageId, group) pairs from {@code queue}. */
    static JsonNode batch(String queue, String... idAndGroup) {
        ObjectNode e = ResultJson.mapper().createObjectNode();
        ArrayNode rs = e.putArray("Records");
        for (int i = 0; i < idAndGroup.length; i += 2) {
            ObjectNode r = rs.addObject().put("messageId", idAndGroup[i]).put("eventSource", "aws:sqs")
                    .put("eventSourceARN", "arn:aws:sqs:us-east-1:111122223333:" + queue).put("body", "{}");
            r.putObject("attributes").put("MessageGroupId", idAndGroup[i + 1]);
        }
        return e;
    }

    @Test
    void sqsAnswersNameExactlyTheFailedMessages() {
        HandlerResponse r = new HandlerResponse(EventFormat.SQS, List.of(), List.of(), List.of(
                new HandlerResponse.Failure("m-2", "s3://b/k", ErrorCode.DECODE_FAILED, "truncated"),
                new HandlerResponse.Failure("m-2", "s3://b/k2", ErrorCode.NOT_FOUND, "gone"),
                new HandlerResponse.Failure("m-5", null, ErrorCode.BAD_RECORD, "not JSON")), 0, false, false, null, 1);
        JsonNode a = SqsBatchResponse.of(r, null);
        assertThat(a.path("batchItemFailures")).hasSize(2);
        assertThat(a.path("batchItemFailures").get(0).path("itemIdentifier").asText()).isEqualTo("m-2");
        assertThat(a.path("batchItemFailures").get(1).path("itemIdentifier").asText()).isEqualTo("m-5");
        HandlerResponse none = new HandlerResponse(EventFormat.SQS, List.of(), List.of(), List.of(), 0, false, false,
                null, 1);
        assertThat(SqsBatchResponse.of(none, null).path("batchItemFailures")).isEmpty();
        HandlerResponse orphan = new HandlerResponse(EventFormat.SQS, List.of(), List.of(), List.of(
                new HandlerResponse.Failure(null, "x", ErrorCode.INTERNAL, "?")), 0, false, false, null, 1);
        assertThatThrownBy(() -> SqsBatchResponse.of(orphan, null)).hasMessageContaining("whole batch");
    }

    @Test
    void aStandardQueueRedeliversOnlyTheFailedMessages() {
        JsonNode e = batch("vss-images", "m1", "g1", "m2", "g1", "m3", "g1");
        assertThat(ids(SqsBatchResponse.of(failing("m2"), e))).containsExactly("m2");
    }

    @Test
    void aFifoQueueFailsTheRestOfAGroupAfterItsFirstFailure() {
        JsonNode e = batch("vss-images.fifo", "m1", "a", "m2", "b", "m3", "a", "m4", "b", "m5", "a", "m6", "c");
        // m3 fails: m5 (same group, later) must not be processed ahead of it; m1 (earlier) and other groups stand
        assertThat(ids(SqsBatchResponse.of(failing("m3"), e))).containsExactly("m3", "m5");
        // failures in two groups, reported in batch order
        assertThat(ids(SqsBatchResponse.of(failing("m4", "m1"), e))).containsExactly("m1", "m3", "m4", "m5");
        assertThat(ids(SqsBatchResponse.of(failing(), e))).isEmpty();
    }

    @Test
    void theHandlerAnswersSqsWithTheBatchResponse() {
        JsonNode e = batch("q.fifo", "m1", "a", "m2", "a");
        EventAnswer a = new EventAnswer(failing("m1"), "req-1", null, e);
        assertThat(ids(ResultJson.mapper().valueToTree(a.body()))).containsExactly("m1", "m2");
        assertThat(a.logLine()).contains("\"event\":\"failures\"").contains("req-1");
    }
}
