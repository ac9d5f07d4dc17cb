// SPDX-License-Identifier: Apache-2.0
package dev.vss.trainer;

/**
 * L2-regularized, sample-weighted logistic regression fitted by Newton's method (IRLS) in plain Java. Newton
 * converges to the unique optimum in a few steps and, unlike stochastic gradient descent, does not depend on sample
 * order or a learning rate, so retraining gives the same weights. Stateless.
 */
final class Logistic {
    private Logistic() {
    }

    /**
     * Minimizes {@code Σ s_i · logloss_i / Σ s_i + l2/2 · |w|²} (the bias is not penalized).
     *
     * @param x       standardized features, one row per sample
     * @param y       labels, 0 or 1
     * @param s       sample weights (positive)
     * @param l2      penalty on the weights
     * @param maxIter Newton steps at most
     * @return the weights followed by the bias
     */
    static double[] fit(double[][] x, int[] y, double[] s, double l2, int maxIter) {
        int n = x.length;
        int d = x[0].length;
        double total = 0;
        for (double v : s) {
            total += v;
        }
        double[] w = new double[d + 1];
        for (int it = 0; it < maxIter; it++) {
            double[] g = new double[d + 1];
            double[][] h = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double p = sigmoid(dot(w, x[i]));
                double si = s[i] / total;
                double r = si * (p - y[i]);
                double q = si * Math.max(p * (1 - p), 1e-12);
                for (int a = 0; a <= d; a++) {
                    double xa = a < d ? x[i][a] : 1;
                    g[a] += r * xa;
                    for (int b = 0; b <= a; b++) {
                        h[a][b] += q * xa * (b < d ? x[i][b] : 1);
                    }
                }
            }
            for (int a = 0; a <= d; a++) {
                for (int b = 0; b < a; b++) {
                    h[b][a] = h[a][b];
                }
                if (a < d) {
                    g[a] += l2 * w[a];
                    h[a][a] += l2;
                } else {
                    h[a][a] += 1e-9;
                }
            }
            double[] step = solve(h, g);
            double max = 0;
            for (int a = 0; a <= d; a++) {
                w[a] -= step[a];
                max = Math.max(max, Math.abs(step[a]));
            }
            if (max < 1e-10) {
                break;
            }
        }
        return w;
    }

    /** The linear score of {@code w} (weights then bias) on {@code x}. */
    static double dot(double[] w, double[] x) {
        double z = w[x.length];
        for (int k = 0; k < x.length; k++) {
            z += w[k] * x[k];
        }
        return z;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Solves {@code a · v = b} for a symmetric positive-definite {@code a} (Cholesky). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new IllegalStateException("matrix is not positive definite at " + i);
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * z[k];
            }
            z[i] = sum / l[i][i];
        }
        double[] v = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k][i] * v[k];
            }
            v[i] = sum / l[i][i];
        }
        return v;
    }
}
