// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.store.LocalBlobStore;
import dev.vss.hla.face.Embedding;
import dev.vss.hla.gallery.Gallery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm-instance caching: one load, reload only after a version change and the minimum interval. */
class GalleryCacheTest {
    /** Counts reads per key and can be made to fail, like a store that is briefly unreachable. */
    static final class CountingStore implements BlobStore {
        final BlobStore inner;
        final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();
        volatile boolean down;

        CountingStore(BlobStore inner) {
            this.inner = inner;
        }

        int gets(String key) {
            return gets.computeIfAbsent(key, k -> new AtomicInteger()).get();
        }

        @Override
        public byte[] get(String key) throws IOException {
            if (down) {
                throw new IOException("connection refused");
            }
            gets.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return inner.get(key);
        }

        @Override
        public void put(String key, byte[] data) throws IOException {
            inner.put(key, data);
        }

        @Override
        public boolean exists(String key) throws IOException {
            return inner.exists(key);
        }

        @Override
        public List<String> list(String prefix) throws IOException {
            return inner.list(prefix);
        }

        @Override
        public void delete(String key) throws IOException {
            inner.delete(key);
        }

        @Override
        public Blob getVersioned(String key) throws IOException {
            if (down) {
                throw new IOException("connection refused");
            }
            gets.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return inner.getVersioned(key);
        }

        @Override
        public String putIf(String key, byte[] data, String expectedVersion) throws IOException {
            return inner.putIf(key, data, expectedVersion);
        }

        @Override
        public long size(String key) throws IOException {
            return inner.size(key);
        }

        @Override
        public byte[] get(String key, long maxBytes) throws IOException {
            return inner.get(key, maxBytes);
        }
    }

    static Embedding vector(Random r) {
        return GalleryStoreTest.vector(r, GalleryStoreTest.INT8);
    }

