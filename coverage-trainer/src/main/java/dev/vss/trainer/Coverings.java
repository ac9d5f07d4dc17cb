// SPDX-License-Identifier: Apache-2.0
package dev.vss.trainer;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Synthesizes covered and clear frames from a real frame, in plain Java and deterministically: the same source,
 * {@link Variant} and random generator state always give the same pixels. Stateless and thread-safe (each call
 * uses only its own generator).
 *
 * <p>The parameter ranges are chosen so that covered frames lose at least 60 % of the view (or all of it, for
 * defocus, exposure and walls) while clear variants stay within what a working camera produces; the gap between
 * the two is deliberate so that the labels are unambiguous.
 */
final class Coverings {
    /** Skin tones (RGB) from very light to very dark; each use is jittered. */
    private static final int[][] SKIN = {
        {255, 219, 172}, {241, 194, 125}, {232, 190, 172}, {224, 172, 105}, {210, 160, 140}, {198, 134, 66},
        {170, 120, 90}, {141, 85, 36}, {110, 70, 50}, {92, 51, 23}};
    /** Paper, tape and post-it colours (RGB). */
    private static final int[][] PAPER = {
        {245, 245, 240}, {230, 225, 210}, {200, 200, 200}, {120, 120, 120}, {30, 30, 30}, {250, 240, 120},
        {255, 190, 60}, {90, 160, 230}, {230, 80, 80}, {120, 200, 120}, {170, 120, 70}};
    /** Wall colours (RGB): paint, plaster, concrete, brick, wood. */
    private static final int[][] WALLS = {
        {238, 238, 232}, {225, 218, 200}, {220, 205, 180}, {200, 200, 198}, {160, 160, 158}, {150, 150, 145},
        {190, 210, 225}, {200, 225, 200}, {240, 230, 170}, {150, 75, 55}, {160, 110, 70}, {110, 110, 115}};

    private Coverings() {
    }

    /** A new frame of the given variant made from {@code src} (which is not changed). */
    static FloatImage make(Variant v, FloatImage src, SplittableRandom rnd) {
        FloatImage out = switch (v) {
            case HAND -> hand(src, rnd, u(rnd, 0.6, 1.0));
            case STICKER -> sticker(src, rnd, u(rnd, 0.6, 1.0));
            case SPRAY -> spray(src, rnd);
            case DEFOCUS -> defocus(src, rnd);
            case DARK -> dark(src, rnd);
            case OVEREXPOSED -> overexposed(src, rnd);
            case WALL -> wall(src, rnd);
            case ORIGINAL -> src.copy();
            case PHOTOMETRIC -> photometric(src, rnd);
            case CROP_FLIP -> cropFlip(src, rnd);
            case NOISE -> noise(src.copy(), rnd, u(rnd, 2, 8));
            case SOFT -> soft(src, rnd);
            case PARTIAL -> rnd.nextBoolean() ? hand(src, rnd, u(rnd, 0.03, 0.2)) : sticker(src, rnd, u(rnd, 0.03, 0.2));
        };
        if (v.covered() && v != Variant.DARK) {
            // Real covered frames still carry sensor noise; without it "perfectly flat" would be a give-away.
            noise(out, rnd, u(rnd, 0.5, 3));
        }
        return out;
    }

    static double u(SplittableRandom r, double a, double b) {
        return a + (b - a) * r.nextDouble();
    }

    private static int minSide(FloatImage f) {
        return Math.min(f.width, f.height);
    }

    private static float[] jitter(int[] rgb, SplittableRandom rnd, double amount) {
        float[] c = new float[3];
        for (int k = 0; k < 3; k++) {
            c[k] = (float) (rgb[k] * (1 + u(rnd, -amount, amount)));
        }
        return c;
    }

