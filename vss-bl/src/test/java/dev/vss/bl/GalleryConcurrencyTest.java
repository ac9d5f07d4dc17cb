// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import static dev.vss.bl.GalleryStoreTest.INT8;
import static dev.vss.bl.GalleryStoreTest.newKey;
import static dev.vss.bl.GalleryStoreTest.vector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.bl.crypto.LocalKeyWrapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many writers on one gallery at once, each with its own {@link GalleryStore} over its own {@link LocalBlobStore}
 * (as separate processes would be): every acknowledged enrolment and erasure must be in the final gallery.
 */
class GalleryConcurrencyTest {
    static final int WRITERS = 8;
    static final int PER_WRITER = 25;

    @Test
    void concurrentEnrolmentsAreAllKept(@TempDir Path dir) throws Exception {
        LocalKeyWrapper key = newKey();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<String> failures = run(WRITERS, w -> {
            GalleryStore store = new GalleryStore(new LocalBlobStore(dir), key);
            Random r = new Random(w);
            for (int i = 0; i < PER_WRITER; i++) {
                String id = "w" + w + "_p" + i;
                store.enrol(id, List.of(vector(r, INT8)));
                acknowledged.add(id);
            }
        });
        GalleryStore.Versioned end = new GalleryStore(new LocalBlobStore(dir), key).load();
        Set<String> missing = new java.util.TreeSet<>(acknowledged);
        missing.removeAll(end.gallery().ids());
        System.out.printf("gallery concurrency (threads): %d writers x %d enrolments, %d acknowledged, %d lost, "
                + "%d writer failures, final version %d%n", WRITERS, PER_WRITER, acknowledged.size(), missing.size(),
                failures.size(), end.version());
        assertThat(failures).isEmpty();
        assertThat(acknowledged).hasSize(WRITERS * PER_WRITER);
        assertThat(missing).as("acknowledged enrolments missing from the gallery").isEmpty();
        assertThat(end.gallery().size()).isEqualTo(WRITERS * PER_WRITER);
        assertThat(end.version()).as("one version per enrolment").isEqualTo(WRITERS * PER_WRITER);
    }

    @Test
    void concurrentErasuresAndEnrolmentsAreAllKept(@TempDir Path dir) throws Exception {
        LocalKeyWrapper key = newKey();
        GalleryStore setup = new GalleryStore(new LocalBlobStore(dir), key);
        Random r0 = new Random(99);
        for (int w = 0; w < WRITERS; w++) {
            for (int i = 0; i < 5; i++) {
                setup.enrol("old_w" + w + "_" + i, List.of(vector(r0, INT8)));
            }
        }
        Set<String> erased = ConcurrentHashMap.newKeySet();
        Set<String> enrolled = ConcurrentHashMap.newKeySet();
        List<String> failures = run(WRITERS, w -> {
            GalleryStore store = new GalleryStore(new LocalBlobStore(dir), key);
            Random r = new Random(100 + w);
            for (int i = 0; i < 5; i++) {
                String old = "old_w" + w + "_" + i;
                store.erase(old);
                erased.add(old);
                String id = "new_w" + w + "_" + i;
                store.enrol(id, List.of(vector(r, INT8)));
                enrolled.add(id);
            }
        });
        Set<String> ids = Set.copyOf(new GalleryStore(new LocalBlobStore(dir), key).load().gallery().ids());
        long cameBack = erased.stream().filter(ids::contains).count();
        long lost = enrolled.stream().filter(id -> !ids.contains(id)).count();
        System.out.printf("gallery concurrency (threads): %d writers x 5 erasures + 5 enrolments: %d erased came back, "
                + "%d enrolments lost, %d writer failures%n", WRITERS, cameBack, lost, failures.size());
        assertThat(failures).isEmpty();
        assertThat(erased).hasSize(WRITERS * 5);
        assertThat(cameBack).as("erased people back in the gallery").isZero();
        assertThat(lost).as("acknowledged enrolments missing").isZero();
        assertThat(ids).hasSize(WRITERS * 5);
    }

    interface Writer {
        void run(int w) throws Exception;
    }

    /** Runs the writers at once (released together) and returns their failures. */
    static List<String> run(int n, Writer writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> fs = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            int id = w;
            fs.add(pool.submit(() -> {
                go.await();
                writer.run(id);
                return null;
            }));
        }
        go.countDown();
        List<String> failures = new ArrayList<>();
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(String.valueOf(e.getCause()));
            }
        }
        pool.shutdown();
        return failures;
    }
}
