package dev.vss.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.store.BlobStores;
import dev.vss.bl.store.StorageUris;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Image sources of run-local: local files/folders or one storage prefix, and the events that carry them. */
final class Sources {
    private Sources() {
    }

    static boolean isStorage(String s) {
        return s.contains("://") && !s.startsWith("file:");
    }

    /** Image references: paths for local sources, object URIs for a storage prefix. */
    static List<String> images(List<String> sources) throws IOException {
        List<String> out = new ArrayList<>();
        List<Path> local = new ArrayList<>();
        for (String s : sources) {
            if (!isStorage(s)) {
                local.add(Path.of(s));
                continue;
            }
            // as typed: a space, '#' or a non-ASCII letter is part of the key (StorageUris.parseLocation)
            URI typed = StorageUris.parseLocation("source", s);
            if (!s.endsWith("/")) {
                // an object, when it exists; else a prefix without its trailing '/'
                var loc = BlobStores.locate(typed);
                if (!loc.key().isEmpty() && BlobStores.provider(typed).openContainer(loc.container()).exists(loc.key())) {
                    out.add(typed.toASCIIString());
                    continue;
                }
            }
            URI prefix = StorageUris.parseLocation("source", s.endsWith("/") ? s : s + "/");
            BlobStore store = BlobStores.open(prefix);
            String base = StorageUris.key(prefix);
            int before = out.size();
            for (String key : store.list("")) {
                String n = key.toLowerCase(Locale.ROOT);
                if (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp")) {
                    // unvalidated: a key vss refuses fails alone when read, not the whole listing
                    out.add(StorageUris.ofListed(prefix.getScheme(), prefix.getAuthority(), base + key));
                }
            }
            if (out.size() == before && !s.endsWith("/")) {
                out.add(typed.toASCIIString()); // neither an object nor a prefix with images: its own NOT_FOUND line
            }
        }
        // local files as file: URIs, read through the same source as storage objects
        Inputs.expand(local).forEach(p -> out.add(p.toAbsolutePath().normalize().toUri().toString()));
        return out;
    }

    /**
     * One event for a batch, as JSON: an S3 notification for s3:// objects (as S3 would send it), else a direct
     * invocation ({@code {"images":[...]}}).
     */
    static String eventJson(List<String> batch) {
        if (!batch.isEmpty() && batch.stream().allMatch(u -> u.startsWith("s3://"))) {
            ObjectNode root = ResultJson.mapper().createObjectNode();
            ArrayNode records = root.putArray("Records");
            for (String u : batch) {
                URI uri = URI.create(u);
                ObjectNode r = records.addObject();
                r.put("eventVersion", "2.1");
                r.put("eventSource", "aws:s3");
                r.put("awsRegion", "us-east-1");
                r.put("eventTime", Instant.now().toString());
                r.put("eventName", "ObjectCreated:Put");
                ObjectNode s3 = r.putObject("s3");
                s3.putObject("bucket").put("name", uri.getAuthority());
                // S3 notifications URL-encode keys (spaces as '+')
                s3.putObject("object").put("key", URLEncoder.encode(StorageUris.key(uri), StandardCharsets.UTF_8)
                        .replace("%2F", "/"));
            }
            return root.toString();
        }
        ObjectNode root = ResultJson.mapper().createObjectNode();
        ArrayNode images = root.putArray("images");
        batch.forEach(images::add);
        return root.toString();
    }
}
