// SPDX-License-Identifier: Apache-2.0
package dev.vss.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.dl.Engine;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.HlaTestData;
import dev.vss.hla.ModelContext;
import dev.vss.hla.coverage.CoverageDetector;
import dev.vss.hla.coverage.CoverageHead;
import dev.vss.hla.coverage.CoverageReport;
import dev.vss.models.ModelRepository;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped detector on the real backbone (OpenVINO) and the real shared images: every real photo is clear, and
 * coverings made from HELD-OUT photos (never used in training), with a seed the trainer never used, are detected.
 */
class CoverageDetectorTest {
    /** Not the trainer's seed nor its held-out seed (seed + 1): frames no training or recorded metric has seen. */
    private static final long EVAL_SEED = 4242L;

    @AutoClose // after close() below: the detector's models go before their engine
    private static Engine engine;
    private static ModelContext context;
    private static CoverageDetector detector;

    @BeforeAll
    static void load() throws Exception {
        engine = Engine.newInstance("openvino");
        context = new ModelContext(engine, ModelRepository.fromEnvironment(), CoverageTrainer.trainingOptions());
        detector = new CoverageDetector(context);
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
        }
    }

    @Test
    void everySharedImageIsClear() throws Exception {
        List<String> all = HlaTestData.allImages();
        assertThat(all).hasSize(19);
        SoftAssertions soft = new SoftAssertions();
        for (String rel : all) {
            CoverageReport r = detector.detect(Images.read(HlaTestData.imagesDir().resolve(rel)));
            soft.assertThat(r.covered()).as("%s covered (score %.3f, %s)", rel, r.score(), r.reason()).isFalse();
            soft.assertThat((double) r.score()).as("%s score", rel).isLessThan(detector.head().threshold());
        }
        soft.assertAll();
    }

    @Test
    void heldOutCoveringsAreDetectedAndHeldOutClearFramesAreNot() throws Exception {
        CoverageTrainer.Config cfg = CoverageTrainer.Config.fromHead(detector.head());
        assertThat(cfg.heldOutImages()).hasSize(7).doesNotContainAnyElementsOf(cfg.trainImages());
        Map<String, FloatImage> held = CoverageTrainer.loadImages(HlaTestData.imagesDir(), cfg.heldOutImages(),
                cfg.maxSide());
        record Job(String image, Variant v, int i) {
        }
        List<Job> jobs = new ArrayList<>();
        for (String img : held.keySet()) {
            for (Variant v : Variant.values()) {
                int n = v == Variant.ORIGINAL ? 1 : v.covered() ? 8 : 4;
                for (int i = 0; i < n; i++) {
                    jobs.add(new Job(img, v, i));
                }
            }
        }
        // In parallel through the public API: also exercises the detector's thread safety.
        List<Boolean> hits = jobs.parallelStream().map(j -> {
            Image frame = Coverings.make(j.v(), held.get(j.image()),
                    CoverageTrainer.rng(EVAL_SEED, j.image(), j.v(), j.i())).toImage();
            try {
                return detector.detect(frame).covered();
            } catch (HlaException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        Map<Variant, int[]> per = new LinkedHashMap<>();
        for (int k = 0; k < jobs.size(); k++) {
            int[] c = per.computeIfAbsent(jobs.get(k).v(), v -> new int[2]);
            c[0] += hits.get(k) ? 1 : 0;
            c[1]++;
        }
        int tp = 0;
        int pos = 0;
        int fp = 0;
        int neg = 0;
        SoftAssertions soft = new SoftAssertions();
        for (var e : per.entrySet()) {
            double rate = e.getValue()[0] / (double) e.getValue()[1];
            System.out.printf("coverage held-out %-12s %s %.3f (%d/%d)%n", e.getKey().key(),
                    e.getKey().covered() ? "TPR" : "FPR", rate, e.getValue()[0], e.getValue()[1]);
            if (e.getKey().covered()) {
                tp += e.getValue()[0];
                pos += e.getValue()[1];
                soft.assertThat(rate).as("detection rate of %s", e.getKey()).isGreaterThanOrEqualTo(0.8);
            } else {
                fp += e.getValue()[0];
                neg += e.getValue()[1];
            }
        }
        assertThat(pos).isEqualTo(7 * 7 * 8);
        soft.assertThat(tp / (double) pos).as("overall detection rate").isGreaterThanOrEqualTo(0.9);
        soft.assertThat(fp / (double) neg).as("false-positive rate on clear variants").isLessThanOrEqualTo(0.1);
        soft.assertAll();
    }

    @Test
    void blankFramesAreCovered() throws Exception {
        for (int rgb : new int[] {0x000000, 0xFFFFFF, 0x808080, 0xD2A07A}) {
            Image img = Image.allocate(640, 480, 3);
            Images.rectangle(img, 0, 0, 640, 480, rgb, -1);
            CoverageReport r = detector.detect(img);
            assertThat(r.covered()).as("flat %06X (score %.3f)", rgb, r.score()).isTrue();
            assertThat(r.score()).isGreaterThanOrEqualTo((float) detector.head().threshold());
            assertThat(detector.head().features()).contains(r.reason());
        }
    }

    @Test
    void grayImagesAreAccepted() throws Exception {
        Image bgr = Images.read(HlaTestData.imagesDir().resolve("people/vtest_frame0000.png"));
        Image gray = Image.allocate(bgr.width(), bgr.height(), 1);
        ByteBuffer s = bgr.data();
        ByteBuffer d = gray.data();
        for (int i = 0; i < gray.byteSize(); i++) {
            d.put(i, (byte) ((s.get(3 * i) & 0xff) * 0.114 + (s.get(3 * i + 1) & 0xff) * 0.587
                    + (s.get(3 * i + 2) & 0xff) * 0.299));
        }
        assertThat(detector.detect(gray).covered()).isFalse();
        assertThat(detector.detect(Image.allocate(320, 240, 1)).covered()).isTrue();
    }

    @Test
    void concurrentCallsGiveTheSerialAnswers() throws Exception {
        List<Image> images = new ArrayList<>();
        for (String rel : List.of("faces/obama.jpg", "no_people/home.jpg", "people/squat.bmp")) {
            images.add(Images.read(HlaTestData.imagesDir().resolve(rel)));
        }
        List<Float> serial = new ArrayList<>();
        for (Image img : images) {
            serial.add(detector.detect(img).score());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Float>> fs = new ArrayList<>();
            for (int k = 0; k < 24; k++) {
                Image img = images.get(k % 3);
                fs.add(pool.submit(() -> detector.detect(img).score()));
            }
            for (int k = 0; k < fs.size(); k++) {
                assertThat(fs.get(k).get()).as("call %d", k).isEqualTo(serial.get(k % 3));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeIsIdempotentAndFinal() throws Exception {
        CoverageDetector d = new CoverageDetector(context, CoverageHead.loadDefault());
        assertThat(d.modelId()).isEqualTo("mobilenet_v1_0.25_128_quant/UINT8");
        d.close();
        d.close();
        assertThatThrownBy(() -> d.detect(Image.allocate(8, 8, 3))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void unusableHeadsFailAsModelUnavailable(@TempDir Path dir) throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.txt"), "format = nope\n");
        assertThatThrownBy(() -> new CoverageDetector(context, garbage)).isInstanceOf(HlaException.class)
                .hasMessageContaining("garbage.txt")
                .satisfies(e -> assertThat(((HlaException) e).code()).isEqualTo(HlaErrorCode.MODEL_UNAVAILABLE));
        assertThatThrownBy(() -> new CoverageDetector(context, dir.resolve("missing.txt")))
                .isInstanceOf(HlaException.class)
                .satisfies(e -> assertThat(((HlaException) e).code()).isEqualTo(HlaErrorCode.MODEL_UNAVAILABLE));
        CoverageHead shipped = CoverageHead.loadDefault();
        CoverageHead tooManyClasses = new CoverageHead(shipped.backbone(), List.of("cnn_sqrtp_5000"),
                new double[] {0}, new double[] {1}, new double[] {1}, 0, 0.5, Map.of());
        assertThatThrownBy(() -> new CoverageDetector(context, tooManyClasses)).isInstanceOf(HlaException.class)
                .hasMessageContaining("cnn_sqrtp_5000")
                .satisfies(e -> assertThat(((HlaException) e).code()).isEqualTo(HlaErrorCode.MODEL_UNAVAILABLE));
        CoverageHead unknownBackbone = new CoverageHead("nope/FP32", List.of("luma_mean"), new double[] {0},
                new double[] {1}, new double[] {1}, 0, 0.5, Map.of());
        assertThatThrownBy(() -> new CoverageDetector(context, unknownBackbone)).isInstanceOf(HlaException.class)
                .hasMessageContaining("nope/FP32");
    }
}
