// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.openvino;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.dl.CompileOptions;
import dev.vss.dl.Engine;
import dev.vss.dl.Model;
import dev.vss.dl.Tensor;
import dev.vss.dl.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled-model cache is keyed by model, OpenVINO and CPU, and a blob that differs is never used. */
class OvCacheTest {
    static Engine engine;
    static Tensor img;
    final List<String> warnings = new ArrayList<>();
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            warnings.add(r.getLevel() + " " + r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void open() throws Exception {
        engine = Engine.newInstance("openvino");
        img = TestData.bgr("faces/obama.jpg");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @BeforeEach
    void listen() {
        Logger.getLogger("dev.vss.dl.cache").addHandler(handler);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("dev.vss.dl.cache").removeHandler(handler);
    }

    private float[] detect(Path cache) throws Exception {
        try (Model m = engine.readModel(TestData.model(OpenVinoFeaturesTest.FD + ".xml"))) {
            return OpenVinoFeaturesTest.detect(m, img, CompileOptions.builder().optCacheDir(cache).build(), false);
        }
    }

    /** Detecting again with {@code cache} gives {@code first}, and logs nothing. */
    private void assertQuietlyTheSame(Path cache, float[] first) throws Exception {
        warnings.clear();
        assertThat(detect(cache)).containsExactly(first);
        assertThat(warnings).isEmpty();
    }

    private static List<Path> blobs(Path cache) throws Exception {
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(p -> p.toString().endsWith(".blob")).toList();
        }
    }

    @Test
    void entryHoldsTheBlobItsManifestAndKey(@TempDir Path cache) throws Exception {
        float[] first = detect(cache);
        List<Path> blobs = blobs(cache);
        assertThat(blobs).hasSize(1);
        Path entry = blobs.get(0).getParent();
        assertThat(entry.getParent()).isEqualTo(cache);
        String key = Files.readString(entry.resolve(OvCache.KEY_FILE));
        assertThat(key).contains("model sha256: " + OvCache.sha256(TestData.model(OpenVinoFeaturesTest.FD + ".xml"),
                TestData.model(OpenVinoFeaturesTest.FD + ".bin"))).contains("OpenVINO: " + engine.version())
                .contains("CPU: " + engine.deviceInfo("CPU"));
        assertThat(Files.readString(entry.resolve(OvCache.MANIFEST)))
                .isEqualTo(OvCache.check(blobs.get(0)) + "  " + blobs.get(0).getFileName() + "\n");
        assertThat(OvCache.check(blobs.get(0))).matches("[0-9a-f]{8}:" + Files.size(blobs.get(0)));
        assertThat(detect(cache)).containsExactly(first);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aModelReadWithItsDigestIsKeyedByItWithoutHashingTheFiles(@TempDir Path cache) throws Exception {
        String digest = "ab".repeat(32); // a caller's checked sha256 (the model catalog's)
        Path xml = TestData.model(OpenVinoFeaturesTest.FD + ".xml");
        float[] first;
        try (Model m = engine.readModel(xml, null, digest)) {
            first = OpenVinoFeaturesTest.detect(m, img, CompileOptions.builder().optCacheDir(cache).build(), false);
        }
        List<Path> blobs = blobs(cache);
        assertThat(blobs).hasSize(1);
        assertThat(Files.readString(blobs.get(0).getParent().resolve(OvCache.KEY_FILE)))
                .contains("model sha256: " + digest + "\n");
        assertThat(first).containsExactly(detect(cache)); // the same detections as a model hashed from its files
    }

    @Test
    void aBlobWithFlippedBytesIsDiscardedAndRecompiledWithAWarning(@TempDir Path cache) throws Exception {
        float[] first = detect(cache);
        Path blob = blobs(cache).get(0);
        byte[] good = Files.readAllBytes(blob);
        byte[] bad = good.clone();
        for (int i = bad.length / 2; i < bad.length / 2 + 64; i++) {
            bad[i] ^= 0x5A;
        }
        Files.write(blob, bad);
        assertThat(detect(cache)).containsExactly(first);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("WARNING compiled-model cache ").contains(blob.getFileName()
                + " has CRC-32C:size ").contains("the manifest says").endsWith("entry emptied, the model is compiled again");
        // recompiled (OpenVINO's blob is not byte-identical from compile to compile), and listed again
        assertThat(java.util.Arrays.equals(Files.readAllBytes(blob), bad)).isFalse();
        assertThat(Files.size(blob)).isEqualTo(good.length);
        assertThat(OvCache.verify(blob.getParent())).isNull();
        assertQuietlyTheSame(cache, first);
    }

    @Test
    void anEntryOfAnEarlierReleaseIsCompiledAgainOnce(@TempDir Path cache) throws Exception {
        float[] first = detect(cache);
        Path entry = blobs(cache).get(0).getParent();
        Files.move(entry.resolve(OvCache.MANIFEST), entry.resolve(OvCache.OLD_MANIFEST));
        assertThat(detect(cache)).containsExactly(first);
        assertThat(warnings).singleElement().asString().contains("written by an earlier vss release");
        assertThat(entry.resolve(OvCache.OLD_MANIFEST)).doesNotExist();
        assertThat(OvCache.verify(entry)).isNull();
        assertQuietlyTheSame(cache, first);
    }

    @Test
    void aFileNotInTheManifestEmptiesTheEntry(@TempDir Path cache) throws Exception {
        float[] first = detect(cache);
        Path entry = blobs(cache).get(0).getParent();
        Files.write(entry.resolve("planted.blob"), new byte[] {1, 2, 3});
        assertThat(detect(cache)).containsExactly(first);
        assertThat(warnings).singleElement().asString().contains("planted.blob is not in the manifest");
        assertThat(entry.resolve("planted.blob")).doesNotExist();
        assertThat(blobs(cache)).hasSize(1);
    }

    @Test
    void anotherCpuOrOpenVinoVersionGetsItsOwnEntry(@TempDir Path cache) throws Exception {
        String sha = "ab".repeat(32);
        Path a;
        Path b;
        Path c;
        try (OvCache.Entry e = OvCache.open(cache, sha, "2026.4.1", "Intel Xeon | AMX")) {
            a = e.dir();
        }
        try (OvCache.Entry e = OvCache.open(cache, sha, "2026.4.1", "AMD EPYC | AVX2")) {
            b = e.dir();
        }
        try (OvCache.Entry e = OvCache.open(cache, sha, "2026.5.0", "Intel Xeon | AMX")) {
            c = e.dir();
        }
        try (OvCache.Entry e = OvCache.open(cache, sha, "2026.4.1", "Intel Xeon | AMX")) {
            assertThat(e.dir()).isEqualTo(a);
        }
        assertThat(List.of(a, b, c)).doesNotHaveDuplicates();
        assertThat(Files.readString(b.resolve(OvCache.KEY_FILE))).contains("CPU: AMD EPYC | AVX2");
        assertThat(engine instanceof OpenVinoEngine ov ? ov.cpuKey() : "").startsWith(engine.deviceInfo("CPU"));
    }
}
