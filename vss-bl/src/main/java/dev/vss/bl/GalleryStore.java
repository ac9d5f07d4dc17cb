// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.crypto.Envelope;
import dev.vss.bl.crypto.EnvelopeException;
import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.hla.HlaException;
import dev.vss.hla.face.Embedding;
import dev.vss.hla.gallery.Gallery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Persists a {@link Gallery} in a {@link BlobStore} as one versioned, encrypted object, {@value #KEY}: an
 * AES-256-GCM {@link Envelope} (fresh data key per write, wrapped by a {@link KeyWrapper}) around the gallery's
 * JSON — embedding model/precision, threshold, and each person's embeddings. Every save rewrites the object whole
 * (atomically on the local store; a single PUT on object stores) with the version increased, then writes the
 * small plaintext marker {@value #VERSION_KEY} holding that version so that warm instances can notice a change
 * cheaply ({@link GalleryCache}). Erasing a person writes a new object without any of their embeddings; earlier
 * object versions kept by a versioned bucket must be expired by its lifecycle rules (docs/security.md).
 *
 * <pre>{@code
 * GalleryStore store = new GalleryStore(new LocalBlobStore(dir), LocalKeyWrapper.fromEnvironment());
 * store.enrol("alice", List.of(embedding));     // creates the gallery for the embedding's model
 * GalleryStore.Versioned v = store.load();      // null if none was saved yet
 * store.erase("alice");                         // right to erasure
 * }</pre>
 *
 * <p>Thread-safe; writes through one instance are serialised. Writers in other processes are detected on save
 * (the stored version must still be the one loaded, else {@link GalleryException.Code#CONFLICT}); the check is
 * best-effort, since the {@link BlobStore} interface has no conditional write.
 */
public final class GalleryStore {
    /** The encrypted gallery object. */
    public static final String KEY = "gallery.json.enc";
    /** Plaintext marker with the version of the last write (not authenticated: a reload hint only). */
    public static final String VERSION_KEY = "gallery.version";
    /** The envelope's content type. */
    public static final String CONTENT_TYPE = "vss-gallery";
    /** The plaintext gallery of earlier builds; refused rather than ignored. */
    public static final String LEGACY_KEY = "gallery.json";
    private static final String FORMAT = "vss-gallery";
    private final BlobStore store;
    private final KeyWrapper keys;

    /**
     * @param store where the gallery lives (a folder or a bucket prefix of its own)
     * @param keys  wraps the data keys: {@link dev.vss.bl.crypto.LocalKeyWrapper} or a KMS wrapper
     */
    public GalleryStore(BlobStore store, KeyWrapper keys) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
    }


    /** A stored gallery and its version (1 for the first save). */
    public record Versioned(Gallery gallery, long version) {
    }

    public KeyWrapper keys() {
        return keys;
    }

    public BlobStore blobs() {
        return store;
    }

    /**
     * Reads, authenticates and decrypts the gallery.
     *
     * @return the gallery and its version, or null if none was saved yet
     * @throws GalleryException TAMPERED, WRONG_KEY, NOT_A_GALLERY or UNSUPPORTED_FORMAT — never an empty gallery
     *                          in place of an unreadable one
     * @throws IOException      if the store or the key service cannot be read
     */
    public Versioned load() throws IOException {
        byte[] sealed;
        try {
            sealed = store.get(KEY);
        } catch (NoSuchFileException e) {
            if (store.exists(LEGACY_KEY)) {
                throw new GalleryException(GalleryException.Code.NOT_A_GALLERY, name(LEGACY_KEY), name(LEGACY_KEY)
                        + " is a plaintext gallery of an earlier vss build and is no longer read; delete it and enrol "
                        + "the people again (the gallery is now stored encrypted in " + KEY + ")", null);
            }
            return null;
        }
        Envelope.Opened opened;
        try {
            opened = Envelope.open(sealed, CONTENT_TYPE, keys, name(KEY));
        } catch (EnvelopeException e) {
            throw map(e);
        }
        byte[] plain = opened.plaintext();
        try {
            return new Versioned(decode(plain), opened.header().version());
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * The version of the last save, cheaply: from the {@value #VERSION_KEY} marker, else (marker missing or
     * unreadable) from the object's header, else 0 if there is no gallery. Not authenticated: use it to decide
     * whether to {@link #load()} again, never as the gallery's version.
     */
    public long storedVersion() throws IOException {
        try {
            String s = new String(store.get(VERSION_KEY), StandardCharsets.US_ASCII).strip();
            if (s.matches("[0-9]{1,18}")) {
                return Long.parseLong(s);
            }
        } catch (NoSuchFileException e) {
            // written after the object: a missing marker means no gallery, or a writer stopped in between
        }
        return objectVersion();
    }

    /**
     * Saves {@code g} as version {@code previousVersion + 1}.
     *
     * @param previousVersion the version {@code g} was derived from, 0 for a new gallery
     * @return the new version
     * @throws GalleryException CONFLICT if the stored version is no longer {@code previousVersion}; the mapped
     *                          envelope error if the stored object is unreadable (it is never silently overwritten)
     */
    public synchronized long save(Gallery g, long previousVersion) throws IOException {
        Objects.requireNonNull(g, "g");
        if (previousVersion < 0) {
            throw new IllegalArgumentException("previousVersion: " + previousVersion + " is negative");
        }
        long stored = objectVersion();
        if (stored != previousVersion) {
            throw new GalleryException(GalleryException.Code.CONFLICT, name(KEY), name(KEY) + " is at version " + stored
                    + " but this change was made to version " + previousVersion + "; load it again and retry", null);
        }
        long next = previousVersion + 1;
        byte[] plain = encode(g);
        byte[] sealed;
        try {
            sealed = Envelope.seal(CONTENT_TYPE, next, plain, keys);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encrypt " + name(KEY) + " with key '" + keys.keyId() + "': " + e.getMessage(), e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        store.put(KEY, sealed);
        // The marker goes second: a reader that sees the new version is sure to find the new object.
        store.put(VERSION_KEY, (next + "\n").getBytes(StandardCharsets.US_ASCII));
        return next;
    }

    /**
     * Adds embeddings to a person (created if new), creating the gallery for the embeddings' model with
     * {@link Gallery#DEFAULT_THRESHOLD} if there is none, and saves it.
     *
     * @throws HlaException GALLERY_MISMATCH if the gallery holds embeddings of another model or precision; nothing
     *                      is written then
     */
    public synchronized Versioned enrol(String id, List<Embedding> embeddings) throws IOException, HlaException {
        Gallery.checkId(id);
        if (embeddings == null || embeddings.isEmpty()) {
            throw new IllegalArgumentException("embeddings: none to enrol for " + id);
        }
        Versioned v = load();
        Gallery g = v == null ? Gallery.empty(embeddings.get(0).model(), Gallery.DEFAULT_THRESHOLD) : v.gallery();
        g = g.enrol(id, embeddings);
        return new Versioned(g, save(g, v == null ? 0 : v.version()));
    }

    /**
     * Erases a person and every embedding of theirs (right to erasure) by writing a new version without them.
     *
     * @return the resulting gallery; unchanged (no write) if the person is not enrolled; null if there is no gallery
     */
    public synchronized Versioned erase(String id) throws IOException {
        Versioned v = load();
        if (v == null || !v.gallery().ids().contains(id)) {
            return v;
        }
        Gallery g = v.gallery().remove(id);
        return new Versioned(g, save(g, v.version()));
    }

    /**
     * Re-encrypts the gallery under another wrapping key (key rotation) as the next version. Read it afterwards
     * with {@code new GalleryStore(blobs(), next)}; earlier versions stay readable only with the old key.
     *
     * @return the re-encrypted gallery, or null if there is none
     */
    public synchronized Versioned rotateKey(KeyWrapper next) throws IOException {
        Versioned v = load();
        if (v == null) {
            return null;
        }
        return new Versioned(v.gallery(), new GalleryStore(store, next).save(v.gallery(), v.version()));
    }

    /** The version in the object's header (unauthenticated), 0 if there is no object. */
    private long objectVersion() throws IOException {
        try {
            return Envelope.header(store.get(KEY), name(KEY)).version();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (EnvelopeException e) {
            throw map(e);
        }
    }

    private GalleryException map(EnvelopeException e) {
        GalleryException.Code code = switch (e.reason()) {
            case NOT_AN_ENVELOPE -> GalleryException.Code.NOT_A_GALLERY;
            case UNSUPPORTED_FORMAT -> GalleryException.Code.UNSUPPORTED_FORMAT;
            case TAMPERED -> GalleryException.Code.TAMPERED;
            case WRONG_KEY -> GalleryException.Code.WRONG_KEY;
        };
        String msg = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
        String hint = switch (code) {
            case TAMPERED -> "; restore a good copy (the gallery is not loaded in its place)";
            case WRONG_KEY -> "; configure the key it was written with";
            default -> "";
        };
        return new GalleryException(code, name(KEY), msg + hint, e);
    }

    /** The object's name for messages: its file on the local store, else its key. */
    private String name(String key) {
        return store instanceof LocalBlobStore l ? l.resolve(key).toString() : key;
    }

    /** The plaintext: {"format":"vss-gallery","model":...,"threshold":...,"people":{"id":[[floats],...]}}. */
    private static byte[] encode(Gallery g) throws IOException {
        ObjectNode root = ResultJson.mapper().createObjectNode();
        root.put("format", FORMAT);
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
        return ResultJson.mapper().writeValueAsBytes(root);
    }

    private Gallery decode(byte[] plain) throws GalleryException {
        // Causes are dropped on purpose: parser messages may quote the plaintext, i.e. embedding values.
        JsonNode root;
        try {
            root = ResultJson.mapper().readTree(plain);
        } catch (IOException e) {
            throw notAGallery("its decrypted content is not JSON");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw notAGallery("its decrypted content has no \"format\": \"" + FORMAT + "\"");
        }
        String model = root.path("model").asText("");
        if (model.isEmpty() || !root.path("threshold").isNumber() || !root.path("people").isObject()) {
            throw notAGallery("model, threshold or people missing");
        }
        Map<String, List<Embedding>> people = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("people").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray()) {
                throw notAGallery("a person's embeddings are not a list");
            }
            List<Embedding> list = new ArrayList<>();
            for (JsonNode v : e.getValue()) {
                float[] f = new float[v.size()];
                for (int i = 0; i < f.length; i++) {
                    if (!v.get(i).isNumber()) {
                        throw notAGallery("an embedding holds a non-number");
                    }
                    f[i] = v.get(i).floatValue();
                }
                try {
                    list.add(new Embedding(f, model));
                } catch (IllegalArgumentException ex) {
                    throw notAGallery("an embedding is invalid (" + ex.getMessage() + ")");
                }
            }
            people.put(e.getKey(), list);
        }
        try {
            return Gallery.of(model, root.path("threshold").floatValue(), people);
        } catch (HlaException | IllegalArgumentException e) {
            throw notAGallery(e.getMessage());
        }
    }

    private GalleryException notAGallery(String why) {
        return new GalleryException(GalleryException.Code.NOT_A_GALLERY, name(KEY), name(KEY)
                + " authenticated but is not a vss gallery: " + why, null);
    }
}
