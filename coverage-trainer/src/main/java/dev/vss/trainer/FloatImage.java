// SPDX-License-Identifier: Apache-2.0
package dev.vss.trainer;

import dev.vss.dl.image.Image;
import dev.vss.hla.coverage.CoverageFeatures;
import java.nio.ByteBuffer;

/**
 * A small mutable BGR raster of floats (0–255, interleaved) used to synthesize covered and clear frames in plain
 * Java. Package-private: the generators and the feature code share it; nothing else should need it.
 *
 * <p>Not thread-safe; each generated frame gets its own instance.
 */
final class FloatImage {
    final int width;
    final int height;
    /** B, G, R interleaved, row-major; values may leave 0..255 until {@link #toImage()} clamps them. */
    final float[] px;

    FloatImage(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size: " + width + "x" + height + " is empty");
        }
        this.width = width;
        this.height = height;
        this.px = new float[width * height * 3];
    }

    /** A copy of {@code img} area-averaged so that its longer side is at most {@code maxSide} (never enlarged). */
    static FloatImage fromImage(Image img, int maxSide) {
        double s = Math.min(1.0, maxSide / (double) Math.max(img.width(), img.height()));
        int w = Math.max(1, (int) Math.round(img.width() * s));
        int h = Math.max(1, (int) Math.round(img.height() * s));
        FloatImage out = new FloatImage(w, h);
        float[] avg = CoverageFeatures.areaResize(img, w, h);
        // areaResize returns RGB; keep BGR here like the Image it came from.
        for (int i = 0; i < w * h; i++) {
            out.px[3 * i] = avg[3 * i + 2];
            out.px[3 * i + 1] = avg[3 * i + 1];
            out.px[3 * i + 2] = avg[3 * i];
        }
        return out;
    }

    /** A filled raster of one colour given as 0xRRGGBB. */
    static FloatImage filled(int width, int height, int rgb) {
        FloatImage f = new FloatImage(width, height);
        float r = (rgb >> 16) & 0xff;
        float g = (rgb >> 8) & 0xff;
        float b = rgb & 0xff;
        for (int i = 0; i < width * height; i++) {
            f.px[3 * i] = b;
            f.px[3 * i + 1] = g;
            f.px[3 * i + 2] = r;
        }
        return f;
    }

    FloatImage copy() {
        FloatImage c = new FloatImage(width, height);
        System.arraycopy(px, 0, c.px, 0, px.length);
        return c;
    }

    /** The raster rounded and clamped to an 8-bit BGR image. */
    Image toImage() {
        Image img = Image.allocate(width, height, 3);
        ByteBuffer d = img.data();
        for (int i = 0; i < px.length; i++) {
            d.put(i, (byte) clamp8(px[i]));
        }
        return img;
    }

    static int clamp8(float v) {
        int i = Math.round(v);
        return i < 0 ? 0 : Math.min(255, i);
    }

    /** In-place approximate Gaussian blur: three box passes of radius {@code r} in x and y. */
    FloatImage blur(int r) {
        if (r <= 0) {
            return this;
        }
        for (int pass = 0; pass < 3; pass++) {
            boxBlur(px, width, height, 3, r);
        }
        return this;
    }

    /** One separable box pass (running sums, edge pixels repeated) over an interleaved buffer of {@code ch} channels. */
    static void boxBlur(float[] a, int w, int h, int ch, int r) {
        float[] line = new float[Math.max(w, h) + 2 * r + 1];
        float inv = 1f / (2 * r + 1);
        for (int c = 0; c < ch; c++) {
            for (int y = 0; y < h; y++) {
                runningMean(a, y * w * ch + c, ch, w, r, inv, line);
            }
            for (int x = 0; x < w; x++) {
                runningMean(a, x * ch + c, w * ch, h, r, inv, line);
            }
        }
    }

    private static void runningMean(float[] a, int start, int stride, int n, int r, float inv, float[] line) {
        // Pad with the edge values so the border does not darken.
        for (int i = -r; i < n + r; i++) {
            int j = i < 0 ? 0 : (i >= n ? n - 1 : i);
            line[i + r] = a[start + j * stride];
        }
        double sum = 0;
        for (int i = 0; i < 2 * r + 1; i++) {
            sum += line[i];
        }
        for (int i = 0; i < n; i++) {
            a[start + i * stride] = (float) (sum * inv);
            if (i + 1 < n) {
                sum += line[i + 2 * r + 1] - line[i];
            }
        }
    }

    /** A bilinear resample to {@code w} × {@code h} (for upscaling smooth, tiny rasters). */
    FloatImage resizeBilinear(int w, int h) {
        FloatImage out = new FloatImage(w, h);
        float sx = width / (float) w;
        float sy = height / (float) h;
        for (int y = 0; y < h; y++) {
            float fy = Math.max(0, (y + 0.5f) * sy - 0.5f);
            int y0 = Math.min(height - 1, (int) fy);
            int y1 = Math.min(height - 1, y0 + 1);
            float ty = fy - y0;
            for (int x = 0; x < w; x++) {
                float fx = Math.max(0, (x + 0.5f) * sx - 0.5f);
                int x0 = Math.min(width - 1, (int) fx);
                int x1 = Math.min(width - 1, x0 + 1);
                float tx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    float a = px[(y0 * width + x0) * 3 + c];
                    float b = px[(y0 * width + x1) * 3 + c];
                    float d = px[(y1 * width + x0) * 3 + c];
                    float e = px[(y1 * width + x1) * 3 + c];
                    out.px[(y * w + x) * 3 + c] = (a + (b - a) * tx) * (1 - ty) + (d + (e - d) * tx) * ty;
                }
            }
        }
        return out;
    }

    /** An area-average downscale to {@code w} × {@code h} (w, h ≤ current size). */
    FloatImage resizeArea(int w, int h) {
        FloatImage out = new FloatImage(w, h);
        for (int y = 0; y < h; y++) {
            int ya = (int) ((long) y * height / h);
            int yb = Math.max(ya + 1, (int) ((long) (y + 1) * height / h));
            for (int x = 0; x < w; x++) {
                int xa = (int) ((long) x * width / w);
                int xb = Math.max(xa + 1, (int) ((long) (x + 1) * width / w));
                float b = 0;
                float g = 0;
                float r = 0;
                for (int yy = ya; yy < yb; yy++) {
                    for (int xx = xa; xx < xb; xx++) {
                        int i = (yy * width + xx) * 3;
                        b += px[i];
                        g += px[i + 1];
                        r += px[i + 2];
                    }
                }
                float n = (yb - ya) * (xb - xa);
                int o = (y * w + x) * 3;
                out.px[o] = b / n;
                out.px[o + 1] = g / n;
                out.px[o + 2] = r / n;
            }
        }
        return out;
    }

    /**
     * Blends a colour layer over this raster: {@code p = p * (1 - a) + layer * a} with {@code a} the per-pixel alpha in
     * [0,1] ({@code alpha} has one value per pixel).
     */
    void blend(FloatImage layer, float[] alpha) {
        for (int i = 0; i < width * height; i++) {
            float a = alpha[i];
            if (a <= 0) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                int k = 3 * i + c;
                px[k] = px[k] * (1 - a) + layer.px[k] * a;
            }
        }
    }
}
