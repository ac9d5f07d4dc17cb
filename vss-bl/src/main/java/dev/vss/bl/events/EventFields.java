// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vss.bl.image.ImageRef;
import dev.vss.dl.Untrusted;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The toolbox the format readers share (fields, record-by-record mapping, quoting of event text). It knows no
 * format and dispatches nothing: {@link EventParser} dispatches, and hands a reader of nested events down to the
 * envelope formats (SQS, SNS) as an argument. Stateless.
 */
final class EventFields {
    // Trailing data after the event is refused: a JSON value followed by anything is not one event.
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EventFields() {
    }

    /** Reads an event nested in an envelope (an SQS body, an SNS message) one level deeper. */
    @FunctionalInterface
    interface Nested {
        ParsedEvent read(JsonNode event);
    }

    /** What one record maps to; throws IllegalArgumentException when the record is bad. */
    @FunctionalInterface
    interface RecordMapper {
        ParsedEvent map(JsonNode record, String path);
    }

    /**
     * Maps each record on its own: a record that throws becomes a {@link RecordError} under its id and the others
     * still map; each record's images and errors are attributed to its id.
     */
    static ParsedEvent records(EventFormat format, JsonNode records, Function<Integer, String> pathOf,
            RecordMapper mapper, Function<JsonNode, String> idOf) {
        if (records == null || !records.isArray()) {
            throw new IllegalArgumentException("event: no array of records for " + format);
        }
        List<ParsedEvent> parts = new ArrayList<>();
        List<RecordError> rejected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String path = pathOf.apply(i);
            String id = r.isObject() ? idOf.apply(r) : null;
            try {
                parts.add(mapper.map(r, path).within(id, path));
            } catch (IllegalArgumentException ex) {
                rejected.add(new RecordError(id, path, ex.getMessage()));
            }
        }
        ParsedEvent merged = merge(format, parts);
        rejected.addAll(0, merged.rejected());
        return new ParsedEvent(format, merged.images(), merged.ignored(), rejected);
    }

    static ParsedEvent merge(EventFormat format, List<ParsedEvent> parts) {
        List<ImageRef> images = new ArrayList<>();
        List<RecordError> rejected = new ArrayList<>();
        int ignored = 0;
        for (ParsedEvent p : parts) {
            images.addAll(p.images());
            rejected.addAll(p.rejected());
            ignored += p.ignored();
        }
        return new ParsedEvent(format, images, ignored, rejected);
    }

    static JsonNode tree(String json, String what) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException(what + ": empty; expected a JSON storage event");
        }
        try {
            return MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Trailing token")) {
                throw new IllegalArgumentException(what + ": not JSON (trailing data after the JSON value); expected "
                        + "one JSON storage event", e);
            }
            throw new IllegalArgumentException(what + ": not JSON (" + clip(e.getOriginalMessage())
                    + "); expected a JSON storage event", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": not JSON (" + clip(e.getOriginalMessage())
                    + "); expected a JSON storage event", e);
        }
    }

    static IllegalArgumentException unknown(String got) {
        return new IllegalArgumentException("event: unrecognised shape, got " + got + "; expected an S3 notification "
                + "(Records[].s3), an s3:TestEvent, an EventBridge S3 event (source aws.s3, detail), an SQS or SNS "
                + "delivery (Records[].body / Records[].Sns.Message), an Azure Event Grid event or CloudEvent "
                + "(eventType|type Microsoft.Storage.*, data.url), or a GCS CloudEvent / background event "
                + "(type google.cloud.storage.object.*, data.bucket, data.name)");
    }

    static List<String> fieldNames(JsonNode e) {
        List<String> names = new ArrayList<>();
        // names are attacker text too: each clipped and escaped (found by EventParserFuzzTest)
        e.fieldNames().forEachRemaining(n -> names.add(Untrusted.clip(n, 40)));
        return names.size() > 8 ? names.subList(0, 8) : names;
    }

    /** Event text quoted in a message: at most 120 characters, escaped, so a hostile field cannot flood or forge logs. */
    static String clip(String s) {
        return Untrusted.clip(s, 120);
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
}
