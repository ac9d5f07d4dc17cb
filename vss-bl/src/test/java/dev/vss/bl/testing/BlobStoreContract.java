// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.gallery.GalleryException;
import dev.vss.bl.gallery.GalleryStore;
import dev.vss.bl.store.BlobConflictException;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.store.ObjectTooLargeException;
import dev.vss.hla.face.Embedding;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every {@link BlobStore} must do, run by each store's test against its real server (the local file system,
 * s3proxy, Azurite, the GCS emulator): conditional writes, a gallery under concurrent writers, rollback refusal,
 * keys with every legal character, the byte limit. Shared through vss-bl's test jar.
 */
public final class BlobStoreContract {
    public static final String MODEL = "face-reidentification-retail-0095/FP16-INT8";

    /** Keys that the three clouds all allow and that older builds refused or mangled. */
    public static final List<String> LEGAL_KEYS = List.of("caf\u00e9.jpg", "a#1.jpg", "a&b.jpg", "$x.jpg", "[0].jpg",
            "front door.jpg", "a+b.jpg", "100%.jpg", "%41%2B.jpg", "\u6771\u4eac/\u5199\u771f.jpg", "\ud83d\udcf7.jpg",
            "a?b=c;d.jpg", "q'u\"o`te.jpg", "{}|^<>~.jpg", "-dash.jpg", "@at,comma:colon.jpg", "tab\u00a0nbsp.jpg");

    private BlobStoreContract() {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static Embedding vector(Random r) {
        float[] v = new float[256];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Embedding(v, MODEL);
    }

    public static KeyWrapper newKey() throws Exception {
        return LocalKeyWrapper.fromBase64(LocalKeyWrapper.newKeyBase64(), "test");
    }

    /** Create-only, match, stale token, deleted object: each refused with a conflict and nothing written. */
    public static void conditionalWrites(BlobStore s, String key) throws Exception {
        String v1 = s.putIf(key, b("one"), null);
        assertThat(v1).isNotBlank();
        assertThat(catchThrowableOfType(BlobConflictException.class, () -> s.putIf(key, b("two"), null)))
                .as("create-only over an existing object").hasMessageStartingWith("CONFLICT");
        assertThat(s.get(key)).isEqualTo(b("one"));
        BlobStore.Blob read = s.getVersioned(key);
        assertThat(read.data()).isEqualTo(b("one"));
        assertThat(read.version()).isEqualTo(v1);
        String v2 = s.putIf(key, b("three"), read.version());
        assertThat(v2).isNotEqualTo(v1);
        assertThat(s.getVersioned(key).version()).isEqualTo(v2);
        assertThatThrownBy(() -> s.putIf(key, b("stale"), v1)).as("a stale version")
                .isInstanceOf(BlobConflictException.class);
        assertThat(s.get(key)).isEqualTo(b("three"));
        s.put(key, b("unconditional"));
        assertThatThrownBy(() -> s.putIf(key, b("stale"), v2)).as("after an unconditional write")
                .isInstanceOf(BlobConflictException.class);
        s.delete(key);
        assertThatThrownBy(() -> s.putIf(key, b("stale"), v2)).as("after a delete")
                .isInstanceOf(BlobConflictException.class);
        assertThat(s.exists(key)).isFalse();
        assertThatThrownBy(() -> s.getVersioned(key)).isInstanceOf(NoSuchFileException.class);
    }

    /** The outcome of {@link #concurrentGallery}. */
    public record Outcome(int writers, int acknowledged, int lost, int erasedBack, long conflictsRetried,
                          long finalVersion) {
        @Override
        public String toString() {
            return writers + " writers: " + acknowledged + " acknowledged changes, " + lost + " enrolments lost, "
                    + erasedBack + " erased people back, " + conflictsRetried + " lost races retried, final version "
                    + finalVersion;
        }
    }

    /**
     * {@code writers} threads, each with its own {@link GalleryStore} over its own store from {@code stores}, erase
     * one pre-enrolled person and enrol {@code each} new ones, all at once. Asserts that every acknowledged
     * enrolment is in the final gallery and no erased person is.
     */
    public static Outcome concurrentGallery(Supplier<BlobStore> stores, int writers, int each) throws Exception {
        KeyWrapper key = newKey();
        GalleryStore setup = new GalleryStore(stores.get(), key);
        Random r0 = new Random(1);
        for (int w = 0; w < writers; w++) {
            setup.enrol("old" + w, List.of(vector(r0)));
        }
        Set<String> enrolled = ConcurrentHashMap.newKeySet();
        Set<String> erased = ConcurrentHashMap.newKeySet();
        List<GalleryStore> used = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            used.add(new GalleryStore(stores.get(), key));
        }
        List<String> failures = Concurrently.run(writers, id -> {
            GalleryStore g = used.get(id);
            Random r = new Random(100 + id);
            for (int i = 0; i < each; i++) {
                if (i == each / 2) {
                    g.erase("old" + id);
                    erased.add("old" + id);
                }
                String p = "w" + id + "_" + i;
                g.enrol(p, List.of(vector(r)));
                enrolled.add(p);
            }
        });
        GalleryStore.Versioned end = new GalleryStore(stores.get(), key).load();
        Set<String> ids = new TreeSet<>(end.gallery().ids());
        int lost = (int) enrolled.stream().filter(p -> !ids.contains(p)).count();
        int back = (int) erased.stream().filter(ids::contains).count();
        long retried = used.stream().mapToLong(GalleryStore::conflicts).sum();
        Outcome o = new Outcome(writers, enrolled.size() + erased.size(), lost, back, retried, end.version());
        assertThat(failures).as("writers that failed").isEmpty();
        assertThat(enrolled).hasSize(writers * each);
        assertThat(lost).as("acknowledged enrolments missing").isZero();
        assertThat(back).as("erased people back").isZero();
        assertThat(ids).hasSize(writers * each);
        assertThat(end.version()).as("one version per change").isEqualTo(writers + writers * each + writers);
        return o;
    }

