// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vss.bl.AnalyzeRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the storage events of the three clouds to an {@link AnalyzeRequest} of 1..N image references, each with
 * its storage URI, camera (the first segment of the object key, when the key has one) and timestamp (the event's
 * time). Recognised shapes ({@link EventFormat}): S3 event notifications, S3 events via EventBridge, SQS or SNS
 * deliveries wrapping either, Azure Blob Storage events in the Event Grid and CloudEvents schemas, GCS CloudEvents
 * and legacy GCS background-function events.
 * <p>
 * Object-created records become images; records that announce no new object (an {@code s3:TestEvent}, a deletion,
 * an Event Grid subscription validation) are skipped and counted in {@link ParsedEvent#ignored()}. Object keys are
 * decoded (S3 keys arrive form-URL-encoded: {@code red+flower.jpg} is {@code red flower.jpg}) and validated with
 * {@link dev.vss.bl.Keys#check}. Stateless and thread-safe.
 *
 * <pre>{@code
 * AnalyzeRequest req = EventParser.parse(lambdaEventJson);
 * BatchResult res = vssFunction.apply(req);
 * }</pre>
 */
public final class EventParser {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** SQS → SNS → S3 is the deepest legitimate nesting; more is a malformed (or hostile) event. */
    private static final int MAX_DEPTH = 4;

    private EventParser() {
    }

    /**
     * The request an event announces.
     *
     * @throws IllegalArgumentException if the text is not JSON, not a recognised event shape, or names an invalid
     *                                  bucket or key; the message says what was expected
     */
    public static AnalyzeRequest parse(String json) {
        return read(json).request();
    }

    /** {@link #parse(String)} of an already parsed tree (adapters that receive a Jackson tree or a POJO). */
    public static AnalyzeRequest parse(JsonNode event) {
        return read(event).request();
    }

    /** The event with its format and count of skipped records. */
    public static ParsedEvent read(String json) {
        return read(tree(json, "event"));
    }

    /** {@link #read(String)} of a tree. */
    public static ParsedEvent read(JsonNode event) {
        return read(event, 0);
    }

    /** Which format an event has, without mapping it. */
    public static EventFormat detect(JsonNode e) {
        if (e == null || !(e.isObject() || e.isArray())) {
            throw unknown("a JSON " + (e == null ? "null" : e.getNodeType().toString().toLowerCase()));
        }
        if (e.isArray()) {
            if (e.isEmpty()) {
                throw unknown("an empty array");
            }
            JsonNode first = e.get(0);
            if (first.has("specversion")) {
                return EventFormat.CLOUDEVENT_BATCH;
            }
            if (first.has("eventType") && first.has("data")) {
                return EventFormat.AZURE_EVENT_GRID;
            }
            throw unknown("an array of neither Event Grid events nor CloudEvents");
        }
        JsonNode records = e.get("Records");
        if (records != null) {
            if (!records.isArray() || records.isEmpty() || !records.get(0).isObject()) {
                throw unknown("'Records' that is not a non-empty array of objects");
            }
            JsonNode r = records.get(0);
            String source = r.has("eventSource") ? r.path("eventSource").asText() : r.path("EventSource").asText();
            switch (source) {
                case "aws:s3":
                    return EventFormat.S3_NOTIFICATION;
                case "aws:sqs":
                    return EventFormat.SQS;
                case "aws:sns":
                    return EventFormat.SNS;
                default:
                    throw unknown("Records[0].eventSource '" + source + "'");
            }
        }
        if ("Notification".equals(e.path("Type").asText()) && e.path("Message").isTextual()) {
            return EventFormat.SNS; // an SNS envelope delivered through SQS without raw message delivery
        }
        if ("s3:TestEvent".equals(e.path("Event").asText())) {
            return EventFormat.S3_TEST_EVENT;
        }
        if (e.has("detail-type") && e.has("detail")) {
            if (!"aws.s3".equals(e.path("source").asText())) {
                throw unknown("an EventBridge event from source '" + e.path("source").asText() + "'");
            }
            return EventFormat.EVENTBRIDGE_S3;
        }
        if (e.has("specversion")) {
            String type = e.path("type").asText();
            if (type.startsWith("Microsoft.Storage.")) {
                return EventFormat.AZURE_CLOUDEVENT;
            }
            if (type.startsWith("google.cloud.storage.object.")) {
                return EventFormat.GCS_CLOUDEVENT;
            }
            throw unknown("a CloudEvent of type '" + type + "'");
        }
        if (e.has("eventType") && e.has("data") && (e.has("topic") || e.has("subject"))) {
            return EventFormat.AZURE_EVENT_GRID;
        }
        if ((e.has("context") && e.has("data")) || "storage#object".equals(e.path("kind").asText())) {
            return EventFormat.GCS_LEGACY;
        }
        throw unknown("an object with fields " + fieldNames(e));
    }

    static ParsedEvent read(JsonNode e, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("event: nested more than " + MAX_DEPTH + " deep (SQS/SNS wrapping)");
        }
        EventFormat f = detect(e);
        return switch (f) {
            case S3_NOTIFICATION -> AwsEvents.s3Notification(e);
            case S3_TEST_EVENT -> new ParsedEvent(f, List.of(), 1);
            case EVENTBRIDGE_S3 -> AwsEvents.eventBridge(e);
            case SQS -> AwsEvents.sqs(e, depth);
            case SNS -> AwsEvents.sns(e, depth);
            case AZURE_EVENT_GRID -> AzureEvents.eventGrid(e);
            case AZURE_CLOUDEVENT -> AzureEvents.cloudEvent(e);
            case GCS_CLOUDEVENT -> GcsEvents.cloudEvent(e);
            case GCS_LEGACY -> GcsEvents.legacy(e);
            case CLOUDEVENT_BATCH -> cloudEventBatch(e, depth);
        };
    }

    private static ParsedEvent cloudEventBatch(JsonNode array, int depth) {
        List<ParsedEvent> parts = new ArrayList<>();
        for (JsonNode ce : array) {
            if (!ce.has("specversion")) {
                throw unknown("a CloudEvents batch with an element that has no 'specversion'");
            }
            parts.add(read(ce, depth + 1));
        }
        return merge(EventFormat.CLOUDEVENT_BATCH, parts);
    }

    static ParsedEvent merge(EventFormat format, List<ParsedEvent> parts) {
        List<dev.vss.bl.ImageRef> images = new ArrayList<>();
        int ignored = 0;
        for (ParsedEvent p : parts) {
            images.addAll(p.images());
            ignored += p.ignored();
        }
        return new ParsedEvent(format, images, ignored);
    }

    static JsonNode tree(String json, String what) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException(what + ": empty; expected a JSON storage event");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": not JSON (" + e.getOriginalMessage() + "); expected a JSON storage event", e);
        }
    }

    static IllegalArgumentException unknown(String got) {
        return new IllegalArgumentException("event: unrecognised shape, got " + got + "; expected an S3 notification "
                + "(Records[].s3), an s3:TestEvent, an EventBridge S3 event (source aws.s3, detail), an SQS or SNS "
                + "delivery (Records[].body / Records[].Sns.Message), an Azure Event Grid event or CloudEvent "
                + "(eventType|type Microsoft.Storage.*, data.url), or a GCS CloudEvent / background event "
                + "(type google.cloud.storage.object.*, data.bucket, data.name)");
    }

    private static List<String> fieldNames(JsonNode e) {
        List<String> names = new ArrayList<>();
        e.fieldNames().forEachRemaining(names::add);
        return names.size() > 8 ? names.subList(0, 8) : names;
    }

    /** A required text field, or an IllegalArgumentException naming its path. */
    static String text(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("event: " + path + "." + field + " missing or not a string");
        }
        return v.asText();
    }

    /** An optional text field, or null. */
    static String optText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }

    /** The camera of an object key: its first segment when there is more than one. */
    static String camera(String key) {
        int i = key.indexOf('/');
        return i > 0 ? key.substring(0, i) : null;
    }
}
