// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

import static dev.vss.bl.events.EventFields.optText;
import static dev.vss.bl.events.EventFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.store.Cameras;
import dev.vss.bl.store.StorageUris;
import java.util.List;

/** Google Cloud Storage events: CloudEvents (Eventarc, 2nd gen functions) and legacy background events. */
final class GcsEvents {
    static final String FINALIZED = "google.cloud.storage.object.v1.finalized";
    static final String LEGACY_FINALIZE = "google.storage.object.finalize";

    private GcsEvents() {
    }

    static ParsedEvent cloudEvent(JsonNode e) {
        String type = text(e, "type", "CloudEvent");
        if (!type.startsWith("google.cloud.storage.object.")) {
            throw EventFields.unknown("a CloudEvent of type '" + EventFields.clip(type) + "'"); // typed entry: not GCS
        }
        if (!type.equals(FINALIZED)) {
            return new ParsedEvent(EventFormat.GCS_CLOUDEVENT, List.of(), 1); // deleted, archived, metadataUpdated
        }
        JsonNode d = e.path("data");
        String time = optText(e, "time") != null ? optText(e, "time") : optText(d, "timeCreated");
        return single(EventFormat.GCS_CLOUDEVENT, optText(e, "id"), () -> ref(d, time, "data"));
    }

    /** One record's image, or that record's error under its id. */
    private static ParsedEvent single(EventFormat f, String id, java.util.function.Supplier<ImageRef> ref) {
        try {
            return new ParsedEvent(f, List.of(ref.get().withRecordId(id)), 0);
        } catch (IllegalArgumentException ex) {
            return new ParsedEvent(f, List.of(), 0, List.of(new RecordError(id, "data", ex.getMessage())));
        }
    }

    /**
     * {@code {"context":{"eventType":"google.storage.object.finalize","timestamp":...},"data":{object}}} as given
     * to 1st-gen background functions, or the bare object resource ({@code kind: storage#object}).
     */
    static ParsedEvent legacy(JsonNode e) {
        if (e.has("context")) {
            JsonNode c = e.get("context");
            String type = text(c, "eventType", "context");
            if (!type.equals(LEGACY_FINALIZE)) {
                if (type.startsWith("google.storage.object.")) {
                    return new ParsedEvent(EventFormat.GCS_LEGACY, List.of(), 1);
                }
                throw new IllegalArgumentException("event: context.eventType '" + EventFields.clip(type) + "', expected "
                        + LEGACY_FINALIZE);
            }
            JsonNode d = e.path("data");
            String time = optText(c, "timestamp") != null ? optText(c, "timestamp") : optText(d, "timeCreated");
            return single(EventFormat.GCS_LEGACY, optText(c, "eventId"), () -> ref(d, time, "data"));
        }
        return single(EventFormat.GCS_LEGACY, optText(e, "id"), () -> ref(e, optText(e, "timeCreated"), "object"));
    }

    private static ImageRef ref(JsonNode object, String time, String path) {
        String bucket = text(object, "bucket", path);
        String name = text(object, "name", path); // GCS events carry the object name as is, not URL-encoded
        try {
            return new ImageRef(StorageUris.of("gs", bucket, name), Cameras.ofKey(name), time);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("event: " + path + ".name: " + ex.getMessage(), ex);
        }
    }
}
