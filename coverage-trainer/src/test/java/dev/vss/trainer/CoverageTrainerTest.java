// SPDX-License-Identifier: Apache-2.0
package dev.vss.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vss.dl.Engine;
import dev.vss.hla.HlaTestData;
import dev.vss.hla.ModelContext;
import dev.vss.hla.coverage.CoverageFeatures;
import dev.vss.hla.coverage.CoverageHead;
import dev.vss.models.ModelRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trainer: the documented configuration reproduces the committed head (same features, same weights within a
 * tolerance that allows for another CPU's int8 kernels, same metrics), and its pieces behave on synthetic samples.
 */
class CoverageTrainerTest {
    @Test
    void retrainingWithTheRecordedConfigReproducesTheShippedHead() throws Exception {
        CoverageHead shipped = CoverageHead.loadDefault();
        CoverageTrainer.Config cfg = CoverageTrainer.Config.fromHead(shipped);
        CoverageTrainer.Result r;
        try (Engine engine = Engine.newInstance("openvino")) {
            ModelContext ctx = new ModelContext(engine, ModelRepository.fromEnvironment(),
                    CoverageTrainer.trainingOptions());
            r = CoverageTrainer.train(ctx, HlaTestData.imagesDir(), cfg, System.out::println);
        }
        CoverageHead h = r.head();
        assertThat(h.backbone()).isEqualTo(shipped.backbone());
        assertThat(h.features()).containsExactlyElementsOf(shipped.features());
        assertThat(h.mean()).containsExactly(shipped.mean(), within(1e-3));
        assertThat(h.std()).containsExactly(shipped.std(), within(1e-3));
        assertThat(h.weights()).containsExactly(shipped.weights(), within(0.02));
        assertThat(h.bias()).isCloseTo(shipped.bias(), within(0.02));
        assertThat(h.threshold()).isEqualTo(shipped.threshold());
        for (var e : shipped.info().entrySet()) {
            if (e.getKey().startsWith("metrics.")) {
                assertThat(h.metric(e.getKey())).as(e.getKey())
                        .isCloseTo(shipped.metric(e.getKey()), within(e.getKey().endsWith("samples") ? 0 : 0.02));
            } else {
                assertThat(h.info().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        assertThat(r.metrics().get("heldout.tpr")).isEqualTo(h.metric("metrics.heldout.tpr"), within(1e-4));
        System.out.printf("coverage: training took %.1f s%n", r.seconds());
    }

    static CoverageTrainer.Sample sample(Variant v, int hotClass, float p) {
        float[] probs = new float[6];
        java.util.Arrays.fill(probs, (1 - p) / 5);
        probs[hotClass] = p;
        return new CoverageTrainer.Sample("x", v, new CoverageFeatures.Raw(new double[0], probs));
    }

    @Test
    void classSelectionKeepsOnlyClassesThatRiseOnCoveredFrames() {
        List<CoverageTrainer.Sample> s = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // Class 3 rises on covered frames; class 2 on clear frames; class 0 (background) is never chosen.
            s.add(sample(Variant.HAND, 3, 0.5f + i * 0.01f));
            s.add(sample(Variant.ORIGINAL, 2, 0.5f + i * 0.01f));
            s.add(sample(Variant.DARK, 0, 0.9f));
        }
        int[] picked = CoverageTrainer.selectClasses(s, 2);
        assertThat(picked).contains(3).doesNotContain(0, 2);
        assertThat(CoverageTrainer.selectClasses(s, 0)).isEmpty();
    }

    @Test
    void ratesCountPerVariant() {
        CoverageHead h = new CoverageHead("m/P", List.of("cnn_top1"), new double[] {0.5}, new double[] {0.1},
                new double[] {10}, 0, 0.5, Map.of());
        int[] src = CoverageFeatures.resolve(h.features(), 6);
        List<CoverageTrainer.Sample> s = List.of(sample(Variant.HAND, 1, 0.9f), sample(Variant.HAND, 1, 0.2f),
                sample(Variant.WALL, 1, 0.9f), sample(Variant.NOISE, 1, 0.9f), sample(Variant.NOISE, 1, 0.1f),
                sample(Variant.ORIGINAL, 1, 0.1f));
        Map<String, Double> m = CoverageTrainer.rates("t", s, h, src);
        assertThat(m).containsEntry("t.tpr.hand", 0.5).containsEntry("t.tpr.wall", 1.0)
                .containsEntry("t.tpr.spray", 0.0).containsEntry("t.fpr.noise", 0.5)
                .containsEntry("t.fpr.original", 0.0).containsEntry("t.covered_samples", 3.0)
                .containsEntry("t.clear_samples", 3.0);
        assertThat(m.get("t.tpr")).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(m.get("t.fpr")).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void generatorSeedsDependOnEveryPart() {
        long a = CoverageTrainer.rng(1, "a", Variant.HAND, 0).nextLong();
        assertThat(CoverageTrainer.rng(1, "a", Variant.HAND, 0).nextLong()).isEqualTo(a);
        assertThat(List.of(CoverageTrainer.rng(2, "a", Variant.HAND, 0).nextLong(),
                CoverageTrainer.rng(1, "b", Variant.HAND, 0).nextLong(),
                CoverageTrainer.rng(1, "a", Variant.WALL, 0).nextLong(),
                CoverageTrainer.rng(1, "a", Variant.HAND, 1).nextLong())).doesNotContain(a).doesNotHaveDuplicates();
    }
}
