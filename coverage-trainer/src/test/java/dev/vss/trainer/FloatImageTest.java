// SPDX-License-Identifier: Apache-2.0
package dev.vss.trainer;

import static dev.vss.hla.coverage.SyntheticFrames.checker;
import static dev.vss.hla.coverage.SyntheticFrames.stat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.hla.coverage.CoverageFeatures;
import org.junit.jupiter.api.Test;

/** The synthetic raster's operations as the features see them; no native code. */
class FloatImageTest {
    private static final int S = CoverageFeatures.SIZE;

    @Test
    void blurLowersSharpnessMonotonically() {
        FloatImage f = new FloatImage(S, S);
        System.arraycopy(checker(S, S, 8, 0), 0, f.px, 0, f.px.length);
        double last = Double.MAX_VALUE;
        for (int r : new int[] {0, 1, 2, 4, 8}) {
            FloatImage b = f.copy().blur(r);
            double sharp = stat(CoverageFeatures.stats(b.px, S, S), "sharpness");
            assertThat(sharp).as("blur radius %d", r).isLessThan(last);
            last = sharp;
        }
        assertThat(last).isLessThan(2.0);
    }

    /** RGB floats of a BGR raster. */
    static float[] rgbOf(FloatImage f) {
        float[] a = new float[f.px.length];
        for (int i = 0; i < f.width * f.height; i++) {
            a[3 * i] = f.px[3 * i + 2];
            a[3 * i + 1] = f.px[3 * i + 1];
            a[3 * i + 2] = f.px[3 * i];
        }
        return a;
    }
}
