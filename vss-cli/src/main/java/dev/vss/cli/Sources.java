package dev.vss.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.AnalyzeRequest;
import dev.vss.bl.BlobStore;
import dev.vss.bl.ImageRef;
import dev.vss.bl.ResultJson;
import dev.vss.bl.events.EventParser;
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
            URI prefix = URI.create(s.endsWith("/") ? s : s + "/");
            BlobStore store = BlobStores.open(prefix);
            String base = prefix.getPath() == null ? "" : prefix.getPath().replaceFirst("^/", "");
            for (String key : store.list("")) {
                String n = key.toLowerCase(Locale.ROOT);
                if (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp")) {
                    out.add(StorageUris.of(prefix.getScheme(), prefix.getAuthority(), base + key));
                }
            }
        }
        Inputs.expand(local).forEach(p -> out.add(p.toString()));
        return out;
    }

    /** One event for a batch: an S3 notification parsed by EventParser for s3:// objects, else direct refs. */
    static AnalyzeRequest event(List<String> batch) {
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
            return EventParser.parse(root.toString());
        }
        return AnalyzeRequest.of(batch.stream().map(ImageRef::of).toList());
    }
}
