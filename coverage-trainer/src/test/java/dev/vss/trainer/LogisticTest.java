// SPDX-License-Identifier: Apache-2.0
package dev.vss.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Newton fit reaches the optimum of its objective; no native code. */
class LogisticTest {
    @Test
    void solveMatchesAKnownSystem() {
        double[][] a = {{4, 2, 0}, {2, 5, 1}, {0, 1, 3}};
        double[] v = Logistic.solve(a, new double[] {8, 17, 11});
        // Check by multiplying back rather than by a hand-solved answer.
        double[] b = {4 * v[0] + 2 * v[1], 2 * v[0] + 5 * v[1] + v[2], v[1] + 3 * v[2]};
        assertThat(b[0]).isCloseTo(8, within(1e-12));
        assertThat(b[1]).isCloseTo(17, within(1e-12));
        assertThat(b[2]).isCloseTo(11, within(1e-12));
    }

    @Test
    void fitZeroesTheGradientAndSeparatesNoisyClasses() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 400;
        double[][] x = new double[n][2];
        int[] y = new int[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 4 == 0 ? 1 : 0;
            x[i][0] = (y[i] == 1 ? 1.0 : -1.0) + r.nextGaussian();
            x[i][1] = r.nextGaussian();
            s[i] = y[i] == 1 ? 3 : 1;
        }
        double l2 = 0.01;
        double[] w = Logistic.fit(x, y, s, l2, 100);
        // Optimality: the gradient of the weighted, penalized log-loss vanishes.
        double[] g = new double[3];
        double total = 0;
        for (double v : s) {
            total += v;
        }
        for (int i = 0; i < n; i++) {
            double p = Logistic.sigmoid(Logistic.dot(w, x[i]));
            for (int k = 0; k < 3; k++) {
                g[k] += s[i] / total * (p - y[i]) * (k < 2 ? x[i][k] : 1);
            }
        }
        g[0] += l2 * w[0];
        g[1] += l2 * w[1];
        assertThat(g).containsExactly(new double[] {0, 0, 0}, within(1e-9));
        assertThat(w[0]).as("informative feature").isGreaterThan(1);
        assertThat(Math.abs(w[1])).as("noise feature").isLessThan(0.3);
        assertThat(Logistic.fit(x, y, s, l2, 100)).as("deterministic").containsExactly(w);
    }
}
