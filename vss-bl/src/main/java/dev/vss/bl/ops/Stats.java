// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.ops;

/** Summary statistics of measured times, shared by the benchmarks and the lab's run summaries. */
public final class Stats {
    private Stats() {
    }

    /** The nearest-rank percentile {@code p} (0-100) of sorted values; NaN for none. */
    public static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }
}
