// SPDX-License-Identifier: Apache-2.0
package dev.vss.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vss.hla.coverage.CoverageFeatures;
import dev.vss.hla.coverage.CoverageHead;
import dev.vss.models.ModelCatalog;
import dev.vss.models.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head file format, the scoring math and the shipped head's recorded provenance; no native code. */
class CoverageHeadTest {
    static CoverageHead small() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("train.seed", "7");
        info.put("metrics.heldout.tpr", "0.9500");
        return new CoverageHead("m/UINT8", List.of("luma_mean", "sharpness"), new double[] {0.5, 4},
                new double[] {0.25, 2}, new double[] {1.5, -2}, 0.25, 0.6, info);
    }

    @Test
    void scoreIsTheSigmoidOfStandardizedWeightedFeatures() {
        CoverageHead h = small();
        double[] x = {1.0, 2.0};
        double z = 0.25 + 1.5 * (1.0 - 0.5) / 0.25 + -2 * (2.0 - 4) / 2;
        assertThat(h.score(x)).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-12));
        assertThat(h.contributions(x)).containsExactly(3.0, 2.0);
        assertThatThrownBy(() -> h.score(new double[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 values for 2 features");
    }

    @Test
    void formatAndParseRoundTrip(@TempDir Path dir) throws IOException {
        CoverageHead h = small();
        Path f = dir.resolve("head.txt");
        h.write(f);
        CoverageHead back = CoverageHead.load(f);
        assertThat(back.backbone()).isEqualTo("m/UINT8");
        assertThat(back.features()).containsExactly("luma_mean", "sharpness");
        assertThat(back.mean()).containsExactly(0.5, 4.0);
        assertThat(back.std()).containsExactly(0.25, 2.0);
        assertThat(back.weights()).containsExactly(1.5, -2.0);
        assertThat(back.bias()).isEqualTo(0.25);
        assertThat(back.threshold()).isEqualTo(0.6);
        assertThat(back.info()).containsExactlyEntriesOf(h.info());
        assertThat(back.metric("metrics.heldout.tpr")).isEqualTo(0.95);
        assertThat(back.format()).isEqualTo(h.format());
        assertThat(Files.readString(f)).startsWith("# vss camera-coverage head");
    }

    @Test
    void invalidHeadsAreRejectedWithTheReason() {
        Map<String, String> none = Map.of();
        List<String> one = List.of("luma_mean");
        double[] a = {1};
        assertThatThrownBy(() -> new CoverageHead("m/P", one, a, new double[] {0}, a, 0, 0.5, none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("std");
        assertThatThrownBy(() -> new CoverageHead("m/P", one, a, a, a, 0, 1.0, none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new CoverageHead("m/P", one, new double[2], a, a, 0, 0.5, none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mean: 2 values for 1");
        assertThatThrownBy(() -> new CoverageHead("m/P", one, a, a, a, 0, 0.5, Map.of("x", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("train. or metrics.");
        assertThatThrownBy(() -> CoverageHead.parse(new StringReader("format = vss-coverage-head/1\nmodel = logistic\n"),
                "t.txt")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t.txt")
                .hasMessageContaining("features: missing");
        assertThatThrownBy(() -> CoverageHead.parse(new StringReader("format = other\n"), "t.txt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vss-coverage-head/1");
        assertThatThrownBy(() -> small().metric("metrics.nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metrics.nope");
    }

    @Test
    void shippedHeadIsSmallAndUsesTheCatalogBackbone() throws IOException {
        try (InputStream in = CoverageHead.class.getResourceAsStream(CoverageHead.RESOURCE)) {
            assertThat(in).as("resource " + CoverageHead.RESOURCE).isNotNull();
            assertThat(in.readAllBytes().length).isLessThan(100 * 1024);
        }
        CoverageHead h = CoverageHead.loadDefault();
        assertThat(h.backbone()).isEqualTo(ModelCatalog.load().defaultFor(Task.CLASSIFICATION).id())
                .isEqualTo("mobilenet_v1_0.25_128_quant/UINT8");
        assertThat(h.features()).containsAll(CoverageFeatures.STAT_NAMES).containsAll(CoverageFeatures.CNN_NAMES);
        assertThat(CoverageFeatures.resolve(h.features(), 1001)).hasSize(h.features().size());
        assertThat(h.threshold()).isEqualTo(0.5);
    }

    @Test
    void shippedHeadWasTrainedWithTheDocumentedConfiguration() {
        CoverageHead h = CoverageHead.loadDefault();
        assertThat(CoverageTrainer.Config.fromHead(h)).isEqualTo(CoverageTrainer.Config.defaults());
        assertThat(h.info().get("train.coverings")).isEqualTo("hand,sticker,spray,defocus,dark,overexposed,wall");
    }

    @Test
    void shippedHeadRecordsHeldOutMetricsThatMeetTheBar() {
        CoverageHead h = CoverageHead.loadDefault();
        assertThat(h.metric("metrics.heldout.covered_samples")).isGreaterThanOrEqualTo(7 * 7 * 16);
        assertThat(h.metric("metrics.heldout.tpr")).isGreaterThanOrEqualTo(0.9);
        for (Variant v : Variant.coverings()) {
            assertThat(h.metric("metrics.heldout.tpr." + v.key())).as(v.key()).isGreaterThanOrEqualTo(0.8);
        }
        assertThat(h.metric("metrics.heldout.fpr")).isLessThanOrEqualTo(0.1);
        for (Variant v : Variant.clears()) {
            assertThat(h.metric("metrics.heldout.fpr." + v.key())).as(v.key()).isLessThanOrEqualTo(0.1);
        }
        assertThat(h.metric("metrics.originals.count")).isEqualTo(19);
        assertThat(h.metric("metrics.originals.flagged")).isZero();
        assertThat(h.metric("metrics.originals.max_score")).isLessThan(h.threshold());
    }

    @Test
    void configRejectsOverlappingSplits() {
        var d = CoverageTrainer.Config.defaults();
        assertThatThrownBy(() -> new CoverageTrainer.Config(1, 320, List.of("a.jpg"), List.of("a.jpg"), 1, 1, 1, 1,
                0, 0.01, 0.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.jpg");
        assertThat(d.trainImages()).doesNotContainAnyElementsOf(d.heldOutImages());
        assertThat(d.trainImages().size() + d.heldOutImages().size()).isEqualTo(19);
    }
}