    /** A layer filled with {@code rgb} (R, G, B order) times a smooth shading field. */
    private static FloatImage shadedLayer(FloatImage like, float[] rgb, float[] shade) {
        FloatImage l = new FloatImage(like.width, like.height);
        for (int i = 0; i < like.width * like.height; i++) {
            float s = shade[i];
            l.px[3 * i] = rgb[2] * s;
            l.px[3 * i + 1] = rgb[1] * s;
            l.px[3 * i + 2] = rgb[0] * s;
        }
        return l;
    }

    /** 1 + a linear gradient of amplitude {@code grad} in a random direction + a vignette of depth {@code vig}. */
    private static float[] lighting(int w, int h, SplittableRandom rnd, double grad, double vig) {
        double ang = u(rnd, 0, 2 * Math.PI);
        double dx = Math.cos(ang);
        double dy = Math.sin(ang);
        double cx = u(rnd, 0.2, 0.8) * w;
        double cy = u(rnd, 0.2, 0.8) * h;
        double diag = Math.hypot(w, h);
        float[] s = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = ((x - w / 2.0) * dx + (y - h / 2.0) * dy) / diag;
                double r2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (diag * diag);
                s[y * w + x] = (float) Math.max(0.05, 1 + grad * 2 * t - vig * r2 * 4);
            }
        }
        return s;
    }

    /** Smooth value noise in about [-1,1] with features of {@code cell} pixels (random grid, bilinear upsampling). */
    static float[] valueNoise(int w, int h, int cell, SplittableRandom rnd) {
        int gw = w / cell + 2;
        int gh = h / cell + 2;
        float[] g = new float[gw * gh];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            float fy = y / (float) cell;
            int y0 = (int) fy;
            float ty = fy - y0;
            ty = ty * ty * (3 - 2 * ty);
            for (int x = 0; x < w; x++) {
                float fx = x / (float) cell;
                int x0 = (int) fx;
                float tx = fx - x0;
                tx = tx * tx * (3 - 2 * tx);
                float a = g[y0 * gw + x0];
                float b = g[y0 * gw + x0 + 1];
                float c = g[(y0 + 1) * gw + x0];
                float d = g[(y0 + 1) * gw + x0 + 1];
                out[y * w + x] = (a + (b - a) * tx) * (1 - ty) + (c + (d - c) * tx) * ty;
            }
        }
        return out;
    }

    private static double mean(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s / a.length;
    }

    /** Paints a filled, rotated ellipse into {@code mask} (max with 1 inside). */
    private static void ellipse(float[] mask, int w, int h, double cx, double cy, double rx, double ry, double ang) {
        double c = Math.cos(ang);
        double s = Math.sin(ang);
        double reach = Math.max(rx, ry);
        int x0 = (int) Math.max(0, Math.floor(cx - reach));
        int x1 = (int) Math.min(w - 1, Math.ceil(cx + reach));
        int y0 = (int) Math.max(0, Math.floor(cy - reach));
        int y1 = (int) Math.min(h - 1, Math.ceil(cy + reach));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double px = x - cx;
                double py = y - cy;
                double u = (px * c + py * s) / rx;
                double v = (-px * s + py * c) / ry;
                if (u * u + v * v <= 1) {
                    mask[y * w + x] = 1f;
                }
            }
        }
    }

    /** Hand/finger occluder covering about {@code target} of the frame. */
    static FloatImage hand(FloatImage src, SplittableRandom rnd, double target) {
        int w = src.width;
        int h = src.height;
        int mode = rnd.nextInt(3);
        double cx = u(rnd, 0.1, 0.9) * w;
        double cy = u(rnd, 0.1, 0.9) * h;
        double ang = u(rnd, 0, Math.PI);
        double rx0 = u(rnd, 0.25, 0.5);
        double ry0 = u(rnd, 0.2, 0.45);
        int fingers = 1 + rnd.nextInt(4);
        double[][] fp = new double[fingers][4];
        for (double[] f : fp) {
            f[0] = u(rnd, -0.5, 0.5);
            f[1] = u(rnd, 0.7, 1.4);
            f[2] = u(rnd, 0.08, 0.14);
            f[3] = u(rnd, -0.25, 0.25);
        }
        // Grow the shape until it covers the target share, searching on a quarter-size mask (cheap), then draw it
        // once at full size.
        int qw = Math.max(1, w / 4);
        int qh = Math.max(1, h / 4);
        float[] small = new float[qw * qh];
        double scale = Math.sqrt(target) * 0.8;
        for (; scale < 8; scale *= 1.08) {
            Arrays.fill(small, 0f);
            handShape(small, qw, qh, qw / (double) w, mode, w, h, cx, cy, ang, rx0, ry0, fp, scale);
            if (mean(small) >= target) {
                break;
            }
        }
        float[] mask = new float[w * h];
        handShape(mask, w, h, 1.0, mode, w, h, cx, cy, ang, rx0, ry0, fp, scale);
        // Out of focus at the lens: soft edges.
        int soft = (int) Math.round(u(rnd, 0.01, 0.06) * minSide(src));
        FloatImage.boxBlur(mask, w, h, 1, Math.max(1, soft));
        float[] col;
        if (rnd.nextDouble() < 0.2) {
            // Light shining through fingers glows red/orange.
            col = new float[] {(float) u(rnd, 170, 255), (float) u(rnd, 50, 120), (float) u(rnd, 20, 70)};
        } else {
            col = jitter(SKIN[rnd.nextInt(SKIN.length)], rnd, 0.08);
            float b = (float) u(rnd, 0.3, 1.1);
            for (int k = 0; k < 3; k++) {
                col[k] *= b;
            }
        }
        float[] shade = lighting(w, h, rnd, u(rnd, 0, 0.35), u(rnd, 0, 0.4));
        float[] nz = valueNoise(w, h, Math.max(4, minSide(src) / 6), rnd);
        double amp = u(rnd, 0.0, 0.08);
        for (int i = 0; i < shade.length; i++) {
            shade[i] = (float) Math.max(0.05, shade[i] * (1 + amp * nz[i]));
        }
        FloatImage out = src.copy();
        out.blend(shadedLayer(src, col, shade), mask);
        return out;
    }

    /** Draws the hand shape for a frame of {@code w} × {@code h} into a mask {@code k} times that size. */
    private static void handShape(float[] mask, int mw, int mh, double k, int mode, int w, int h, double cx, double cy,
            double ang, double rx0, double ry0, double[][] fp, double scale) {
        double rx = rx0 * w * scale * 1.6;
        double ry = ry0 * h * scale * 1.6;
        int ms = Math.min(w, h);
        if (mode == 0) {
            // Palm plus fingers fanning out from its top edge.
            ellipse(mask, mw, mh, cx * k, cy * k, rx * k, ry * k, ang);
            for (double[] f : fp) {
                double a = ang + Math.PI / 2 + f[3];
                double ox = cx + Math.cos(ang) * f[0] * rx + Math.cos(a) * ry * f[1] * 0.8;
                double oy = cy + Math.sin(ang) * f[0] * rx + Math.sin(a) * ry * f[1] * 0.8;
                ellipse(mask, mw, mh, ox * k, oy * k, f[2] * ms * scale * 2.2 * k, ry * 0.7 * k, a + Math.PI / 2);
            }
        } else if (mode == 1) {
            // One fingertip pressed close to the lens: a huge blob entering from an edge.
            ellipse(mask, mw, mh, cx * k, cy * k, rx * 1.2 * k, ry * 0.8 * k, ang);
        } else {
            // Two or more fingers side by side.
            int fingers = fp.length;
            for (int i = 0; i < fingers + 1; i++) {
                double off = (i - fingers / 2.0) * 0.45 * ms * scale;
                ellipse(mask, mw, mh, (cx + Math.cos(ang) * off) * k, (cy + Math.sin(ang) * off) * k,
                        0.28 * ms * scale * k, Math.max(w, h) * 0.7 * scale * k, ang + Math.PI / 2);
            }
        }
    }

    /** Opaque sticker or tape over about {@code target} of the frame, or translucent paper over all of it. */
    static FloatImage sticker(FloatImage src, SplittableRandom rnd, double target) {
        int w = src.width;
        int h = src.height;
        float[] col;
        double pick = rnd.nextDouble();
        if (pick < 0.5) {
            col = new float[] {(float) u(rnd, 0, 255), (float) u(rnd, 0, 255), (float) u(rnd, 0, 255)};
        } else {
            col = jitter(PAPER[rnd.nextInt(PAPER.length)], rnd, 0.08);
        }
        float light = (float) u(rnd, 0.5, 1.1);
        float[] shade = lighting(w, h, rnd, u(rnd, 0, 0.25), u(rnd, 0, 0.25));
        float[] grain = valueNoise(w, h, 2, rnd);
        float gAmp = (float) u(rnd, 0.005, 0.03);
        for (int i = 0; i < shade.length; i++) {
            shade[i] = shade[i] * light * (1 + gAmp * grain[i]);
        }
        FloatImage layer = shadedLayer(src, col, shade);
        if (rnd.nextDouble() < 0.3) {
            // Printing on the sticker (a logo band or disc), a small part of it.
            float[] ink = {(float) u(rnd, 0, 255), (float) u(rnd, 0, 255), (float) u(rnd, 0, 255)};
            float[] m = new float[w * h];
            ellipse(m, w, h, u(rnd, 0.3, 0.7) * w, u(rnd, 0.3, 0.7) * h, u(rnd, 0.05, 0.2) * w, u(rnd, 0.03, 0.12) * h,
                    u(rnd, 0, Math.PI));
            layer.blend(shadedLayer(src, ink, shade), m);
        }
        float[] mask = new float[w * h];
        FloatImage out = src.copy();
        if (target >= 0.6 && rnd.nextDouble() < 0.35) {
            // Translucent paper or tape over the whole lens: the scene shows through as a blur.
            out.blur((int) Math.round(u(rnd, 0.06, 0.14) * minSide(src)));
            Arrays.fill(mask, (float) u(rnd, 0.65, 0.92));
        } else {
            double ang = u(rnd, -0.35, 0.35);
            double aspect = u(rnd, 0.7, 1.4);
            double cx = u(rnd, 0.3, 0.7) * w;
            double cy = u(rnd, 0.3, 0.7) * h;
            // Search the size on a quarter-size mask, then draw once at full size.
            int qw = Math.max(1, w / 4);
            int qh = Math.max(1, h / 4);
            float[] small = new float[qw * qh];
            double k = qw / (double) w;
            double s = Math.sqrt(target);
            for (; s < 6; s *= 1.04) {
                rotatedRect(small, qw, qh, cx * k, cy * k, s * w * Math.sqrt(aspect) / 2 * k,
                        s * h / Math.sqrt(aspect) / 2 * k, ang);
                if (mean(small) >= target) {
                    break;
                }
            }
            rotatedRect(mask, w, h, cx, cy, s * w * Math.sqrt(aspect) / 2, s * h / Math.sqrt(aspect) / 2, ang);
            int soft = (int) Math.round(u(rnd, 0, 0.03) * minSide(src));
            if (soft > 0) {
                FloatImage.boxBlur(mask, w, h, 1, soft);
            }
        }
        out.blend(layer, mask);
        return out;
    }

    private static void rotatedRect(float[] mask, int w, int h, double cx, double cy, double hw, double hh, double a) {
        double c = Math.cos(a);
        double s = Math.sin(a);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double px = x - cx;
                double py = y - cy;
                double u = px * c + py * s;
                double v = -px * s + py * c;
                mask[y * w + x] = Math.abs(u) <= hw && Math.abs(v) <= hh ? 1f : 0f;
            }
        }
    }

    /** Spray paint on the lens: soft blotches until the mean opacity reaches 65–95 %, droplets, a thin film. */
    static FloatImage spray(FloatImage src, SplittableRandom rnd) {
        int w = src.width;
        int h = src.height;
        int ms = minSide(src);
        double p = rnd.nextDouble();
        float[] col = p < 0.35 ? jitter(new int[] {25, 25, 25}, rnd, 0.5)
                : p < 0.5 ? jitter(new int[] {235, 235, 230}, rnd, 0.06)
                : new float[] {(float) u(rnd, 0, 255), (float) u(rnd, 0, 255), (float) u(rnd, 0, 255)};
        double target = u(rnd, 0.65, 0.95);
        float[] alpha = new float[w * h];
        float film = (float) u(rnd, 0, 0.35);
        Arrays.fill(alpha, film);
        // The running sum avoids re-averaging the whole mask after every blotch.
        double sum = (double) film * w * h;
        for (int n = 0; n < 400 && sum < target * w * h; n++) {
            double cx = u(rnd, -0.1, 1.1) * w;
            double cy = u(rnd, -0.1, 1.1) * h;
            double r = u(rnd, 0.08, 0.35) * ms;
            double o = u(rnd, 0.4, 0.95);
            sum += blot(alpha, w, h, cx, cy, r, o);
        }
        int drops = 100 + rnd.nextInt(300);
        for (int n = 0; n < drops; n++) {
            blot(alpha, w, h, u(rnd, 0, w), u(rnd, 0, h), u(rnd, 1, 4), u(rnd, 0.5, 0.9));
        }
        FloatImage out = src.copy().blur((int) Math.round(u(rnd, 0.005, 0.03) * ms));
        float[] shade = lighting(w, h, rnd, u(rnd, 0, 0.2), u(rnd, 0, 0.2));
        float[] nz = valueNoise(w, h, 3, rnd);
        float amp = (float) u(rnd, 0.02, 0.08);
        for (int i = 0; i < shade.length; i++) {
            shade[i] *= 1 + amp * nz[i];
        }
        out.blend(shadedLayer(src, col, shade), alpha);
        return out;
    }

    /**
     * Adds a soft disc of opacity {@code o} to {@code alpha} ("over" compositing of coverage) and returns how much the
     * sum of {@code alpha} grew.
     */
    private static double blot(float[] alpha, int w, int h, double cx, double cy, double r, double o) {
        double grew = 0;
        int x0 = (int) Math.max(0, cx - r);
        int x1 = (int) Math.min(w - 1, cx + r);
        int y0 = (int) Math.max(0, cy - r);
        int y1 = (int) Math.min(h - 1, cy + r);
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (r * r);
                if (d2 < 1) {
                    double v = o * Math.min(1, (1 - Math.sqrt(d2)) * 3);
                    int i = y * w + x;
                    float before = alpha[i];
                    alpha[i] = (float) (1 - (1 - before) * (1 - v));
                    grew += alpha[i] - before;
                }
            }
        }
        return grew;
    }

    /** Heavy defocus: a three-pass box blur with radius 3–12 % of the short side (≈ Gaussian sigma of that size). */
    static FloatImage defocus(FloatImage src, SplittableRandom rnd) {
        FloatImage out = src.copy().blur((int) Math.round(u(rnd, 0.03, 0.12) * minSide(src)));
        float g = (float) u(rnd, 0.85, 1.1);
        for (int i = 0; i < out.px.length; i++) {
            out.px[i] *= g;
        }
        return out;
    }

    /** Near-black: the scene at 0–8 % gain with a black offset, or a lens cap; sensor noise either way. */
    static FloatImage dark(FloatImage src, SplittableRandom rnd) {
        FloatImage out;
        if (rnd.nextDouble() < 0.7) {
            out = src.copy();
            float g = (float) u(rnd, 0, 0.08);
            float off = (float) u(rnd, 0, 6);
            for (int i = 0; i < out.px.length; i++) {
                out.px[i] = out.px[i] * g + off;
            }
        } else {
            float[] col = {(float) u(rnd, 0, 15), (float) u(rnd, 0, 15), (float) u(rnd, 0, 15)};
            out = shadedLayer(src, col, lighting(src.width, src.height, rnd, u(rnd, 0, 0.3), u(rnd, 0, 0.3)));
        }
        return noise(out, rnd, u(rnd, 0.5, 4));
    }

    /** Saturated: blown-out gain, a torch or flash into the lens, or a bright colour wash. */
    static FloatImage overexposed(FloatImage src, SplittableRandom rnd) {
        FloatImage out = src.copy();
        double mode = rnd.nextDouble();
        if (mode < 0.4) {
            // Gain until at least ~85 % of the values clip: a blinded sensor, not a bright but usable frame.
            double p15 = Math.max(4, percentile(src.px, 0.15));
            float off = (float) u(rnd, 10, 60);
            float g = (float) Math.min(40, Math.max(u(rnd, 3, 10), (u(rnd, 240, 270) - off) / p15));
            for (int i = 0; i < out.px.length; i++) {
                out.px[i] = out.px[i] * g + off;
            }
        } else {
            int w = src.width;
            int h = src.height;
            float[] col = mode < 0.75
                    ? new float[] {(float) u(rnd, 240, 255), (float) u(rnd, 230, 255), (float) u(rnd, 215, 255)}
                    : new float[] {(float) u(rnd, 150, 255), (float) u(rnd, 150, 255), (float) u(rnd, 150, 255)};
            float[] a = new float[w * h];
            double cx = u(rnd, 0.2, 0.8) * w;
            double cy = u(rnd, 0.2, 0.8) * h;
            double edge = u(rnd, 0.8, 1.0);
            double diag = Math.hypot(w, h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double r = Math.sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) / diag;
                    a[y * w + x] = (float) Math.max(edge, 1 - r * 0.5);
                }
            }
            float[] gain = new float[w * h];
            Arrays.fill(gain, (float) u(rnd, 1.0, 1.4));
            out.blend(shadedLayer(src, col, gain), a);
        }
        return out;
    }

    /** The {@code q}-quantile of values in 0..255, to one level (a histogram: no sort of the whole frame). */
    static double percentile(float[] v, double q) {
        int[] hist = new int[256];
        for (float f : v) {
            hist[FloatImage.clamp8(f)]++;
        }
        long need = (long) Math.ceil(q * v.length);
        long seen = 0;
        for (int i = 0; i < 256; i++) {
            seen += hist[i];
            if (seen >= need) {
                return i;
            }
        }
        return 255;
    }

    /** The lens facing a wall: a wall colour, lighting, multi-scale plaster texture, maybe defocused. */
    static FloatImage wall(FloatImage src, SplittableRandom rnd) {
        int w = src.width;
        int h = src.height;
        int ms = minSide(src);
        float[] col;
        if (rnd.nextBoolean()) {
            col = jitter(WALLS[rnd.nextInt(WALLS.length)], rnd, 0.08);
        } else {
            // A wall in the scene's own light and colour.
            double[] m = new double[3];
            for (int i = 0; i < w * h; i++) {
                for (int k = 0; k < 3; k++) {
                    m[2 - k] += src.px[3 * i + k];
                }
            }
            col = new float[3];
            for (int k = 0; k < 3; k++) {
                col[k] = (float) (m[k] / (w * h) * u(rnd, 0.85, 1.3));
            }
        }
        float light = (float) u(rnd, 0.45, 1.15);
        float[] shade = lighting(w, h, rnd, u(rnd, 0, 0.3), u(rnd, 0, 0.35));
        float[] coarse = valueNoise(w, h, Math.max(8, ms / 4), rnd);
        float[] mid = valueNoise(w, h, Math.max(3, ms / 30), rnd);
        double ca = u(rnd, 0, 0.06);
        double ma = u(rnd, 0, 0.05);
        for (int i = 0; i < shade.length; i++) {
            shade[i] = (float) (shade[i] * light * (1 + ca * coarse[i] + ma * mid[i]));
        }
        FloatImage out = shadedLayer(src, col, shade);
        if (rnd.nextBoolean()) {
            // Low-frequency structure taken from a tiny patch of the scene, enlarged to the frame and faded.
            int pw = Math.max(2, (int) (w * u(rnd, 0.03, 0.08)));
            int ph = Math.max(2, (int) (h * u(rnd, 0.03, 0.08)));
            int px = rnd.nextInt(w - pw + 1);
            int py = rnd.nextInt(h - ph + 1);
            FloatImage patch = new FloatImage(pw, ph);
            for (int y = 0; y < ph; y++) {
                System.arraycopy(src.px, ((py + y) * w + px) * 3, patch.px, y * pw * 3, pw * 3);
            }
            FloatImage big = patch.resizeBilinear(w, h).blur(Math.max(1, ms / 20));
            double pm = mean(big.px);
            float k = (float) u(rnd, 0.1, 0.35);
            for (int i = 0; i < out.px.length; i++) {
                out.px[i] += (float) ((big.px[i] - pm) * k);
            }
        }
        out.blur((int) Math.round(u(rnd, 0, 0.02) * ms));
        // Fine grain of the surface, sharp or not.
        float[] fine = valueNoise(w, h, 2, rnd);
        float fa = (float) u(rnd, 1, 6);
        for (int i = 0; i < w * h; i++) {
            for (int k = 0; k < 3; k++) {
                out.px[3 * i + k] += fa * fine[i];
            }
        }
        return out;
    }

    /** Brightness, contrast, gamma and a slight colour cast, all mild. */
    static FloatImage photometric(FloatImage src, SplittableRandom rnd) {
        FloatImage out = src.copy();
        double m = mean(src.px);
        double contrast = u(rnd, 0.75, 1.3);
        double bright = u(rnd, 0.7, 1.3);
        double gamma = u(rnd, 0.8, 1.25);
        double[] cast = {u(rnd, 0.94, 1.06), u(rnd, 0.94, 1.06), u(rnd, 0.94, 1.06)};
        // Gamma through a 1/4-level table: Math.pow per value would dominate the cost.
        float[] lut = new float[1021];
        for (int i = 0; i < lut.length; i++) {
            lut[i] = (float) (255 * Math.pow(i / 1020.0, gamma));
        }
        for (int i = 0; i < out.px.length; i++) {
            double v = ((out.px[i] - m) * contrast + m) * bright * cast[i % 3];
            out.px[i] = lut[(int) Math.round(Math.max(0, Math.min(255, v)) * 4)];
        }
        return out;
    }

    /** A crop keeping 80–97 % of each side, flipped left-right half of the time. */
    static FloatImage cropFlip(FloatImage src, SplittableRandom rnd) {
        int w = Math.max(1, (int) (src.width * u(rnd, 0.8, 0.97)));
        int h = Math.max(1, (int) (src.height * u(rnd, 0.8, 0.97)));
        int x0 = rnd.nextInt(src.width - w + 1);
        int y0 = rnd.nextInt(src.height - h + 1);
        boolean flip = rnd.nextBoolean();
        FloatImage out = new FloatImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = x0 + (flip ? w - 1 - x : x);
                System.arraycopy(src.px, ((y0 + y) * src.width + sx) * 3, out.px, (y * w + x) * 3, 3);
            }
        }
        return out;
    }

    /** Adds Gaussian noise of {@code sigma} levels in place (per channel, partly shared as real sensors do). */
    static FloatImage noise(FloatImage f, SplittableRandom rnd, double sigma) {
        for (int i = 0; i < f.width * f.height; i++) {
            double common = rnd.nextGaussian() * sigma * 0.6;
            for (int k = 0; k < 3; k++) {
                f.px[3 * i + k] += (float) (common + rnd.nextGaussian() * sigma * 0.8);
            }
        }
        return f;
    }

    /** JPEG-like softness: shrunk by 1.5–2.5 (area average) and enlarged back (bilinear). */
    static FloatImage soft(FloatImage src, SplittableRandom rnd) {
        double k = u(rnd, 1.5, 2.5);
        int w = Math.max(1, (int) (src.width / k));
        int h = Math.max(1, (int) (src.height / k));
        return src.resizeArea(w, h).resizeBilinear(src.width, src.height);
    }
}
