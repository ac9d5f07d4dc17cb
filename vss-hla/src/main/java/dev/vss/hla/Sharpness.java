// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla;

/** The focus measure that face quality and camera coverage share. Stateless, thread-safe. */
public final class Sharpness {
    private Sharpness() {
    }

    /**
     * Variance of the 4-neighbour Laplacian of a {@code w} x {@code h} luma plane over its interior pixels (w, h >= 3):
     * the classic focus measure, 0 for a flat plane (up to rounding, which can make it slightly negative).
     */
    public static double laplacianVariance(float[] y, int w, int h) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int r = 1; r < h - 1; r++) {
            for (int c = 1; c < w - 1; c++) {
                int i = r * w + c;
                double l = y[i - 1] + y[i + 1] + y[i - w] + y[i + w] - 4 * y[i];
                sum += l;
                sq += l * l;
                n++;
            }
        }
        double mean = sum / n;
        return sq / n - mean * mean;
    }
}
