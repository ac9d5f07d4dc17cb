package dev.vss.bl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.hla.HlaException;
import dev.vss.hla.face.Embedding;
import dev.vss.hla.gallery.Gallery;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Persists a {@link Gallery} as one versioned object ({@code gallery.json}) in a {@link BlobStore}; every save
 * rewrites it whole (atomic on the local store) with the version increased. Thread-safe.
 */
public final class GalleryStore {
    public static final String KEY = "gallery.json";
    private static final String FORMAT = "vss-gallery";
    private final BlobStore store;

    public GalleryStore(BlobStore store) {
        this.store = store;
    }

    /** A stored gallery and its version. */
    public record Versioned(Gallery gallery, long version) {
    }

    /** The stored gallery, or null if none was saved yet. */
    public Versioned load() throws IOException, HlaException {
        byte[] bytes;
        try {
            bytes = store.get(KEY);
        } catch (NoSuchFileException e) {
            return null;
        }
        JsonNode root = ResultJson.mapper().readTree(bytes);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(KEY + " is not a vss gallery (format field missing)");
        }
        Map<String, List<Embedding>> people = new LinkedHashMap<>();
        String model = root.path("model").asText();
        var it = root.path("people").fields();
        while (it.hasNext()) {
            var e = it.next();
            List<Embedding> list = new ArrayList<>();
            for (JsonNode v : e.getValue()) {
                float[] f = new float[v.size()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) v.get(i).asDouble();
                }
                list.add(new Embedding(f, model));
            }
            people.put(e.getKey(), list);
        }
        return new Versioned(Gallery.of(model, (float) root.path("threshold").asDouble(Gallery.DEFAULT_THRESHOLD), people),
                root.path("version").asLong());
    }

    /** Saves the gallery as the next version and returns it. */
    public long save(Gallery g, long previousVersion) throws IOException {
        ObjectNode root = ResultJson.mapper().createObjectNode();
        root.put("format", FORMAT);
        root.put("version", previousVersion + 1);
        root.put("model", g.model());
        root.put("threshold", g.threshold());
        ObjectNode people = root.putObject("people");
        for (String id : g.ids()) {
            ArrayNode arr = people.putArray(id);
            for (Embedding e : g.embeddings(id)) {
                ArrayNode v = arr.addArray();
                for (float x : e.vector()) {
                    v.add(x);
                }
            }
        }
        store.put(KEY, ResultJson.mapper().writeValueAsBytes(root));
        return previousVersion + 1;
    }
}