    @Test
    void reloadsAfterAVersionChangeAndNotBefore(@TempDir Path dir) throws Exception {
        LocalKeyWrapper key = GalleryStoreTest.newKey();
        Random r = new Random(11);
        GalleryStore admin = new GalleryStore(new LocalBlobStore(dir), key); // another process: the CLI
        admin.enrol("alice", List.of(vector(r)));
        CountingStore blobs = new CountingStore(new LocalBlobStore(dir));
        AtomicLong now = new AtomicLong(1_000_000_000L);
        List<String> log = new ArrayList<>();
        GalleryCache cache = GalleryCache.builder(new GalleryStore(blobs, key)).optMinInterval(Duration.ofSeconds(30))
                .optNanoTime(now::get).optLog(log::add).build();

        Gallery first = cache.get();
        assertThat(first.ids()).containsExactly("alice");
        assertThat(cache.version()).isEqualTo(1);
        assertThat(cache.loads()).isEqualTo(1);
        int objectReads = blobs.gets(GalleryStore.KEY);
        for (int i = 0; i < 100; i++) {
            assertThat(cache.get()).isSameAs(first); // warm: no store access at all
        }
        assertThat(blobs.gets(GalleryStore.KEY)).isEqualTo(objectReads);
        assertThat(blobs.gets(GalleryStore.VERSION_KEY)).isEqualTo(1);

        admin.enrol("bob", List.of(vector(r)));
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(cache.get().ids()).as("not before the interval").containsExactly("alice");
        assertThat(blobs.gets(GalleryStore.VERSION_KEY)).isEqualTo(1);

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(cache.get().ids()).as("after the interval and the change").containsExactly("alice", "bob");
        assertThat(cache.version()).isEqualTo(2);
        assertThat(cache.loads()).isEqualTo(2);
        int readsAfterReload = blobs.gets(GalleryStore.KEY);

        now.addAndGet(Duration.ofSeconds(31).toNanos());
        Gallery same = cache.get();
        assertThat(same.ids()).containsExactly("alice", "bob");
        assertThat(cache.loads()).as("marker unchanged: no reload").isEqualTo(2);
        assertThat(blobs.gets(GalleryStore.KEY)).isEqualTo(readsAfterReload);
        assertThat(blobs.gets(GalleryStore.VERSION_KEY)).isEqualTo(3);

        admin.erase("alice");
        assertThat(cache.refresh().ids()).as("refresh ignores the interval").containsExactly("bob");
        assertThat(log).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"event\":\"gallery_load\""));
        assertThat(log.get(1)).contains("\"version\":2", "\"previous_version\":1", "\"people\":2");
    }

    @Test
    void noGalleryYetThenOne(@TempDir Path dir) throws Exception {
        LocalKeyWrapper key = GalleryStoreTest.newKey();
        AtomicLong now = new AtomicLong();
        GalleryCache cache = GalleryCache.builder(new GalleryStore(new LocalBlobStore(dir), key))
                .optMinInterval(Duration.ofSeconds(10)).optNanoTime(now::get).build();
        assertThat(cache.get()).isNull();
        assertThat(cache.version()).isZero();
        new GalleryStore(new LocalBlobStore(dir), key).enrol("alice", List.of(vector(new Random(12))));
        assertThat(cache.get()).isNull();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(cache.get().ids()).containsExactly("alice");
    }

    @Test
    void aTamperedGalleryFailsLoudlyOnReloadInsteadOfServingAnythingElse(@TempDir Path dir) throws Exception {
        LocalKeyWrapper key = GalleryStoreTest.newKey();
        Random r = new Random(13);
        GalleryStore admin = new GalleryStore(new LocalBlobStore(dir), key);
        admin.enrol("alice", List.of(vector(r)));
        AtomicLong now = new AtomicLong();
        List<String> log = new ArrayList<>();
        GalleryCache cache = GalleryCache.builder(new GalleryStore(new LocalBlobStore(dir), key))
                .optMinInterval(Duration.ofSeconds(1)).optNanoTime(now::get).optLog(log::add).build();
        assertThat(cache.get().ids()).containsExactly("alice");

        admin.enrol("bob", List.of(vector(r)));
        Path obj = dir.resolve(GalleryStore.KEY);
        byte[] b = Files.readAllBytes(obj);
        b[b.length - 5] ^= 0x10;
        Files.write(obj, b);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThatThrownBy(cache::get).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(GalleryException.class).hasMessageContaining("TAMPERED");
        assertThatThrownBy(cache::get).as("and again on the next call").hasMessageContaining("TAMPERED");
        assertThat(log).anySatisfy(l -> assertThat(l).contains("gallery_error", "TAMPERED"));

        GalleryCache cold = GalleryCache.builder(new GalleryStore(new LocalBlobStore(dir), key)).build();
        assertThatThrownBy(cold::get).as("a cold instance refuses it too, never an empty gallery")
                .hasCauseInstanceOf(GalleryException.class);
    }

    @Test
    void aStoreOutageKeepsTheHeldGalleryButFailsTheFirstLoad(@TempDir Path dir) throws Exception {
        LocalKeyWrapper key = GalleryStoreTest.newKey();
        new GalleryStore(new LocalBlobStore(dir), key).enrol("alice", List.of(vector(new Random(14))));
        CountingStore blobs = new CountingStore(new LocalBlobStore(dir));
        AtomicLong now = new AtomicLong();
        List<String> log = new ArrayList<>();
        GalleryCache cache = GalleryCache.builder(new GalleryStore(blobs, key)).optMinInterval(Duration.ofSeconds(5))
                .optNanoTime(now::get).optLog(log::add).build();
        blobs.down = true;
        assertThatThrownBy(cache::get).isInstanceOf(UncheckedIOException.class).hasMessageContaining("connection refused");
        blobs.down = false;
        assertThat(cache.get().ids()).containsExactly("alice");
        blobs.down = true;
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(cache.get().ids()).containsExactly("alice");
        assertThat(log).anySatisfy(l -> assertThat(l).contains("gallery_check_failed"));
    }

    @Test
    void anOlderObjectPutBackIsRefusedAndTheNewerOneKeptServing(@TempDir Path dir) throws Exception {
        LocalKeyWrapper key = GalleryStoreTest.newKey();
        Random r = new Random(16);
        GalleryStore admin = new GalleryStore(new LocalBlobStore(dir), key);
        admin.enrol("alice", List.of(vector(r)));
        admin.enrol("bob", List.of(vector(r)));
        byte[] withBob = Files.readAllBytes(dir.resolve(GalleryStore.KEY));
        admin.erase("bob");
        List<String> log = new ArrayList<>();
        GalleryCache cache = GalleryCache.builder(new GalleryStore(new LocalBlobStore(dir), key)).optLog(log::add).build();
        assertThat(cache.get().ids()).containsExactly("alice");
        // the copy from before the erasure is put back: authentic, but older than version 3 seen
        Files.write(dir.resolve(GalleryStore.KEY), withBob);
        Files.writeString(dir.resolve(GalleryStore.VERSION_KEY), "2\n");
        assertThat(cache.refresh().ids()).as("bob stays erased").containsExactly("alice");
        assertThat(cache.version()).isEqualTo(3);
        assertThat(log.get(log.size() - 1)).contains("\"event\":\"gallery_error\"", "\"code\":\"ROLLED_BACK\"");
        // a cold instance with no memory of version 3 cannot tell (the CLI keeps a ledger file for that)
        assertThat(GalleryCache.builder(new GalleryStore(new LocalBlobStore(dir), key)).build().get().ids())
                .containsExactly("alice", "bob");
    }

    @Test
    void anOlderObjectIsServedAndFlaggedWhenRollbackIsAllowed(@TempDir Path dir) throws Exception {
        LocalKeyWrapper key = GalleryStoreTest.newKey();
        Random r = new Random(16);
        GalleryStore admin = new GalleryStore(new LocalBlobStore(dir), key);
        admin.enrol("alice", List.of(vector(r)));
        byte[] v1 = Files.readAllBytes(dir.resolve(GalleryStore.KEY));
        admin.enrol("bob", List.of(vector(r)));
        List<String> log = new ArrayList<>();
        GalleryCache cache = GalleryCache.builder(GalleryStore.builder(new LocalBlobStore(dir), key)
                .optAllowRollback(true).build()).optLog(log::add).build();
        assertThat(cache.get().ids()).containsExactly("alice", "bob");
        Files.write(dir.resolve(GalleryStore.KEY), v1);
        Files.writeString(dir.resolve(GalleryStore.VERSION_KEY), "1\n");
        assertThat(cache.refresh().ids()).containsExactly("alice"); // restored deliberately: served as stored
        assertThat(cache.version()).isEqualTo(1);
        assertThat(log.get(log.size() - 1)).contains("\"warning\":\"version_decreased\"");
    }

    @Test
    void logsCarryNoEmbeddingValues(@TempDir Path dir) throws Exception {
        LocalKeyWrapper key = GalleryStoreTest.newKey();
        Random r = new Random(15);
        Embedding e = vector(r);
        new GalleryStore(new LocalBlobStore(dir), key).enrol("alice", List.of(e));
        List<String> log = new ArrayList<>();
        GalleryCache cache = GalleryCache.builder(new GalleryStore(new LocalBlobStore(dir), key))
                .optMinInterval(Duration.ZERO).optLog(log::add).build();
        cache.get();
        assertThat(log).isNotEmpty();
        for (String c : GalleryStoreTest.components(List.of(e))) {
            assertThat(log).noneSatisfy(l -> assertThat(l).contains(c));
        }
        assertThat(String.join("\n", log)).doesNotContain("alice"); // counts only, no ids either
    }
}
