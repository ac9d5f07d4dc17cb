// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.coverage;

import static org.assertj.core.api.Assertions.assertThat;

/** Synthetic RGB float frames whose statistics are known, for the feature tests here and the trainer's (test-jar). */
public final class SyntheticFrames {
    private SyntheticFrames() {
    }

    /** An RGB float frame of one colour. */
    public static float[] uniform(int w, int h, float r, float g, float b) {
        float[] a = new float[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            a[3 * i] = r;
            a[3 * i + 1] = g;
            a[3 * i + 2] = b;
        }
        return a;
    }

    /** Black and white squares of {@code cell} pixels, from column {@code x0} on (grey 128 left of it). */
    public static float[] checker(int w, int h, int cell, int x0) {
        float[] a = uniform(w, h, 128, 128, 128);
        for (int y = 0; y < h; y++) {
            for (int x = x0; x < w; x++) {
                float v = ((x / cell + y / cell) & 1) == 0 ? 0 : 255;
                int i = 3 * (y * w + x);
                a[i] = v;
                a[i + 1] = v;
                a[i + 2] = v;
            }
        }
        return a;
    }

    /** The statistic {@code name} of {@link CoverageFeatures#stats} output {@code s}. */
    public static double stat(double[] s, String name) {
        int i = CoverageFeatures.STAT_NAMES.indexOf(name);
        assertThat(i).as("feature %s", name).isNotNegative();
        return s[i];
    }
}
