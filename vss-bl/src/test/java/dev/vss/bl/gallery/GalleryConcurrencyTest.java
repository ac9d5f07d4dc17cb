// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.gallery;

import static dev.vss.bl.gallery.GalleryStoreTest.INT8;
import static dev.vss.bl.gallery.GalleryStoreTest.newKey;
import static dev.vss.bl.gallery.GalleryStoreTest.vector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.store.LocalBlobStore;
import dev.vss.bl.testing.Concurrently;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
        List<String> failures = Concurrently.run(WRITERS, w -> {
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
        List<String> failures = Concurrently.run(WRITERS, w -> {
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

    /**
     * Separate JVMs (as separate `vss gallery add` runs would be), all at once: each erases one pre-enrolled person
     * and enrols {@value #PER_PROCESS} new ones. The local store's file lock is what keeps them apart.
     */
    @Test
    void concurrentProcessesLoseNothing(@TempDir Path dir) throws Exception {
        String keyText = LocalKeyWrapper.newKeyBase64();
        LocalKeyWrapper key = LocalKeyWrapper.fromBase64(keyText, "test");
        GalleryStore setup = new GalleryStore(new LocalBlobStore(dir), key);
        Random r0 = new Random(5);
        for (int p = 0; p < PROCESSES; p++) {
            setup.enrol("old" + p, List.of(vector(r0, INT8)));
        }
        String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> procs = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            ProcessBuilder pb = new ProcessBuilder(javaExe, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    GalleryWriterProcess.class.getName(), dir.toString(), "p" + p, Integer.toString(PER_PROCESS), "old" + p)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("VSS_GALLERY_KEY", keyText);
            procs.add(pb.start());
        }
        Set<String> enrolled = new java.util.TreeSet<>();
        Set<String> erased = new java.util.TreeSet<>();
        long conflicts = 0;
        for (Process p : procs) {
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
            for (String line : out.split("\n")) {
                String[] f = line.split(" ");
                if (f[0].equals("ack")) {
                    (f[1].equals("enrol") ? enrolled : erased).add(f[2]);
                } else if (f[0].equals("conflicts")) {
                    conflicts += Long.parseLong(f[1]);
                }
            }
        }
        GalleryStore.Versioned end = new GalleryStore(new LocalBlobStore(dir), key).load();
        Set<String> ids = Set.copyOf(end.gallery().ids());
        long lost = enrolled.stream().filter(id -> !ids.contains(id)).count();
        long back = erased.stream().filter(ids::contains).count();
        System.out.printf("gallery concurrency (processes): %d JVMs x (1 erasure + %d enrolments): %d acknowledged, "
                + "%d enrolments lost, %d erased back, %d lost races retried, final version %d%n", PROCESSES, PER_PROCESS,
                enrolled.size() + erased.size(), lost, back, conflicts, end.version());
        assertThat(enrolled).hasSize(PROCESSES * PER_PROCESS);
        assertThat(erased).hasSize(PROCESSES);
        assertThat(lost).as("acknowledged enrolments missing").isZero();
        assertThat(back).as("erased people back").isZero();
        assertThat(ids).hasSize(PROCESSES * PER_PROCESS);
        assertThat(end.version()).isEqualTo(PROCESSES + PROCESSES + PROCESSES * PER_PROCESS);
    }

    static final int PROCESSES = 4;
    static final int PER_PROCESS = 15;
}
