// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.coverage;

import dev.vss.dl.ElementType;
import dev.vss.dl.Shape;
import dev.vss.dl.Tensor;
import dev.vss.dl.image.Image;
import dev.vss.hla.Sharpness;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The hand-made half of the coverage features: cheap image statistics on the frame reduced to the backbone's
 * 128 × 128 input, plus summaries of the backbone's 1001 class probabilities. Pure Java, no native code, stateless
 * and thread-safe.
 *
 * <p>Why these statistics: a covered lens shows up as little texture (hand, paper, wall, defocus), extreme
 * exposure (lens cap, torch), one dominant colour (sticker, paint) or skin over most of the frame. Each statistic is
 * normalized to roughly [0,1] or a log scale so that one standardization fits frames of any size.
 *
 * <p>Public for the coverage trainer (module coverage-trainer), which must see exactly the features the detector
 * sees: the feature names, the frame reduction, the statistics, and resolving and selecting a head's features. The
 * rest stays package-private.
 */
public final class CoverageFeatures {
    /** Side of the square frame the statistics and the backbone see. */
    public static final int SIZE = 128;

    /** Names of {@link #stats} in order; they name the columns of the head file. */
    public static final List<String> STAT_NAMES = List.of(
            "luma_mean", "luma_std", "dark_frac", "bright_frac", "sharpness", "hf_ratio", "edge_density",
            "chroma_mean", "hue_dominance", "skin_frac", "textured_cells", "centre_textured", "cell_luma_spread",
            "largest_flat_region", "luma_entropy", "colour_bins");

    /** Names of {@link #cnnSummary} in order. */
    public static final List<String> CNN_NAMES = List.of("cnn_entropy", "cnn_top1", "cnn_top5");

    /** Prefix of a per-class feature: {@code cnn_sqrtp_<class index>} = sqrt of that class's probability. */
    static final String CLASS_PREFIX = "cnn_sqrtp_";

    static final int GRID = 8;
    static final int BLOCK = 4;
    static final float DARK = 32f;
    static final float BRIGHT = 224f;
    static final double EDGE = 80.0;

    private CoverageFeatures() {
    }

    /** Everything the head may use about one frame: the statistics and the backbone's class probabilities. */
    public record Raw(double[] stats, float[] probs) {
    }

    /**
     * The image area-averaged to {@code w} × {@code h} as RGB floats (0–255, interleaved). Area averaging, unlike a
     * bilinear shrink of a 1280-px frame, does not alias, so sharpness statistics do not depend on the camera's size.
     */
    public static float[] areaResize(Image img, int w, int h) {
        int sw = img.width();
        int sh = img.height();
        int ch = img.channels();
        ByteBuffer data = img.data();
        byte[] row = new byte[sw * ch];
        float[] out = new float[w * h * 3];
        // Column ranges do not depend on the row: compute them once.
        int[] xa = new int[w];
        int[] xb = new int[w];
        for (int x = 0; x < w; x++) {
            xa[x] = (int) ((long) x * sw / w);
            xb[x] = Math.max(xa[x] + 1, (int) ((long) (x + 1) * sw / w));
        }
        long[] acc = new long[w * 3];
        for (int y = 0; y < h; y++) {
            int ya = (int) ((long) y * sh / h);
            int yb = Math.max(ya + 1, (int) ((long) (y + 1) * sh / h));
            Arrays.fill(acc, 0);
            // Row by row, so the frame is read once, in memory order, without copying it whole.
            for (int yy = ya; yy < yb; yy++) {
                data.get(yy * sw * ch, row);
                for (int x = 0; x < w; x++) {
                    long b = 0;
                    long g = 0;
                    long r = 0;
                    if (ch == 3) {
                        for (int i = xa[x] * 3, end = xb[x] * 3; i < end; i += 3) {
                            b += row[i] & 0xff;
                            g += row[i + 1] & 0xff;
                            r += row[i + 2] & 0xff;
                        }
                    } else {
                        for (int i = xa[x]; i < xb[x]; i++) {
                            b += row[i] & 0xff;
                        }
                        g = b;
                        r = b;
                    }
                    acc[3 * x] += r;
                    acc[3 * x + 1] += g;
                    acc[3 * x + 2] += b;
                }
            }
            for (int x = 0; x < w; x++) {
                float n = (float) (yb - ya) * (xb[x] - xa[x]);
                int o = (y * w + x) * 3;
                out[o] = acc[3 * x] / n;
                out[o + 1] = acc[3 * x + 1] / n;
                out[o + 2] = acc[3 * x + 2] / n;
            }
        }
        return out;
    }

