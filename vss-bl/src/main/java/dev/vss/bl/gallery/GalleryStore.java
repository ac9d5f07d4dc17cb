// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.crypto.Envelope;
import dev.vss.bl.crypto.EnvelopeException;
import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.store.BlobConflictException;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.store.LocalBlobStore;
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
 * JSON — a random gallery id, embedding model/precision, threshold, and each person's embeddings. Every change
 * rewrites the object whole with the version increased, then raises the small plaintext marker {@value #VERSION_KEY}
 * so that warm instances can notice a change cheaply ({@link GalleryCache}). Erasing a person writes a new object
 * without any of their embeddings; earlier object versions kept by a versioned bucket must be expired by its
 * lifecycle rules (docs/security.md).
 *
 * <pre>{@code
 * GalleryStore store = new GalleryStore(new LocalBlobStore(dir), LocalKeyWrapper.fromFile(keyFile));
 * store.enrol("alice", List.of(embedding));     // creates the gallery for the embedding's model
 * GalleryStore.Versioned v = store.load();      // null if none was saved yet
 * store.erase("alice");                         // right to erasure
 * }</pre>
 *
 * <p>Concurrent writers: every write is conditional ({@link BlobStore#putIf}: S3/Azure If-Match on the ETag, GCS
 * ifGenerationMatch, a locked compare-and-rename on local files). {@link #enrol}, {@link #erase} and
 * {@link #rotateKey} re-read, re-apply their change and retry after a random, growing pause when another writer got
 * there first, so any number of writers in threads, processes or function instances never lose an acknowledged
 * change; after {@code maxAttempts} lost races they give up with {@link GalleryException.Code#CONFLICT} and nothing
 * of theirs written.
 *
 * <p>Rollback: a gallery older than the highest version of it this store (and its {@link VersionLedger}) has seen is
 * refused with {@link GalleryException.Code#ROLLED_BACK} — an older but authentic copy put back, which would undo
 * erasures. {@link Builder#optAllowRollback} accepts it explicitly; the next write then continues above the
 * highest version seen.
 *
 * <p>Thread-safe.
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
    /** Default number of attempts of one change against concurrent writers. */
    public static final int DEFAULT_MAX_ATTEMPTS = 40;
    private static final String FORMAT = "vss-gallery";
    private static final java.util.regex.Pattern GALLERY_ID = java.util.regex.Pattern.compile("[0-9a-f]{32}");
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private final BlobStore store;
    private final KeyWrapper keys;
    private final VersionLedger ledger;
    /** This store's own marks: kept even when the ledger is another process's file. */
    private final VersionLedger seen = VersionLedger.inMemory();
    private final boolean allowRollback;
    private final int maxAttempts;
    private final long backoffBaseNanos;
    private final long backoffCapNanos;
    private final java.util.concurrent.atomic.AtomicLong conflicts = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A store with an in-memory ledger, rollback refused, {@value #DEFAULT_MAX_ATTEMPTS} attempts per change.
     *
     * @param store where the gallery lives (a folder or a bucket prefix of its own)
     * @param keys  wraps the data keys: {@link dev.vss.bl.crypto.LocalKeyWrapper} or a KMS wrapper
     */
    public GalleryStore(BlobStore store, KeyWrapper keys) {
        this(builder(store, keys));
    }

    private GalleryStore(Builder b) {
        this.store = b.store;
        this.keys = b.keys;
        this.ledger = b.ledger;
        this.allowRollback = b.allowRollback;
        this.maxAttempts = b.maxAttempts;
        this.backoffBaseNanos = b.backoffBase.toNanos();
        this.backoffCapNanos = b.backoffCap.toNanos();
    }

    /** A builder; {@code store} and {@code keys} as for {@link #GalleryStore(BlobStore, KeyWrapper)}. */
    public static Builder builder(BlobStore store, KeyWrapper keys) {
        return new Builder(Objects.requireNonNull(store, "store"), Objects.requireNonNull(keys, "keys"));
    }

    /**
     * A stored gallery and its version (1 for the first save).
     *
     * @param galleryId the random id sealed in the gallery (32 hex digits), null for galleries of earlier builds
     *                  until their next write
     */
    public record Versioned(Gallery gallery, long version, String galleryId) {
        public Versioned(Gallery gallery, long version) {
            this(gallery, version, null);
        }
    }

    public KeyWrapper keys() {
        return keys;
    }

    public BlobStore blobs() {
        return store;
    }

    /** How many conditional writes of this store lost a race and were retried (for tests and metrics). */
    public long conflicts() {
        return conflicts.get();
    }

    /** The gallery as read: its content, the object's version token, and the highest version seen of it. */
    private record Current(Versioned versioned, String token, long highWater, byte[] sealed) {
    }

    /**
     * Reads, authenticates and decrypts the gallery.
     *
     * @return the gallery and its version, or null if none was saved yet
     * @throws GalleryException TAMPERED, WRONG_KEY, NOT_A_GALLERY, UNSUPPORTED_FORMAT or ROLLED_BACK — never an
     *                          empty gallery in place of an unreadable one
     * @throws IOException      if the store, the key service or the ledger cannot be read
     */
    public Versioned load() throws IOException {
        Current c = read(keys);
        return c == null ? null : c.versioned();
    }

    private Current read(KeyWrapper with) throws IOException {
        // A version below the highest seen is either a copy put back or a read that raced a newer write whose
        // version reached the ledger after our GET: read again before calling it a rollback.
        for (int attempt = 1; ; attempt++) {
            try {
                return readOnce(with);
            } catch (GalleryException e) {
                if (e.code() != GalleryException.Code.ROLLED_BACK || attempt >= 3) {
                    throw e;
                }
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Current readOnce(KeyWrapper with) throws IOException {
        BlobStore.Blob blob;
        try {
            blob = store.getVersioned(KEY);
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
            opened = Envelope.open(blob.data(), CONTENT_TYPE, with, name(KEY));
        } catch (EnvelopeException e) {
            throw map(e);
        }
        byte[] plain = opened.plaintext();
        Versioned v;
        try {
            v = decode(plain, opened.header().version());
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        String mark = markId(v.galleryId());
        long high = Math.max(seen.highest(mark), v.galleryId() == null ? 0 : ledger.highest(mark));
        if (v.version() < high) {
            if (!allowRollback) {
                throw new GalleryException(GalleryException.Code.ROLLED_BACK, name(KEY), name(KEY) + " is version "
                        + v.version() + " but version " + high + " of this gallery was seen before (" + ledger
                        + "): an older copy was put back, which would undo later enrolments and erasures. Restore the "
                        + "newest copy, or accept this one explicitly (allow rollback)", null);
            }
        } else {
            remember(v.galleryId(), v.version());
        }
        return new Current(v, blob.version(), Math.max(high, v.version()), blob.data());
    }

    /** The ledger key of a gallery: its id, or the object's name for a gallery of an earlier build (no id). */
    private String markId(String galleryId) {
        return galleryId != null ? galleryId : "legacy:" + name(KEY);
    }

    private void remember(String galleryId, long version) throws IOException {
        seen.record(markId(galleryId), version);
        if (galleryId != null) {
            ledger.record(galleryId, version);
        }
    }

    /**
     * The version of the last save, cheaply: from the {@value #VERSION_KEY} marker, else (marker missing or
     * unreadable) from the object's header, else 0 if there is no gallery. Not authenticated: use it to decide
     * whether to {@link #load()} again, never as the gallery's version.
     */
    public long storedVersion() throws IOException {
        long m = marker(null);
        return m > 0 ? m : objectVersion();
    }

    /** The marker's version, 0 if it is missing or unreadable; its version token goes to {@code token[0]}. */
    private long marker(String[] token) throws IOException {
        try {
            BlobStore.Blob b = store.getVersioned(VERSION_KEY);
            if (token != null) {
                token[0] = b.version();
            }
            String s = new String(b.data(), StandardCharsets.US_ASCII).strip();
            return s.matches("[0-9]{1,18}") ? Long.parseLong(s) : 0;
        } catch (NoSuchFileException e) {
            // written after the object: a missing marker means no gallery, or a writer stopped in between
            return 0;
        }
    }

    /**
     * Saves {@code g} as version {@code previousVersion + 1}, if the stored gallery is still at
     * {@code previousVersion} (one conditional write, no retry: {@code g} was derived from that version).
     *
     * @param previousVersion the version {@code g} was derived from, 0 for a new gallery
     * @return the new version
     * @throws GalleryException CONFLICT if the stored version is no longer {@code previousVersion}; the mapped
     *                          envelope error if the stored object is unreadable (it is never silently overwritten)
     */
    public long save(Gallery g, long previousVersion) throws IOException {
        Objects.requireNonNull(g, "g");
        if (previousVersion < 0) {
            throw new IllegalArgumentException("previousVersion: " + previousVersion + " is negative");
        }
        Current c = read(keys);
        long stored = c == null ? 0 : c.versioned().version();
        if (stored != previousVersion) {
            throw conflict(stored, previousVersion);
        }
        Sealed sealed = seal(g, c, keys);
        try {
            store.putIf(KEY, sealed.bytes(), c == null ? null : c.token());
        } catch (BlobConflictException e) {
            conflicts.incrementAndGet();
            Current now = read(keys);
            if (now == null || !Arrays.equals(now.sealed(), sealed.bytes())) {
                throw new GalleryException(GalleryException.Code.CONFLICT, name(KEY), name(KEY) + " was changed by "
                        + "another writer while this change to version " + previousVersion + " was saved; load it "
                        + "again and retry", e);
            }
        }
        return committed(sealed).version();
    }

    private GalleryException conflict(long stored, long previousVersion) {
        return new GalleryException(GalleryException.Code.CONFLICT, name(KEY), name(KEY) + " is at version " + stored
                + " but this change was made to version " + previousVersion + "; load it again and retry", null);
    }

    /** A change of the gallery: the new gallery, or null for "nothing to change". */
    @FunctionalInterface
    public interface Change {
        /** @param current the stored gallery, null if there is none yet */
        Gallery apply(Gallery current) throws HlaException;
    }

    /**
     * Applies {@code change} to the stored gallery and writes the result conditionally; when another writer got
     * there first, reads again, re-applies and retries (at most {@code maxAttempts} times, pausing a random,
     * growing time in between). The change may run several times and must depend only on its argument.
     *
     * @return the gallery written, or the stored one (null if none) when the change returned null
     * @throws GalleryException CONFLICT after {@code maxAttempts} lost races (nothing of this change written), or
     *                          any error of {@link #load()}
     * @throws HlaException     thrown by the change (nothing written)
     */
    public Versioned update(Change change) throws IOException, HlaException {
        return update(change, keys);
    }

    private Versioned update(Change change, KeyWrapper sealWith) throws IOException, HlaException {
        Objects.requireNonNull(change, "change");
        Sealed pending = null;
        for (int attempt = 1; ; attempt++) {
            Current c = read(keys);
            if (pending != null && c != null && Arrays.equals(c.sealed(), pending.bytes())) {
                // the "conflict" was our own write: it landed, but its answer was lost and the retried request
                // found it (a 412 to our own If-None-Match / If-Match)
                return committed(pending);
            }
            Gallery next = change.apply(c == null ? null : c.versioned().gallery());
            if (next == null) {
                return c == null ? null : c.versioned();
            }
            pending = seal(next, c, sealWith);
            try {
                store.putIf(KEY, pending.bytes(), c == null ? null : c.token());
                return committed(pending);
            } catch (BlobConflictException e) {
                conflicts.incrementAndGet();
                if (attempt >= maxAttempts) {
                    throw new GalleryException(GalleryException.Code.CONFLICT, name(KEY), name(KEY) + " kept being "
                            + "changed by other writers: this change lost " + attempt + " races in a row and was not "
                            + "saved; retry it", e);
                }
                pause(attempt);
            }
        }
    }

    /** "Full jitter": a random pause up to base * 2^attempt, capped, so racing writers spread out. */
    private void pause(int attempt) throws java.io.InterruptedIOException {
        long ceiling = Math.min(backoffCapNanos, backoffBaseNanos << Math.min(attempt, 20));
        long nanos = ceiling <= 0 ? 0 : java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling + 1);
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while retrying a gallery write");
        }
    }

    /** A sealed gallery ready to write. */
    private record Sealed(Versioned versioned, byte[] bytes) {
    }

    /**
     * Seals {@code g} as the version after the highest seen — of this gallery by this store and its ledger, and
     * of the reload marker, so that a version number never names two different objects even after a rollback was
     * accepted.
     */
    private Sealed seal(Gallery g, Current c, KeyWrapper sealWith) throws IOException {
        long next = Math.max(c == null ? 0 : c.highWater(), marker(null)) + 1;
        String id = c != null && c.versioned().galleryId() != null ? c.versioned().galleryId() : newId();
        byte[] plain = encode(g, id);
        try {
            return new Sealed(new Versioned(g, next, id), Envelope.seal(CONTENT_TYPE, next, plain, sealWith));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encrypt " + name(KEY) + " with key '" + sealWith.keyId() + "': "
                    + e.getMessage(), e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** After a successful write: raise the marks and the reload marker. */
    private Versioned committed(Sealed s) throws IOException {
        Versioned v = s.versioned();
        remember(v.galleryId(), v.version());
        raiseMarker(v.version());
        return v;
    }

    /**
     * Raises the reload marker to {@code version} (conditionally, so a slower writer never lowers it). The change
     * is saved already: a marker that cannot be written only delays reloads, and readers fall back on the object's
     * header when the marker is missing.
     */
    private void raiseMarker(long version) {
        byte[] text = (version + "\n").getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                String[] token = {null};
                if (marker(token) >= version) {
                    return;
                }
                store.putIf(VERSION_KEY, text, token[0]);
                return;
            } catch (BlobConflictException e) {
                // another writer raised it meanwhile: look again
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    /**
     * Adds embeddings to a person (created if new), creating the gallery for the embeddings' model with
     * {@link Gallery#DEFAULT_THRESHOLD} if there is none, and saves it; retried against concurrent writers.
     *
     * @throws HlaException GALLERY_MISMATCH if the gallery holds embeddings of another model or precision; nothing
     *                      is written then
     */
    public Versioned enrol(String id, List<Embedding> embeddings) throws IOException, HlaException {
        Gallery.checkId(id);
        if (embeddings == null || embeddings.isEmpty()) {
            throw new IllegalArgumentException("embeddings: none to enrol for " + id);
        }
        List<Embedding> es = List.copyOf(embeddings);
        return update(g -> (g == null ? Gallery.empty(es.get(0).model(), Gallery.DEFAULT_THRESHOLD) : g).enrol(id, es));
    }

    /**
     * Erases a person and every embedding of theirs (right to erasure) by writing a new version without them;
     * retried against concurrent writers.
     *
     * @return the resulting gallery; unchanged (no write) if the person is not enrolled; null if there is no gallery
     */
    public Versioned erase(String id) throws IOException {
        try {
            return update(g -> g == null || !g.ids().contains(id) ? null : g.remove(id));
        } catch (HlaException e) {
            throw new IllegalStateException("removing a person cannot fail: " + e.getMessage(), e);
        }
    }

    /**
     * Re-encrypts the gallery under another wrapping key (key rotation) as the next version. Read it afterwards
     * with {@code new GalleryStore(blobs(), next)}; earlier versions stay readable only with the old key.
     *
     * @return the re-encrypted gallery, or null if there is none
     */
    public Versioned rotateKey(KeyWrapper next) throws IOException {
        Objects.requireNonNull(next, "next");
        try {
            return update(g -> g, next);
        } catch (HlaException e) {
            throw new IllegalStateException("re-encrypting cannot fail: " + e.getMessage(), e);
        }
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

    /**
     * The plaintext: {"format":"vss-gallery","id":"<32 hex>","model":...,"threshold":...,
     * "people":{"id":[[floats],...]}}.
     */
    private static byte[] encode(Gallery g, String galleryId) throws IOException {
        ObjectNode root = ResultJson.mapper().createObjectNode();
        root.put("format", FORMAT);
        root.put("id", galleryId);
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

    private Versioned decode(byte[] plain, long version) throws GalleryException {
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
        String galleryId = null;
        if (root.has("id")) {
            galleryId = root.path("id").asText("");
            if (!GALLERY_ID.matcher(galleryId).matches()) {
                throw notAGallery("its id is not 32 hex digits");
            }
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
            return new Versioned(Gallery.of(model, root.path("threshold").floatValue(), people), version, galleryId);
        } catch (HlaException | IllegalArgumentException e) {
            throw notAGallery(e.getMessage());
        }
    }

    private GalleryException notAGallery(String why) {
        return new GalleryException(GalleryException.Code.NOT_A_GALLERY, name(KEY), name(KEY)
                + " authenticated but is not a vss gallery: " + why, null);
    }

    /** Builder of a {@link GalleryStore}; everything but the store and keys is optional. */
    public static final class Builder {
        private final BlobStore store;
        private final KeyWrapper keys;
        private VersionLedger ledger = VersionLedger.inMemory();
        private boolean allowRollback;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private java.time.Duration backoffBase = java.time.Duration.ofMillis(5);
        private java.time.Duration backoffCap = java.time.Duration.ofMillis(500);

        private Builder(BlobStore store, KeyWrapper keys) {
            this.store = store;
            this.keys = keys;
        }

        /**
         * Where the highest versions seen are kept (default: in memory, for the life of the store). The CLI keeps
         * them in {@link VersionLedger#file} so that rollback is caught across runs.
         */
        public Builder optLedger(VersionLedger l) {
            ledger = Objects.requireNonNull(l, "ledger");
            return this;
        }

        /**
         * Accept a gallery older than the highest version seen (a deliberate restore of a backup). Off by default:
         * such a gallery is refused with ROLLED_BACK. The next write continues above the highest version seen.
         */
        public Builder optAllowRollback(boolean allow) {
            allowRollback = allow;
            return this;
        }

        /** Attempts of one change against concurrent writers before CONFLICT (default {@value GalleryStore#DEFAULT_MAX_ATTEMPTS}). */
        public Builder optMaxAttempts(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxAttempts: " + n + " must be at least 1");
            }
            maxAttempts = n;
            return this;
        }

        /** The pause after the n-th lost race is random in [0, min(cap, base * 2^n)] (default 5 ms, 500 ms). */
        public Builder optBackoff(java.time.Duration base, java.time.Duration cap) {
            if (base == null || cap == null || base.isNegative() || cap.compareTo(base) < 0) {
                throw new IllegalArgumentException("backoff: base " + base + " and cap " + cap
                        + " must be non-negative with cap >= base");
            }
            backoffBase = base;
            backoffCap = cap;
            return this;
        }

        public GalleryStore build() {
            return new GalleryStore(this);
        }
    }
}
