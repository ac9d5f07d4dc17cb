// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.coverage;

import static dev.vss.hla.coverage.SyntheticFrames.checker;
import static dev.vss.hla.coverage.SyntheticFrames.stat;
import static dev.vss.hla.coverage.SyntheticFrames.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vss.dl.Tensor;
import dev.vss.dl.image.Image;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image statistics on synthetic frames whose answers are known; no native code. */
class CoverageFeaturesTest {
    private static final int S = CoverageFeatures.SIZE;

    @Test
    void blackFrameIsAllDarkFlatAndFeatureless() {
        double[] s = CoverageFeatures.stats(uniform(S, S, 0, 0, 0), S, S);
        assertThat(s).hasSize(CoverageFeatures.STAT_NAMES.size());
        assertThat(stat(s, "dark_frac")).isEqualTo(1.0);
        assertThat(stat(s, "bright_frac")).isZero();
        assertThat(stat(s, "luma_mean")).isZero();
        assertThat(stat(s, "luma_std")).isZero();
        assertThat(stat(s, "sharpness")).isZero();
        assertThat(stat(s, "edge_density")).isZero();
        assertThat(stat(s, "textured_cells")).isZero();
        assertThat(stat(s, "centre_textured")).isZero();
        assertThat(stat(s, "largest_flat_region")).isEqualTo(1.0);
        assertThat(stat(s, "luma_entropy")).isZero();
        assertThat(stat(s, "chroma_mean")).isZero();
        assertThat(stat(s, "hue_dominance")).isZero();
        assertThat(stat(s, "skin_frac")).isZero();
        assertThat(stat(s, "colour_bins")).isCloseTo(Math.log(2) / Math.log(513), within(1e-12));
    }