    /** An older gallery object put back after an erasure is refused; the erased person does not come back. */
    public static void rollbackRefused(BlobStore s) throws Exception {
        KeyWrapper key = newKey();
        GalleryStore admin = new GalleryStore(s, key);
        Random r = new Random(3);
        admin.enrol("alice", List.of(vector(r)));
        admin.enrol("bob", List.of(vector(r)));
        byte[] withBob = s.get(GalleryStore.KEY);
        admin.erase("bob");
        s.put(GalleryStore.KEY, withBob); // e.g. restored from an earlier object version
        GalleryException e = catchThrowableOfType(GalleryException.class, admin::load);
        assertThat(e.code()).isEqualTo(GalleryException.Code.ROLLED_BACK);
        assertThat(e).hasMessageContaining("version 2").hasMessageContaining("version 3");
        assertThat(catchThrowableOfType(GalleryException.class, () -> admin.enrol("carol", List.of(vector(r)))).code())
                .as("no change is made on top of a rolled-back gallery").isEqualTo(GalleryException.Code.ROLLED_BACK);
        GalleryStore restore = GalleryStore.builder(s, key).optAllowRollback(true).build();
        restore.load();
        GalleryStore.Versioned after = restore.erase("bob");
        assertThat(after.gallery().ids()).containsExactly("alice");
        assertThat(after.version()).as("continues above the highest version seen").isEqualTo(4);
        assertThat(admin.load().gallery().ids()).containsExactly("alice");
    }

    /**
     * Put, replace, get, list, exists, idempotent delete and a missing key named by its URI ({@code uri} is the
     * store's, ending in /); {@code contentType} reads the content type the cloud recorded for a key.
     */
    public static void roundTrip(BlobStore s, String uri, Function<String, String> contentType) throws Exception {
        s.put("cam1/front door.jpg", b("jpeg"));
        s.put("cam1/b.json", b("{}"));
        s.put("cam1/b.json", b("{\"v\":2}")); // replaced
        s.put("cam2/c.json", b("{}"));
        assertThat(s.get("cam1/front door.jpg")).isEqualTo(b("jpeg"));
        assertThat(s.get("cam1/b.json")).isEqualTo(b("{\"v\":2}"));
        assertThat(contentType.apply("cam1/b.json")).isEqualTo("application/json");
        assertThat(s.list("cam1/")).containsExactly("cam1/b.json", "cam1/front door.jpg");
        assertThat(s.list("")).hasSize(3);
        assertThat(s.exists("cam2/c.json")).isTrue();
        s.delete("cam2/c.json");
        s.delete("cam2/c.json"); // idempotent
        assertThat(s.exists("cam2/c.json")).isFalse();
        assertThatThrownBy(() -> s.get("cam1/missing.jpg")).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(uri + "cam1/missing.jpg");
    }

    /** Every legal key written, read and listed back under {@code prefix} exactly as written. */
    public static void legalKeys(BlobStore s, String prefix, List<String> keys) throws Exception {
        for (String k : keys) {
            s.put(prefix + k, b(k));
        }
        for (String k : keys) {
            assertThat(new String(s.get(prefix + k), StandardCharsets.UTF_8)).as(k).isEqualTo(k);
            assertThat(s.size(prefix + k)).as(k).isEqualTo(b(k).length);
        }
        List<String> expected = keys.stream().map(k -> prefix + k).sorted().toList();
        assertThat(s.list(prefix)).containsExactlyElementsOf(expected);
    }

    /** The size from metadata, a refusal from it before reading, and reads at or under the limit. */
    public static void byteLimit(BlobStore s, String key, int bytes) throws Exception {
        s.put(key, new byte[bytes]);
        assertThat(s.size(key)).isEqualTo(bytes);
        assertThat(s.get(key, bytes)).hasSize(bytes);
        ObjectTooLargeException e = catchThrowableOfType(ObjectTooLargeException.class, () -> s.get(key, bytes - 1));
        assertThat(e.size()).as("known from the metadata, before reading").isEqualTo(bytes);
        assertThat(e.limit()).isEqualTo(bytes - 1);
        assertThatThrownBy(() -> s.get(key + ".missing", 10)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> s.size(key + ".missing")).isInstanceOf(NoSuchFileException.class);
    }
}
