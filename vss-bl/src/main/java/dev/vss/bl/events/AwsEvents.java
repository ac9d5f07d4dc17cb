// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

import static dev.vss.bl.events.EventParser.camera;
import static dev.vss.bl.events.EventParser.optText;
import static dev.vss.bl.events.EventParser.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.ImageRef;
import dev.vss.bl.store.StorageUris;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** S3 notifications, EventBridge S3 events and their SQS/SNS envelopes. */
final class AwsEvents {
    private AwsEvents() {
    }

    static ParsedEvent s3Notification(JsonNode e) {
        List<ImageRef> images = new ArrayList<>();
        int ignored = 0;
        JsonNode records = e.get("Records");
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String path = "Records[" + i + "]";
            if (!"aws:s3".equals(r.path("eventSource").asText())) {
                throw new IllegalArgumentException("event: " + path + ".eventSource is '" + r.path("eventSource").asText()
                        + "', expected 'aws:s3' like Records[0]");
            }
            if (!text(r, "eventName", path).startsWith("ObjectCreated:")) {
                ignored++; // deletions, restores, replication: nothing new to analyse
                continue;
            }
            JsonNode s3 = r.path("s3");
            String bucket = text(s3.path("bucket"), "name", path + ".s3.bucket");
            String key = decodeKey(text(s3.path("object"), "key", path + ".s3.object"), path + ".s3.object.key");
            images.add(ref(bucket, key, optText(r, "eventTime"), path + ".s3.object.key"));
        }
        return new ParsedEvent(EventFormat.S3_NOTIFICATION, images, ignored);
    }

    static ParsedEvent eventBridge(JsonNode e) {
        if (!"Object Created".equals(e.path("detail-type").asText())) {
            return new ParsedEvent(EventFormat.EVENTBRIDGE_S3, List.of(), 1);
        }
        JsonNode d = e.get("detail");
        String bucket = text(d.path("bucket"), "name", "detail.bucket");
        // EventBridge keys are URL-encoded like those of S3 notifications
        String key = decodeKey(text(d.path("object"), "key", "detail.object"), "detail.object.key");
        return new ParsedEvent(EventFormat.EVENTBRIDGE_S3, List.of(ref(bucket, key, optText(e, "time"), "detail.object.key")), 0);
    }

    static ParsedEvent sqs(JsonNode e, int depth) {
        List<ParsedEvent> parts = new ArrayList<>();
        JsonNode records = e.get("Records");
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String path = "Records[" + i + "]";
            if (!"aws:sqs".equals(r.path("eventSource").asText())) {
                throw new IllegalArgumentException("event: " + path + ".eventSource is '" + r.path("eventSource").asText()
                        + "', expected 'aws:sqs' like Records[0]");
            }
            parts.add(nested(text(r, "body", path), path + ".body", depth));
        }
        return EventParser.merge(EventFormat.SQS, parts);
    }

    /** SNS to Lambda ({@code Records[].Sns.Message}) or an SNS envelope delivered through SQS ({@code Message}). */
    static ParsedEvent sns(JsonNode e, int depth) {
        if (!e.has("Records")) {
            return EventParser.merge(EventFormat.SNS, List.of(nested(text(e, "Message", "SNS notification"), "Message", depth)));
        }
        List<ParsedEvent> parts = new ArrayList<>();
        JsonNode records = e.get("Records");
        for (int i = 0; i < records.size(); i++) {
            String path = "Records[" + i + "].Sns";
            parts.add(nested(text(records.get(i).path("Sns"), "Message", path), path + ".Message", depth));
        }
        return EventParser.merge(EventFormat.SNS, parts);
    }

    private static ParsedEvent nested(String body, String path, int depth) {
        JsonNode inner = EventParser.tree(body, "event: " + path);
        try {
            return EventParser.read(inner, depth + 1);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("event: in " + path + ": " + ex.getMessage(), ex);
        }
    }

    /** S3 keys in events are form-URL-encoded: '+' is a space, %XX a byte of UTF-8. */
    static String decodeKey(String raw, String path) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("event: " + path + " '" + raw + "' is not URL-encoded: " + ex.getMessage(), ex);
        }
    }

    private static ImageRef ref(String bucket, String key, String time, String path) {
        try {
            return new ImageRef(StorageUris.of("s3", bucket, key), camera(key), time);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("event: " + path + ": " + ex.getMessage(), ex);
        }
    }
}
