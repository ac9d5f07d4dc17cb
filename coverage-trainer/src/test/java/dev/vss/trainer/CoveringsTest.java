// SPDX-License-Identifier: Apache-2.0
package dev.vss.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vss.hla.coverage.CoverageFeatures;
import dev.vss.hla.coverage.SyntheticFrames;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The synthetic coverings do what their labels say on a fully textured frame (random 8-px colour squares): covered
 * variants change most of the frame, clear ones keep its texture. No native code.
 */
class CoveringsTest {
    private static final int W = 320;
    private static final int H = 240;

    static FloatImage mosaic(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FloatImage f = new FloatImage(W, H);
        for (int by = 0; by < H; by += 8) {
            for (int bx = 0; bx < W; bx += 8) {
                float b = r.nextInt(256);
                float g = r.nextInt(256);
                float rr = r.nextInt(256);
                for (int y = by; y < by + 8; y++) {
                    for (int x = bx; x < bx + 8; x++) {
                        int i = 3 * (y * W + x);
                        f.px[i] = b;
                        f.px[i + 1] = g;
                        f.px[i + 2] = rr;
                    }
                }
            }
        }
        return f;
    }

    /** Share of pixels where some channel moved by more than 30 levels. */
    static double changed(FloatImage a, FloatImage b) {
        int n = 0;
        for (int i = 0; i < a.width * a.height; i++) {
            for (int k = 0; k < 3; k++) {
                if (Math.abs(FloatImage.clamp8(a.px[3 * i + k]) - FloatImage.clamp8(b.px[3 * i + k])) > 30) {
                    n++;
                    break;
                }
            }
        }
        return n / (double) (a.width * a.height);
    }

    static double[] statsOf(FloatImage f) {
        int s = CoverageFeatures.SIZE;
        return CoverageFeatures.stats(CoverageFeatures.areaResize(f.toImage(), s, s), s, s);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void sameSeedSamePixelsOtherIndexOtherPixels(Variant v) {
        FloatImage src = mosaic(1);
        FloatImage a = Coverings.make(v, src, CoverageTrainer.rng(5, "x.jpg", v, 0));
        FloatImage b = Coverings.make(v, src, CoverageTrainer.rng(5, "x.jpg", v, 0));
        assertThat(a.px).isEqualTo(b.px);
        if (v != Variant.ORIGINAL) {
            FloatImage c = Coverings.make(v, src, CoverageTrainer.rng(5, "x.jpg", v, 1));
            assertThat(c.px).isNotEqualTo(a.px);
        }
        assertThat(src.px).as("source unchanged").isEqualTo(mosaic(1).px);
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"HAND", "STICKER", "SPRAY", "DEFOCUS", "DARK", "OVEREXPOSED", "WALL"})
    void coveringsHideMostOfTheFrame(Variant v) {
        FloatImage src = mosaic(2);
        for (int i = 0; i < 8; i++) {
            FloatImage out = Coverings.make(v, src, CoverageTrainer.rng(11, "m", v, i));
            assertThat(out.width).isEqualTo(W);
            assertThat(changed(src, out)).as("%s #%d", v, i).isGreaterThan(0.5);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"HAND", "STICKER", "WALL", "DEFOCUS", "DARK"})
    void opaqueCoveringsLeaveLittleTexture(Variant v) {
        FloatImage src = mosaic(3);
        for (int i = 0; i < 8; i++) {
            double[] s = statsOf(Coverings.make(v, src, CoverageTrainer.rng(13, "m", v, i)));
            double textured = s[CoverageFeatures.STAT_NAMES.indexOf("textured_cells")];
            assertThat(textured).as("%s #%d textured cells", v, i).isLessThanOrEqualTo(0.5);
        }
    }

    @Test
    void overexposureClipsMostOfTheFrame() {
        // On this mosaic one unclipped channel keeps a block's edges, so texture is no test here; brightness is.
        FloatImage src = mosaic(3);
        for (int i = 0; i < 8; i++) {
            double[] s = statsOf(Coverings.make(Variant.OVEREXPOSED, src, CoverageTrainer.rng(13, "m",
                    Variant.OVEREXPOSED, i)));
            // A torch or gain clips to white; a colour wash is bright but not white: mean luma covers both.
            assertThat(s[CoverageFeatures.STAT_NAMES.indexOf("luma_mean")]).as("#%d", i).isGreaterThan(0.6);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"ORIGINAL", "PHOTOMETRIC", "CROP_FLIP", "NOISE", "SOFT", "PARTIAL"})
    void clearVariantsKeepTheTexture(Variant v) {
        FloatImage src = mosaic(4);
        for (int i = 0; i < 8; i++) {
            double[] s = statsOf(Coverings.make(v, src, CoverageTrainer.rng(17, "m", v, i)));
            double textured = s[CoverageFeatures.STAT_NAMES.indexOf("textured_cells")];
            assertThat(textured).as("%s #%d textured cells", v, i).isGreaterThanOrEqualTo(v == Variant.PARTIAL ? 0.7 : 0.95);
        }
    }

    @Test
    void partialOccludersStaySmall() {
        FloatImage src = mosaic(5);
        for (int i = 0; i < 16; i++) {
            FloatImage out = Coverings.make(Variant.PARTIAL, src, CoverageTrainer.rng(19, "m", Variant.PARTIAL, i));
            assertThat(changed(src, out)).as("#%d", i).isLessThan(0.3);
        }
    }

    @Test
    void cropFlipKeepsMostOfEachSide() {
        FloatImage src = mosaic(6);
        for (int i = 0; i < 16; i++) {
            FloatImage out = Coverings.make(Variant.CROP_FLIP, src, CoverageTrainer.rng(23, "m", Variant.CROP_FLIP, i));
            assertThat(out.width).isBetween((int) (W * 0.8), (int) (W * 0.97));
            assertThat(out.height).isBetween((int) (H * 0.8), (int) (H * 0.97));
        }
    }

    @Test
    void percentileAndBlurBasics() {
        float[] v = new float[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i;
        }
        assertThat(Coverings.percentile(v, 0.15)).isEqualTo(14);
        FloatImage flat = FloatImage.filled(20, 10, 0x336699);
        flat.blur(3);
        assertThat(flat.px[0]).isCloseTo(0x99, within(1e-3f));
        assertThat(flat.px[2]).isCloseTo(0x33, within(1e-3f));
    }

    @Test
    void noiseDoesNotLookLikeTextureToTheCellStatistic() {
        // Mild sensor noise on a flat frame must not make covered frames look "textured".
        int size = CoverageFeatures.SIZE;
        FloatImage f = FloatImage.filled(size, size, 0x808080);
        Coverings.noise(f, new java.util.SplittableRandom(3), 3);
        double[] s = CoverageFeatures.stats(FloatImageTest.rgbOf(f), size, size);
        assertThat(SyntheticFrames.stat(s, "textured_cells")).isZero();
        assertThat(SyntheticFrames.stat(s, "edge_density")).isLessThan(0.01);
    }
}
