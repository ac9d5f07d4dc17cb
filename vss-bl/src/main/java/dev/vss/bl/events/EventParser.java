// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

import static dev.vss.bl.events.EventFields.clip;
import static dev.vss.bl.events.EventFields.fieldNames;
import static dev.vss.bl.events.EventFields.optText;
import static dev.vss.bl.events.EventFields.records;
import static dev.vss.bl.events.EventFields.unknown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vss.bl.image.AnalyzeRequest;
import dev.vss.bl.image.ImageRef;
import java.util.List;
import java.util.Objects;

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
 * {@link dev.vss.bl.store.Keys#check}. A record that cannot be mapped (an invalid key, a body that is no storage event)
 * fails alone: it is listed in {@link ParsedEvent#rejected()} under its record id and the other records still
 * become images. Each image carries the id of the outermost record that announced it (SQS messageId first).
 * <p>
 * Two ways in: {@link #read(JsonNode)} recognises the shape ({@link #detect}) — for run-local, direct invocations
 * and triggers that deliver several shapes — and {@link #read(EventFormat, JsonNode)} takes the format an adapter
 * knows from its trigger. The format readers ({@code AwsEvents}, {@code AzureEvents}, {@code GcsEvents}) share
 * {@code EventFields} and never call back here; envelopes (SQS, SNS) are handed a reader for what they wrap.
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * AnalyzeRequest req = EventParser.parse(lambdaEventJson);
 * ParsedEvent gcs = EventParser.read(EventFormat.GCS_CLOUDEVENT, cloudEventTree);
 * }</pre>
 */
public final class EventParser {
    /** The JSON reader of events: trailing data after the event is refused. */
    public static ObjectMapper mapper() {
        return EventFields.MAPPER;
    }

    /** SQS → SNS → S3 is the deepest legitimate nesting; more is a malformed (or hostile) event. */
    private static final int MAX_DEPTH = 4;

    private EventParser() {
    }

    /**
     * The request an event announces.
     *
     * @throws IllegalArgumentException if the text is not JSON or not a recognised event shape; the message says
     *                                  what was expected (records with an invalid bucket or key are not images of
     *                                  the request; {@link #read(String)} lists them)
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
        return read(tree(json));
    }

    /**
     * The JSON tree of an event's text.
     *
     * @throws IllegalArgumentException if it is empty or not one JSON value, saying so
     */
    public static JsonNode tree(String json) {
        return EventFields.tree(json, "event");
    }

    /** {@link #read(String)} of a tree. */
    public static ParsedEvent read(JsonNode event) {
        return read(event, 0);
    }

    /**
     * An event of a format known from its trigger, read without recognising its shape first.
     *
     * @throws IllegalArgumentException if it is not an event of that format
     */
    public static ParsedEvent read(EventFormat format, JsonNode event) {
        Objects.requireNonNull(format, "format");
        if (event == null || !(event.isObject() || event.isArray())) {
            throw unknown("a JSON " + (event == null ? "null" : event.getNodeType().toString().toLowerCase())
                    + " for " + format);
        }
        return dispatch(format, event, 0);
    }

    /**
     * A BlobCreated announced by an Azure Blob trigger: the blob's URL, under the trigger's invocation id (a record
     * that cannot be mapped fails alone, as in an Event Grid CloudEvent).
     */
    public static ParsedEvent blobCreated(String url, String recordId) {
        return AzureEvents.blobCreated(url, recordId);
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
        if (e.path("keep_warm").asBoolean(false)
                || ("Scheduled Event".equals(e.path("detail-type").asText()) && e.has("source"))) {
            return EventFormat.KEEP_WARM;
        }
        if (e.has("images") && !e.has("Records")) {
            return EventFormat.DIRECT;
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
                    throw unknown("Records[0].eventSource '" + clip(source) + "'");
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
                throw unknown("an EventBridge event from source '" + clip(e.path("source").asText()) + "'");
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
            throw unknown("a CloudEvent of type '" + clip(type) + "'");
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
        return dispatch(detect(e), e, depth);
    }

    private static ParsedEvent dispatch(EventFormat f, JsonNode e, int depth) {
        EventFields.Nested nested = inner -> read(inner, depth + 1);
        return switch (f) {
            case S3_NOTIFICATION -> AwsEvents.s3Notification(e);
            case S3_TEST_EVENT -> new ParsedEvent(f, List.of(), 1);
            case EVENTBRIDGE_S3 -> AwsEvents.eventBridge(e);
            case SQS -> AwsEvents.sqs(e, nested);
            case SNS -> AwsEvents.sns(e, nested);
            case AZURE_EVENT_GRID -> AzureEvents.eventGrid(e);
            case AZURE_CLOUDEVENT -> AzureEvents.cloudEvent(e);
            case GCS_CLOUDEVENT -> GcsEvents.cloudEvent(e);
            case GCS_LEGACY -> GcsEvents.legacy(e);
            case CLOUDEVENT_BATCH -> cloudEventBatch(e, depth);
            case DIRECT -> direct(e);
            case KEEP_WARM -> new ParsedEvent(f, List.of(), 0);
        };
    }

    /** {@code {"images":["uri", ...], "camera":"cam1", "time":"..."}}: each URI its own record. */
    private static ParsedEvent direct(JsonNode e) {
        JsonNode images = e.get("images");
        if (images == null || !images.isArray()) {
            throw new IllegalArgumentException("event: 'images' is not an array of image URIs");
        }
        String camera = optText(e, "camera");
        String time = optText(e, "time");
        String id = optText(e, "id");
        return records(EventFormat.DIRECT, images, i -> "images[" + i + "]", (r, path) -> {
            if (!r.isTextual() || r.asText().isBlank()) {
                throw new IllegalArgumentException("event: " + path + " is not a URI string");
            }
            // no camera given: the result writer takes it from the key's first segment or the file's folder
            return new ParsedEvent(EventFormat.DIRECT, List.of(new ImageRef(r.asText(), camera, time, id)), 0);
        }, r -> id);
    }

    private static ParsedEvent cloudEventBatch(JsonNode array, int depth) {
        return records(EventFormat.CLOUDEVENT_BATCH, array, i -> "[" + i + "]", (ce, path) -> {
            if (!ce.has("specversion")) {
                throw new IllegalArgumentException("event: " + path + " is not a CloudEvent (no 'specversion')");
            }
            try {
                return read(ce, depth + 1);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("event: in " + path + ": " + ex.getMessage(), ex);
            }
        }, ce -> optText(ce, "id"));
    }
}
