// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

import static dev.vss.bl.events.EventFields.optText;
import static dev.vss.bl.events.EventFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.store.Cameras;
import dev.vss.bl.store.StorageUris;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** S3 notifications, EventBridge S3 events and their SQS/SNS envelopes. */
final class AwsEvents {
    private AwsEvents() {
    }

    static ParsedEvent s3Notification(JsonNode e) {
        return EventFields.records(EventFormat.S3_NOTIFICATION, e.get("Records"), i -> "Records[" + i + "]", (r, path) -> {
            if (!"aws:s3".equals(r.path("eventSource").asText())) {
                throw new IllegalArgumentException("event: " + path + ".eventSource is '" + clip(r.path("eventSource"))
                        + "', expected 'aws:s3' like Records[0]");
            }
            if (!text(r, "eventName", path).startsWith("ObjectCreated:")) {
                return new ParsedEvent(EventFormat.S3_NOTIFICATION, List.of(), 1); // deletions, restores, replication
            }
            JsonNode s3 = r.path("s3");
            String bucket = text(s3.path("bucket"), "name", path + ".s3.bucket");
            String key = decodeKey(text(s3.path("object"), "key", path + ".s3.object"), path + ".s3.object.key");
            return new ParsedEvent(EventFormat.S3_NOTIFICATION,
                    List.of(ref(bucket, key, optText(r, "eventTime"), path + ".s3.object.key")), 0);
        }, r -> null); // S3 notification records carry no id of their own
    }

    static ParsedEvent eventBridge(JsonNode e) {
        String id = optText(e, "id");
        if (!"Object Created".equals(e.path("detail-type").asText())) {
            return new ParsedEvent(EventFormat.EVENTBRIDGE_S3, List.of(), 1);
        }
        try {
            JsonNode d = e.get("detail");
            String bucket = text(d.path("bucket"), "name", "detail.bucket");
            // EventBridge keys are URL-encoded like those of S3 notifications
            String key = decodeKey(text(d.path("object"), "key", "detail.object"), "detail.object.key");
            return new ParsedEvent(EventFormat.EVENTBRIDGE_S3,
                    List.of(ref(bucket, key, optText(e, "time"), "detail.object.key").withRecordId(id)), 0);
        } catch (IllegalArgumentException ex) {
            return new ParsedEvent(EventFormat.EVENTBRIDGE_S3, List.of(), 0,
                    List.of(new RecordError(id, "detail", ex.getMessage())));
        }
    }

    static ParsedEvent sqs(JsonNode e, EventFields.Nested reader) {
        return EventFields.records(EventFormat.SQS, e.get("Records"), i -> "Records[" + i + "]", (r, path) -> {
            if (!"aws:sqs".equals(r.path("eventSource").asText())) {
                throw new IllegalArgumentException("event: " + path + ".eventSource is '" + clip(r.path("eventSource"))
                        + "', expected 'aws:sqs' like Records[0]");
            }
            return nested(text(r, "body", path), path + ".body", reader);
        }, r -> optText(r, "messageId"));
    }

    /** SNS to Lambda ({@code Records[].Sns.Message}) or an SNS envelope delivered through SQS ({@code Message}). */
    static ParsedEvent sns(JsonNode e, EventFields.Nested reader) {
        if (!e.has("Records")) {
            return EventFields.merge(EventFormat.SNS, List.of(nested(text(e, "Message", "SNS notification"), "Message",
                    reader).attributedTo(optText(e, "MessageId"))));
        }
        return EventFields.records(EventFormat.SNS, e.get("Records"), i -> "Records[" + i + "].Sns",
                (r, path) -> nested(text(r.path("Sns"), "Message", path), path + ".Message", reader),
                r -> optText(r.path("Sns"), "MessageId"));
    }

    private static ParsedEvent nested(String body, String path, EventFields.Nested reader) {
        try {
            return reader.read(EventFields.tree(body, "event: " + path));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(ex.getMessage().startsWith("event: " + path) ? ex.getMessage()
                    : "event: in " + path + ": " + ex.getMessage(), ex);
        }
    }

    private static String clip(JsonNode n) {
        return EventFields.clip(n.asText());
    }

    /** S3 keys in events are form-URL-encoded: '+' is a space, %XX a byte of UTF-8. */
    static String decodeKey(String raw, String path) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("event: " + path + " '" + EventFields.clip(raw) + "' is not URL-encoded: "
                    + ex.getMessage(), ex);
        }
    }

    private static ImageRef ref(String bucket, String key, String time, String path) {
        try {
            return new ImageRef(StorageUris.of("s3", bucket, key), Cameras.ofKey(key), time);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("event: " + path + ": " + ex.getMessage(), ex);
        }
    }
}