    @Test
    void whiteFrameIsAllBright() {
        double[] s = CoverageFeatures.stats(uniform(S, S, 255, 255, 255), S, S);
        assertThat(stat(s, "bright_frac")).isEqualTo(1.0);
        assertThat(stat(s, "dark_frac")).isZero();
        assertThat(stat(s, "luma_mean")).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void uniformFrameHasNoSharpnessWhateverItsColour() {
        for (float[] c : new float[][] {{128, 128, 128}, {30, 200, 90}, {250, 10, 10}}) {
            double[] s = CoverageFeatures.stats(uniform(S, S, c[0], c[1], c[2]), S, S);
            assertThat(stat(s, "sharpness")).as("colour %s", java.util.Arrays.toString(c)).isZero();
            assertThat(stat(s, "edge_density")).isZero();
            assertThat(stat(s, "largest_flat_region")).isEqualTo(1.0);
        }
    }

    @Test
    void saturatedColourDominatesItsHue() {
        double[] red = CoverageFeatures.stats(uniform(S, S, 255, 0, 0), S, S);
        assertThat(stat(red, "hue_dominance")).isEqualTo(1.0);
        assertThat(stat(red, "chroma_mean")).isEqualTo(1.0);
        // Magenta-red lies just below hue 0: it must wrap into the last bin, not be lost.
        double[] pink = CoverageFeatures.stats(uniform(S, S, 255, 0, 60), S, S);
        assertThat(stat(pink, "hue_dominance")).isEqualTo(1.0);
        double[] grey = CoverageFeatures.stats(uniform(S, S, 90, 90, 90), S, S);
        assertThat(stat(grey, "hue_dominance")).isZero();
    }

    @Test
    void skinTonesAreSkinAndBlueIsNot() {
        assertThat(stat(CoverageFeatures.stats(uniform(S, S, 224, 172, 105), S, S), "skin_frac")).isEqualTo(1.0);
        assertThat(stat(CoverageFeatures.stats(uniform(S, S, 232, 190, 172), S, S), "skin_frac")).isEqualTo(1.0);
        assertThat(stat(CoverageFeatures.stats(uniform(S, S, 40, 80, 220), S, S), "skin_frac")).isZero();
    }

    @Test
    void checkerboardIsSharpTexturedEverywhereAndHasNoLargeFlatRegion() {
        double[] s = CoverageFeatures.stats(checker(S, S, 8, 0), S, S);
        assertThat(stat(s, "sharpness")).isGreaterThan(8);
        assertThat(stat(s, "edge_density")).isGreaterThan(0.3);
        assertThat(stat(s, "textured_cells")).isEqualTo(1.0);
        assertThat(stat(s, "centre_textured")).isEqualTo(1.0);
        // 4-px blocks join only within one 8-px square: 4 of 1024 blocks.
        assertThat(stat(s, "largest_flat_region")).isCloseTo(4 / 1024.0, within(1e-9));
        assertThat(stat(s, "dark_frac")).isCloseTo(0.5, within(1e-9));
        assertThat(stat(s, "bright_frac")).isCloseTo(0.5, within(1e-9));
        assertThat(stat(s, "luma_entropy")).isCloseTo(Math.log(2) / Math.log(32), within(1e-9));
    }

    @Test
    void halfCoveredFrameIsHalfTexturedAndHalfFlat() {
        double[] s = CoverageFeatures.stats(checker(S, S, 8, S / 2), S, S);
        // The step from the grey half into the squares makes the last grey column of cells textured too.
        assertThat(stat(s, "textured_cells")).isBetween(0.5, 0.625);
        assertThat(stat(s, "centre_textured")).isBetween(0.5, 0.75);
        assertThat(stat(s, "largest_flat_region")).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void statsRejectAWrongSize() {
        assertThatThrownBy(() -> CoverageFeatures.stats(new float[10], 4, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rgb");
    }

    @Test
    void areaResizeAveragesBlocksAndSwapsToRgb() {
        Image img = Image.allocate(4, 2, 3);
        ByteBuffer d = img.data();
        // BGR pixels: left 2x2 block blue 0/200 alternating, right block red 100.
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                int i = (y * 4 + x) * 3;
                if (x < 2) {
                    d.put(i, (byte) ((x + y) % 2 == 0 ? 0 : 200));
                } else {
                    d.put(i + 2, (byte) 100);
                }
            }
        }
        float[] rgb = CoverageFeatures.areaResize(img, 2, 1);
        assertThat(rgb).containsExactly(0f, 0f, 100f, 100f, 0f, 0f);
    }

    @Test
    void areaResizeReadsGrayImagesAndEnlargesSmallOnes() {
        Image gray = Image.allocate(2, 2, 1);
        gray.data().put(0, (byte) 10).put(1, (byte) 20).put(2, (byte) 30).put(3, (byte) 40);
        assertThat(CoverageFeatures.areaResize(gray, 1, 1)).containsExactly(25f, 25f, 25f);
        float[] big = CoverageFeatures.areaResize(gray, 4, 4);
        assertThat(big).hasSize(48);
        assertThat(big[0]).isEqualTo(10f);
        assertThat(big[big.length - 1]).isEqualTo(40f);
    }

    @Test
    void probabilitiesAreRenormalizedDequantizedScores() {
        byte[] q = new byte[1001];
        q[5] = (byte) 192;
        q[7] = (byte) 64;
        float[] p = CoverageFeatures.probabilities(Tensor.ofU8(q, 1, 1001));
        assertThat(p[5]).isCloseTo(0.75f, within(1e-6f));
        assertThat(p[7]).isCloseTo(0.25f, within(1e-6f));
        float[] f = CoverageFeatures.probabilities(Tensor.of(new float[] {0.2f, 0.2f, 0.6f}, 1, 3));
        assertThat(f[0]).isCloseTo(0.2f, within(1e-6f));
        assertThat(f[2]).isCloseTo(0.6f, within(1e-6f));
    }

    @Test
    void cnnSummaryOfOneHotAndUniform() {
        float[] oneHot = new float[1001];
        oneHot[42] = 1;
        assertThat(CoverageFeatures.cnnSummary(oneHot)).containsExactly(0.0, 1.0, 1.0);
        float[] flat = new float[1001];
        java.util.Arrays.fill(flat, 1f / 1001);
        double[] u = CoverageFeatures.cnnSummary(flat);
        assertThat(u[0]).isCloseTo(1.0, within(1e-5));
        assertThat(u[1]).isCloseTo(1.0 / 1001, within(1e-6));
        assertThat(u[2]).isCloseTo(5.0 / 1001, within(1e-6));
    }

    @Test
    void resolveAndSelectMapNamesToValues() {
        List<String> names = List.of("sharpness", "cnn_top1", CoverageFeatures.className(7), "luma_mean");
        int[] src = CoverageFeatures.resolve(names, 1001);
        double[] stats = new double[CoverageFeatures.STAT_NAMES.size()];
        stats[CoverageFeatures.STAT_NAMES.indexOf("sharpness")] = 3.5;
        stats[CoverageFeatures.STAT_NAMES.indexOf("luma_mean")] = 0.25;
        float[] probs = new float[1001];
        probs[7] = 0.64f;
        probs[8] = 0.36f;
        double[] x = CoverageFeatures.select(src, new CoverageFeatures.Raw(stats, probs));
        assertThat(x[0]).isEqualTo(3.5);
        assertThat(x[1]).isCloseTo(0.64, within(1e-6));
        assertThat(x[2]).isCloseTo(0.8, within(1e-6));
        assertThat(x[3]).isEqualTo(0.25);
        assertThat(CoverageFeatures.className(7)).isEqualTo("cnn_sqrtp_0007");
    }

    @Test
    void resolveRejectsUnknownNamesAndClassesOutOfRange() {
        assertThatThrownBy(() -> CoverageFeatures.resolve(List.of("nope"), 1001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown 'nope'");
        assertThatThrownBy(() -> CoverageFeatures.resolve(List.of("cnn_sqrtp_1001"), 1001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cnn_sqrtp_1001");
    }
}
