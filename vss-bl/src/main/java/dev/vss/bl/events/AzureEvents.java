// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

import static dev.vss.bl.events.EventParser.camera;
import static dev.vss.bl.events.EventParser.optText;
import static dev.vss.bl.events.EventParser.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.ImageRef;
import dev.vss.bl.store.StorageUris;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Azure Blob Storage events delivered by Event Grid, in its own schema or as CloudEvents. */
final class AzureEvents {
    static final String BLOB_CREATED = "Microsoft.Storage.BlobCreated";
    /** {@code account.blob.core.windows.net} (or {@code .dfs.}, or a sovereign cloud's suffix). */
    private static final Pattern HOST = Pattern.compile("([a-z0-9]{3,24})\\.(blob|dfs)\\..+");

    private AzureEvents() {
    }

    static ParsedEvent eventGrid(JsonNode e) {
        List<ImageRef> images = new ArrayList<>();
        int ignored = 0;
        List<JsonNode> events = new ArrayList<>();
        if (e.isArray()) {
            e.forEach(events::add);
        } else {
            events.add(e);
        }
        for (int i = 0; i < events.size(); i++) {
            JsonNode ev = events.get(i);
            String path = e.isArray() ? "[" + i + "]" : "event";
            String type = text(ev, "eventType", path);
            ImageRef ref = one(ev, type, optText(ev, "eventTime"), path);
            if (ref == null) {
                ignored++;
            } else {
                images.add(ref);
            }
        }
        return new ParsedEvent(EventFormat.AZURE_EVENT_GRID, images, ignored);
    }

    static ParsedEvent cloudEvent(JsonNode e) {
        ImageRef ref = one(e, text(e, "type", "CloudEvent"), optText(e, "time"), "CloudEvent");
        return new ParsedEvent(EventFormat.AZURE_CLOUDEVENT, ref == null ? List.of() : List.of(ref), ref == null ? 1 : 0);
    }

    /** The image of a BlobCreated event, or null for events that announce no new blob. */
    private static ImageRef one(JsonNode ev, String type, String time, String path) {
        if (!type.equals(BLOB_CREATED)) {
            if (type.startsWith("Microsoft.Storage.") || type.startsWith("Microsoft.EventGrid.")) {
                return null; // deletions, tier changes, subscription validation: nothing to analyse
            }
            throw new IllegalArgumentException("event: " + path + " has type '" + type + "', expected " + BLOB_CREATED);
        }
        String url = text(ev.path("data"), "url", path + ".data");
        try {
            return fromUrl(url, time);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("event: " + path + ".data.url: " + ex.getMessage(), ex);
        }
    }

    /**
     * {@code https://account.blob.core.windows.net/container/dir/blob.jpg} (or the path-style
     * {@code http://127.0.0.1:10000/account/container/blob.jpg} of the Azurite emulator) as
     * {@code az://account/container/dir/blob.jpg}.
     */
    static ImageRef fromUrl(String url, String time) {
        URI u = StorageUris.parse("url", url);
        if (u.getHost() == null || u.getPath() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an http(s) blob URL");
        }
        String path = StorageUris.key(u);
        String account;
        Matcher m = HOST.matcher(u.getHost().toLowerCase(java.util.Locale.ROOT));
        if (m.matches()) {
            account = m.group(1);
        } else {
            int slash = path.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("'" + url + "' has no account/container/blob path");
            }
            account = path.substring(0, slash);
            path = path.substring(slash + 1);
        }
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new IllegalArgumentException("'" + url + "' has no container/blob path");
        }
        String container = StorageUris.checkContainer("container", path.substring(0, slash));
        String blob = path.substring(slash + 1);
        return new ImageRef(StorageUris.of("az", account, container + "/" + blob), camera(blob), time);
    }
}
