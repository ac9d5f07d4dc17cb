// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import java.util.Locale;

/** The Content-Type a cloud store sets on the objects it writes, from the key's ending (one table for the three clouds). */
public final class ContentTypes {
    private ContentTypes() {
    }

    /** JSON, JSON Lines, JPEG, PNG; anything else {@code application/octet-stream}. Case-insensitive. */
    public static String of(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith(".json")) {
            return "application/json";
        }
        if (k.endsWith(".jsonl")) {
            return "application/x-ndjson";
        }
        if (k.endsWith(".jpg") || k.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (k.endsWith(".png")) {
            return "image/png";
        }
        return "application/octet-stream";
    }
}
