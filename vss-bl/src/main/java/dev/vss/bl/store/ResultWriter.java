// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import dev.vss.bl.image.BatchResult;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ImageResult;
import dev.vss.bl.image.ResultJson;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes results to a {@link BlobStore}: each image as one JSON object (the {@link ResultJson} contract) at
 * {@code <prefix><camera>/<yyyy-mm-dd>/<image-name>.json}, or a whole batch as one JSON Lines object.
 * <ul>
 * <li>camera: the reference's camera, else the first segment of the object key (or the parent directory of a
 * local file), else {@code unknown};</li>
 * <li>date: the UTC date of the reference's timestamp, else of the writer's clock;</li>
 * <li>image name: the rest of the key after the camera's segment, sub-folders and extension kept
 * ({@code cam1/door/two_people.jpg} → {@code cam1/<date>/door/two_people.jpg.json}; with the camera {@code cam1} of
 * {@code incoming/cam1/a.jpg}, {@code cam1/<date>/a.jpg.json}) so that {@code a.jpg} and {@code a.png}, or
 * {@code x/a.jpg} and {@code y/a.jpg}, never share a result; the last segment when the camera is not in the key.</li>
 * </ul>
 * Every character a key may hold is kept (so {@code a#1.jpg} and {@code a&1.jpg} get results of their own); only
 * control characters and {@code .}/{@code ..} segments are replaced by {@code _}, and a name too long for a key
 * is shortened with a digest of the whole. The key depends only on the reference, so a redelivered event rewrites
 * the same objects: no duplicates. Each object is written whole by one PUT: no partial JSON is ever visible.
 * Thread-safe if the store is.
 *
 * <pre>{@code
 * new ResultWriter(BlobStores.open("s3://bucket/")).write(batch); // results/cam1/2026-11-28/0001.jpg.json
 * }</pre>
 */
public final class ResultWriter {
    /** The default key prefix. */
    public static final String DEFAULT_PREFIX = "results/";
    private static final Pattern UNSAFE = Pattern.compile("[\\x00-\\x1f\\x7f/]");
    private final BlobStore store;
    private final String prefix;
    private final Clock clock;

    /** Writes below {@code results/}, dating undated results with the system clock (UTC). */
    public ResultWriter(BlobStore store) {
        this(store, DEFAULT_PREFIX, Clock.systemUTC());
    }

    /** @param prefix key prefix ({@code ""} for none; a trailing {@code /} is added) */
    public ResultWriter(BlobStore store, String prefix, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        Objects.requireNonNull(prefix, "prefix");
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        if (!this.prefix.isEmpty()) {
            Keys.check(this.prefix);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The key a result is written to. */
    public String keyFor(ImageResult r) {
        ImageRef ref = r.ref();
        String[] segs = segments(ref.uri());
        // the handler decided the camera (Cameras); a reference written directly falls back to the same rule
        String fallback = Cameras.ofKey(String.join("/", segs));
        String camera = ref.camera() != null && !ref.camera().isBlank() ? ref.camera()
                : fallback != null ? fallback : "unknown";
        // the name: the key's segments after the camera's own segment (after the first one when the camera came from
        // it), so sub-folders below the camera stay apart; just the last segment when the camera is not in the key
        int from = segs.length > 1 ? 1 : 0;
        if (ref.camera() != null && !ref.camera().isBlank()) {
            int at = java.util.Arrays.asList(segs).indexOf(ref.camera());
            from = at >= 0 && at < segs.length - 1 ? at + 1 : Math.max(segs.length - 1, 0);
        }
        StringBuilder name = new StringBuilder();
        for (int i = from; i < segs.length; i++) {
            name.append(name.length() == 0 ? "" : "/").append(safe(segs[i]));
        }
        String head = prefix + safe(camera) + "/" + date(ref.timestamp()) + "/";
        return Keys.checkUtf8Length(fit(head, name.length() == 0 ? "image" : name.toString(), ".json"));
    }

    /** Writes one object per result (failures included) and returns their keys in request order. */
    public List<String> write(BatchResult batch) throws IOException {
        List<String> keys = new ArrayList<>(batch.results().size());
        for (ImageResult r : batch.results()) {
            keys.add(write(r));
        }
        return keys;
    }

    /** Writes one result (a redelivered event rewrites the same key) and returns its key. */
    public String write(ImageResult r) throws IOException {
        String key = keyFor(r);
        store.put(key, (ResultJson.line(r) + "\n").getBytes(StandardCharsets.UTF_8));
        return key;
    }

    /** Writes the batch as one JSON Lines object at {@code <prefix><name>} and returns its key. */
    public String writeJsonLines(BatchResult batch, String name) throws IOException {
        String key = Keys.check(prefix + name);
        store.put(key, jsonLines(batch).getBytes(StandardCharsets.UTF_8));
        return key;
    }

    /** The batch as JSON Lines: one result object per line, each line ending with a newline. */
    public static String jsonLines(BatchResult batch) {
        StringBuilder sb = new StringBuilder();
        for (ImageResult r : batch.results()) {
            sb.append(ResultJson.line(r)).append('\n');
        }
        return sb.toString();
    }

    /** Path segments of the object key (storage URI) or of the local path. */
    private static String[] segments(String uri) {
        String path;
        if (uri.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !uri.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                path = BlobStores.locate(URI.create(uri)).key();
            } catch (IllegalArgumentException e) {
                // no provider on the class path (or not a valid URI): take the path after the authority, and after
                // the container for Azure's az://account/container/blob
                path = uri.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]+://[^/]*/?", "");
                if (uri.regionMatches(true, 0, "az:", 0, 3) && path.contains("/")) {
                    path = path.substring(path.indexOf('/') + 1);
                }
            }
        } else {
            // a local file: its directory plays the role of the camera
            Path p = uri.regionMatches(true, 0, "file:", 0, 5) ? FileBlobStoreProvider.path(URI.create(uri)) : Path.of(uri);
            Path parent = p.getParent();
            path = (parent != null && parent.getFileName() != null ? parent.getFileName() + "/" : "") + p.getFileName();
        }
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty() && !s.equals(".") && !s.equals(".."))
                .toArray(String[]::new);
    }

    private String date(String timestamp) {
        if (timestamp != null) {
            try {
                return LocalDate.ofInstant(Instant.parse(timestamp), ZoneOffset.UTC).toString();
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(timestamp).atZoneSameInstant(ZoneOffset.UTC).toLocalDate().toString();
                } catch (DateTimeParseException ignored) {
                    // an unparseable timestamp dates the result by the clock, like a missing one
                }
            }
        }
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
    }

    private static String safe(String s) {
        String t = UNSAFE.matcher(s).replaceAll("_");
        return t.equals(".") || t.equals("..") || t.isEmpty() ? "_" : t;
    }

    /**
     * {@code head + name + suffix}, with the name cut and tagged with 16 hex digits of its SHA-256 when the whole
     * would exceed {@link Keys#MAX_UTF8_BYTES} (distinct long names keep distinct keys).
     */
    static String fit(String head, String name, String suffix) {
        String whole = head + name + suffix;
        if (Keys.utf8Length(whole) <= Keys.MAX_UTF8_BYTES) {
            return whole;
        }
        String tag;
        try {
            tag = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        int budget = Keys.MAX_UTF8_BYTES - Keys.utf8Length(head + "~" + tag + suffix);
        if (budget < 0) {
            throw new IllegalArgumentException("prefix and camera: '" + Keys.quote(head) + "' leave no room for a name");
        }
        StringBuilder cut = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int n = Keys.utf8Length(new String(Character.toChars(cp)));
            if (bytes + n > budget) {
                break;
            }
            cut.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        String c = cut.toString();
        while (c.endsWith("/") || c.endsWith(".")) {
            c = c.substring(0, c.length() - 1); // no empty or dot segment at the cut
        }
        return head + c + "~" + tag + suffix;
    }
}
