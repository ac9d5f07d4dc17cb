// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

import static dev.vss.bl.events.EventFields.optText;
import static dev.vss.bl.events.EventFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.store.Cameras;
import dev.vss.bl.store.StorageUris;
import java.util.List;

/** Azure Blob Storage events delivered by Event Grid, in its own schema or as CloudEvents. */
final class AzureEvents {
    static final String BLOB_CREATED = "Microsoft.Storage.BlobCreated";

    private AzureEvents() {
    }

    static ParsedEvent eventGrid(JsonNode e) {
        JsonNode events = e;
        if (!e.isArray()) {
            events = EventFields.MAPPER.createArrayNode().add(e);
        }
        return EventFields.records(EventFormat.AZURE_EVENT_GRID, events, i -> e.isArray() ? "[" + i + "]" : "event",
                (ev, path) -> one(EventFormat.AZURE_EVENT_GRID, ev, text(ev, "eventType", path), optText(ev, "eventTime"),
                        path), ev -> optText(ev, "id"));
    }

    static ParsedEvent cloudEvent(JsonNode e) {
        String id = optText(e, "id");
        return single(id, () -> one(EventFormat.AZURE_CLOUDEVENT, e, text(e, "type", "CloudEvent"), optText(e, "time"),
                "CloudEvent"));
    }

    /** A Blob trigger's blob, as the CloudEvent of its BlobCreated would announce it. */
    static ParsedEvent blobCreated(String url, String id) {
        return single(id, () -> {
            try {
                return new ParsedEvent(EventFormat.AZURE_CLOUDEVENT, List.of(fromUrl(url, null, null)), 0);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("event: CloudEvent.data.url: " + ex.getMessage(), ex);
            }
        });
    }

    /** One CloudEvent's images under its id, or its error under that id. */
    private static ParsedEvent single(String id, java.util.function.Supplier<ParsedEvent> read) {
        try {
            return read.get().attributedTo(id);
        } catch (IllegalArgumentException ex) {
            return new ParsedEvent(EventFormat.AZURE_CLOUDEVENT, List.of(), 0,
                    List.of(new RecordError(id, "CloudEvent", ex.getMessage())));
        }
    }

    /** The image of a BlobCreated event, or an ignored record for events that announce no new blob. */
    private static ParsedEvent one(EventFormat f, JsonNode ev, String type, String time, String path) {
        ImageRef ref = image(ev, type, time, path);
        return ref == null ? new ParsedEvent(f, List.of(), 1) : new ParsedEvent(f, List.of(ref), 0);
    }

    /** The image of a BlobCreated event, or null for events that announce no new blob. */
    private static ImageRef image(JsonNode ev, String type, String time, String path) {
        if (!type.equals(BLOB_CREATED)) {
            if (type.startsWith("Microsoft.Storage.") || type.startsWith("Microsoft.EventGrid.")) {
                return null; // deletions, tier changes, subscription validation: nothing to analyse
            }
            throw new IllegalArgumentException("event: " + path + " has type '" + EventFields.clip(type) + "', expected "
                    + BLOB_CREATED);
        }
        String url = text(ev.path("data"), "url", path + ".data");
        try {
            return fromUrl(url, optText(ev, "subject"), time);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("event: " + path + ".data.url: " + ex.getMessage(), ex);
        }
    }

    /**
     * {@code https://account.blob.core.windows.net/container/dir/blob.jpg} (or the path-style
     * {@code http://127.0.0.1:10000/account/container/blob.jpg} of the Azurite emulator) as
     * {@code az://account/container/dir/blob.jpg}; the blob's name is taken from the subject when there is one
     * (see {@link StorageUris#azureBlob}).
     */
    static ImageRef fromUrl(String url, String subject, String time) {
        StorageUris.AzureBlob b = StorageUris.azureBlob(url, subject);
        return new ImageRef(StorageUris.of("az", b.account(), b.container() + "/" + b.blob()), Cameras.ofKey(b.blob()),
                time);
    }
}