    /** The backbone input: RGB floats rounded to a u8 NHWC tensor [1, h, w, 3]. */
    static Tensor toInputTensor(float[] rgb, int w, int h) {
        Tensor t = Tensor.allocate(ElementType.U8, Shape.of(1, h, w, 3));
        ByteBuffer d = t.data();
        for (int i = 0; i < rgb.length; i++) {
            int v = Math.round(rgb[i]);
            d.put(i, (byte) (v < 0 ? 0 : Math.min(255, v)));
        }
        return t;
    }

    /**
     * Class probabilities from the backbone's output: a u8 tensor is dequantized with scale 1/256 (the TFLite model's
     * quantization), any other type is taken as probabilities; either way they are renormalized to sum to 1.
     */
    static float[] probabilities(Tensor out) {
        float[] p = out.toFloatArray();
        double sum = 0;
        for (float v : p) {
            sum += Math.max(0, v);
        }
        // The 1/256 scale cancels in the normalization; a u8 output of all zeros (never seen) gives uniform.
        float[] q = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            q[i] = sum > 0 ? (float) (Math.max(0, p[i]) / sum) : 1f / p.length;
        }
        return q;
    }

    /**
     * Resolves feature names to their sources, so a head can use any subset in any order.
     *
     * @return per name: {@code i} ≥ 0 for {@code STAT_NAMES[i]}, {@code -1 - j} for {@code CNN_NAMES[j]}, or
     *         {@code -1000 - k} for class {@code k}
     * @throws IllegalArgumentException naming an unknown feature or a class outside [0, classes)
     */
    public static int[] resolve(List<String> names, int classes) {
        int[] src = new int[names.size()];
        for (int i = 0; i < src.length; i++) {
            String n = names.get(i);
            int s = STAT_NAMES.indexOf(n);
            int c = CNN_NAMES.indexOf(n);
            if (s >= 0) {
                src[i] = s;
            } else if (c >= 0) {
                src[i] = -1 - c;
            } else if (n.startsWith(CLASS_PREFIX)) {
                int k;
                try {
                    k = Integer.parseInt(n.substring(CLASS_PREFIX.length()));
                } catch (NumberFormatException e) {
                    k = -1;
                }
                if (k < 0 || k >= classes) {
                    throw new IllegalArgumentException("features: '" + n + "' names no class of the backbone's "
                            + classes);
                }
                src[i] = -1000 - k;
            } else {
                throw new IllegalArgumentException("features: unknown '" + n + "'; known: " + STAT_NAMES + ", "
                        + CNN_NAMES + ", " + CLASS_PREFIX + "<class>");
            }
        }
        return src;
    }

    /** The feature vector for sources made by {@link #resolve}. */
    public static double[] select(int[] sources, Raw raw) {
        double[] cnn = cnnSummary(raw.probs());
        double[] x = new double[sources.length];
        for (int i = 0; i < x.length; i++) {
            int s = sources[i];
            x[i] = s >= 0 ? raw.stats()[s] : s > -1000 ? cnn[-1 - s] : Math.sqrt(raw.probs()[-1000 - s]);
        }
        return x;
    }

    /** The name of class feature {@code k}, zero-padded so the names sort by class. */
    public static String className(int k) {
        return String.format(Locale.ROOT, "%s%04d", CLASS_PREFIX, k);
    }

    /** Luma (BT.601) of interleaved RGB floats. */
    static float[] luma(float[] rgb) {
        float[] y = new float[rgb.length / 3];
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.299f * rgb[3 * i] + 0.587f * rgb[3 * i + 1] + 0.114f * rgb[3 * i + 2];
        }
        return y;
    }

    /** The statistics named by {@link #STAT_NAMES} for an RGB float frame of {@code w} × {@code h} (w, h ≥ 3). */
    public static double[] stats(float[] rgb, int w, int h) {
        if (w < 3 || h < 3 || rgb.length != w * h * 3) {
            throw new IllegalArgumentException("rgb: " + rgb.length + " values for a " + w + "x" + h
                    + " frame (needs w, h >= 3 and w*h*3 values)");
        }
        float[] y = luma(rgb);
        double[] ms = meanStd(y);
        double lapVar = Math.max(0, Sharpness.laplacianVariance(y, w, h)); // 0 for a flat frame, never below
        double[] s = new double[STAT_NAMES.size()];
        s[0] = ms[0] / 255;
        s[1] = ms[1] / 255;
        s[2] = fraction(y, v -> v < DARK);
        s[3] = fraction(y, v -> v > BRIGHT);
        s[4] = Math.log1p(lapVar);
        s[5] = Math.log1p(lapVar) - Math.log1p(ms[1] * ms[1]);
        boolean[] edges = edgeMap(y, w, h);
        s[6] = count(edges) / (double) edges.length;
        s[7] = chromaMean(rgb);
        s[8] = hueDominance(rgb);
        s[9] = skinFraction(rgb);
        double[] cells = cellStats(y, edges, w, h);
        s[10] = cells[0];
        s[11] = cells[2];
        s[12] = cells[1] / 255;
        s[13] = largestFlatRegion(rgb, w, h);
        s[14] = lumaEntropy(y);
        s[15] = colourBins(rgb);
        return s;
    }

    /** Entropy (normalized by ln 1001), top-1 and top-5 mass of the class probabilities. */
    static double[] cnnSummary(float[] p) {
        double ent = 0;
        for (float v : p) {
            if (v > 0) {
                ent -= v * Math.log(v);
            }
        }
        float[] sorted = p.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double top5 = 0;
        for (int i = 1; i <= Math.min(5, n); i++) {
            top5 += sorted[n - i];
        }
        return new double[] {ent / Math.log(n), sorted[n - 1], top5};
    }

    static double[] meanStd(float[] a) {
        double sum = 0;
        for (float v : a) {
            sum += v;
        }
        double mean = sum / a.length;
        double var = 0;
        for (float v : a) {
            var += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(var / a.length)};
    }

    interface FloatPredicate {
        boolean test(float v);
    }

    static double fraction(float[] a, FloatPredicate p) {
        int n = 0;
        for (float v : a) {
            if (p.test(v)) {
                n++;
            }
        }
        return n / (double) a.length;
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean v : b) {
            if (v) {
                n++;
            }
        }
        return n;
    }

    /** Pixels whose Sobel gradient magnitude exceeds {@link #EDGE} (a ~20-level step); borders are never edges. */
    static boolean[] edgeMap(float[] y, int w, int h) {
        boolean[] e = new boolean[w * h];
        for (int r = 1; r < h - 1; r++) {
            for (int c = 1; c < w - 1; c++) {
                int i = r * w + c;
                double gx = (y[i - w + 1] + 2 * y[i + 1] + y[i + w + 1]) - (y[i - w - 1] + 2 * y[i - 1] + y[i + w - 1]);
                double gy = (y[i + w - 1] + 2 * y[i + w] + y[i + w + 1]) - (y[i - w - 1] + 2 * y[i - w] + y[i - w + 1]);
                e[i] = gx * gx + gy * gy > EDGE * EDGE;
            }
        }
        return e;
    }

    /** Mean chroma (max − min channel) over the frame, in [0,1]. */
    static double chromaMean(float[] rgb) {
        double s = 0;
        int n = rgb.length / 3;
        for (int i = 0; i < n; i++) {
            float r = rgb[3 * i];
            float g = rgb[3 * i + 1];
            float b = rgb[3 * i + 2];
            s += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
        }
        return s / n / 255;
    }

    /**
     * The share of the whole frame taken by its most common hue (12 bins of 30°), counting only clearly coloured
     * pixels (chroma ≥ 25): near 1 for a coloured sticker or paint, near 0 for grey or varied scenes.
     */
    static double hueDominance(float[] rgb) {
        int n = rgb.length / 3;
        int[] bins = new int[12];
        for (int i = 0; i < n; i++) {
            float r = rgb[3 * i];
            float g = rgb[3 * i + 1];
            float b = rgb[3 * i + 2];
            float max = Math.max(r, Math.max(g, b));
            float min = Math.min(r, Math.min(g, b));
            float c = max - min;
            if (c < 25f) {
                continue;
            }
            float hue;
            if (max == r) {
                // (g - b) / c lies in [-1, 1]; the negative side wraps below. No float '%': it is slow in Java.
                hue = (g - b) / c;
            } else if (max == g) {
                hue = (b - r) / c + 2f;
            } else {
                hue = (r - g) / c + 4f;
            }
            if (hue < 0) {
                hue += 6f;
            }
            bins[Math.min(11, (int) (hue * 2f))]++;
        }
        int best = 0;
        for (int v : bins) {
            best = Math.max(best, v);
        }
        return best / (double) n;
    }

    /** Share of skin-toned pixels by the usual YCrCb box (Y > 40, 135 ≤ Cr ≤ 180, 80 ≤ Cb ≤ 130). */
    static double skinFraction(float[] rgb) {
        int n = rgb.length / 3;
        int k = 0;
        for (int i = 0; i < n; i++) {
            float r = rgb[3 * i];
            float g = rgb[3 * i + 1];
            float b = rgb[3 * i + 2];
            float yy = 0.299f * r + 0.587f * g + 0.114f * b;
            float cr = 128 + 0.5f * r - 0.4187f * g - 0.0813f * b;
            float cb = 128 - 0.1687f * r - 0.3313f * g + 0.5f * b;
            if (yy > 40 && cr >= 135 && cr <= 180 && cb >= 80 && cb <= 130) {
                k++;
            }
        }
        return k / (double) n;
    }

    /**
     * Over a {@link #GRID} × {@link #GRID} grid: the share of cells with texture (≥ 5 % edge pixels), the spread
     * (std) of the cell mean lumas, and the share of textured cells among the central 4 × 4. A frame covered over
     * 60 % keeps texture in at most the uncovered 40 %; a plain backdrop behind a subject (a portrait, a person
     * before a white wall) still has texture in the centre, where a sticker or hand over the lens rarely leaves any.
     */
    static double[] cellStats(float[] y, boolean[] edges, int w, int h) {
        int textured = 0;
        int centre = 0;
        double[] means = new double[GRID * GRID];
        for (int gy = 0; gy < GRID; gy++) {
            int y0 = gy * h / GRID;
            int y1 = (gy + 1) * h / GRID;
            for (int gx = 0; gx < GRID; gx++) {
                int x0 = gx * w / GRID;
                int x1 = (gx + 1) * w / GRID;
                int e = 0;
                double sum = 0;
                for (int r = y0; r < y1; r++) {
                    for (int c = x0; c < x1; c++) {
                        int i = r * w + c;
                        sum += y[i];
                        if (edges[i]) {
                            e++;
                        }
                    }
                }
                int n = Math.max(1, (y1 - y0) * (x1 - x0));
                means[gy * GRID + gx] = sum / n;
                if (e >= 0.05 * n) {
                    textured++;
                    if (gx >= GRID / 4 && gx < GRID * 3 / 4 && gy >= GRID / 4 && gy < GRID * 3 / 4) {
                        centre++;
                    }
                }
            }
        }
        double mean = 0;
        for (double m : means) {
            mean += m;
        }
        mean /= means.length;
        double var = 0;
        for (double m : means) {
            var += (m - mean) * (m - mean);
        }
        return new double[] {textured / (double) means.length, Math.sqrt(var / means.length),
                centre / (GRID * GRID / 4.0)};
    }

    /**
     * The largest connected area of flat, similar colour, as a share of the frame: the frame is cut into
     * {@link #BLOCK}-pixel blocks; a block is flat when its mean per-channel std is below 6; neighbouring flat blocks
     * join when their mean colours differ by less than 18 (sum over channels). Slow gradients (defocus, a lit wall)
     * chain into one region, as they should.
     */
    static double largestFlatRegion(float[] rgb, int w, int h) {
        int bw = w / BLOCK;
        int bh = h / BLOCK;
        if (bw == 0 || bh == 0) {
            return 0;
        }
        int nb = bw * bh;
        float[] mean = new float[nb * 3];
        boolean[] flat = new boolean[nb];
        int area = BLOCK * BLOCK;
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                double[] s = new double[3];
                double[] q = new double[3];
                for (int r = by * BLOCK; r < (by + 1) * BLOCK; r++) {
                    for (int c = bx * BLOCK; c < (bx + 1) * BLOCK; c++) {
                        int i = (r * w + c) * 3;
                        for (int k = 0; k < 3; k++) {
                            s[k] += rgb[i + k];
                            q[k] += rgb[i + k] * rgb[i + k];
                        }
                    }
                }
                int b = by * bw + bx;
                double sd = 0;
                for (int k = 0; k < 3; k++) {
                    double m = s[k] / area;
                    mean[b * 3 + k] = (float) m;
                    sd += Math.sqrt(Math.max(0, q[k] / area - m * m));
                }
                flat[b] = sd / 3 < 6.0;
            }
        }
        int[] parent = new int[nb];
        for (int i = 0; i < nb; i++) {
            parent[i] = i;
        }
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                int b = by * bw + bx;
                if (!flat[b]) {
                    continue;
                }
                if (bx + 1 < bw && flat[b + 1] && colourDistance(mean, b, b + 1) < 18f) {
                    union(parent, b, b + 1);
                }
                if (by + 1 < bh && flat[b + bw] && colourDistance(mean, b, b + bw) < 18f) {
                    union(parent, b, b + bw);
                }
            }
        }
        int[] size = new int[nb];
        int best = 0;
        for (int b = 0; b < nb; b++) {
            if (flat[b]) {
                best = Math.max(best, ++size[find(parent, b)]);
            }
        }
        return best / (double) nb;
    }

    private static float colourDistance(float[] mean, int a, int b) {
        return Math.abs(mean[a * 3] - mean[b * 3]) + Math.abs(mean[a * 3 + 1] - mean[b * 3 + 1])
                + Math.abs(mean[a * 3 + 2] - mean[b * 3 + 2]);
    }

    private static int find(int[] p, int i) {
        while (p[i] != i) {
            p[i] = p[p[i]];
            i = p[i];
        }
        return i;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a);
        int rb = find(p, b);
        // Smaller root index wins, so the result does not depend on the scan order.
        if (ra < rb) {
            p[rb] = ra;
        } else if (rb < ra) {
            p[ra] = rb;
        }
    }

    /** Entropy of the 32-bin luma histogram divided by ln 32: 0 for a flat frame, ~1 for a well-spread one. */
    static double lumaEntropy(float[] y) {
        int[] hist = new int[32];
        for (float v : y) {
            hist[Math.min(31, Math.max(0, (int) (v / 8f)))]++;
        }
        double e = 0;
        for (int c : hist) {
            if (c > 0) {
                double p = c / (double) y.length;
                e -= p * Math.log(p);
            }
        }
        return e / Math.log(32);
    }

    /**
     * How many of the 512 colour bins (8 levels a channel) hold at least 0.1 % of the pixels, as ln(1+n)/ln(513):
     * covered frames use few colours.
     */
    static double colourBins(float[] rgb) {
        int n = rgb.length / 3;
        int[] bins = new int[512];
        for (int i = 0; i < n; i++) {
            int r = Math.min(7, Math.max(0, (int) (rgb[3 * i] / 32f)));
            int g = Math.min(7, Math.max(0, (int) (rgb[3 * i + 1] / 32f)));
            int b = Math.min(7, Math.max(0, (int) (rgb[3 * i + 2] / 32f)));
            bins[r << 6 | g << 3 | b]++;
        }
        int min = Math.max(1, n / 1000);
        int used = 0;
        for (int c : bins) {
            if (c >= min) {
                used++;
            }
        }
        return Math.log1p(used) / Math.log(513);
    }
}
