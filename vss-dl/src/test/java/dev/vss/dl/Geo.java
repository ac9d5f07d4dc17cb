package dev.vss.dl;

import java.util.ArrayList;
import java.util.List;

/** Pure-Java image geometry and decoders for engine tests (independent of the code under test). */
public final class Geo {
    private Geo() {
    }

    public record Box(float score, int label, float x0, float y0, float x1, float y1) {
        public float cx() {
            return (x0 + x1) / 2;
        }

        public float cy() {
            return (y0 + y1) / 2;
        }

        public float iou(Box o) {
            float ix = Math.max(0, Math.min(x1, o.x1) - Math.max(x0, o.x0));
            float iy = Math.max(0, Math.min(y1, o.y1) - Math.max(y0, o.y0));
            float inter = ix * iy;
            return inter / ((x1 - x0) * (y1 - y0) + (o.x1 - o.x0) * (o.y1 - o.y0) - inter);
        }
    }

    /** SSD DetectionOutput [1,1,N,7] to boxes in pixels of a w x h image, above minScore, for one label (-1 any). */
    public static List<Box> ssd(float[] d, int w, int h, float minScore, int label) {
        List<Box> out = new ArrayList<>();
        for (int i = 0; i + 6 < d.length; i += 7) {
            if (d[i] < 0) {
                break;
            }
            if (d[i + 2] >= minScore && (label < 0 || (int) d[i + 1] == label)) {
                out.add(new Box(d[i + 2], (int) d[i + 1], d[i + 3] * w, d[i + 4] * h, d[i + 5] * w, d[i + 6] * h));
            }
        }
        return out;
    }

    /** Bilinear sample of a u8 NHWC [1,h,w,3] tensor through the inverse of a 2x3 affine map (dst = M * src). */
    public static Tensor warpAffine(Tensor src, double[] m, int outW, int outH) {
        int h = (int) src.shape().dim(1);
        int w = (int) src.shape().dim(2);
        var in = src.data();
        double det = m[0] * m[4] - m[1] * m[3];
        double a = m[4] / det, b = -m[1] / det, c = -m[3] / det, d = m[0] / det;
        double tx = -(a * m[2] + b * m[5]), ty = -(c * m[2] + d * m[5]);
        byte[] out = new byte[outW * outH * 3];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                double sx = a * x + b * y + tx;
                double sy = c * x + d * y + ty;
                int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
                double fx = sx - x0, fy = sy - y0;
                for (int ch = 0; ch < 3; ch++) {
                    double v = 0;
                    for (int dy = 0; dy <= 1; dy++) {
                        for (int dx = 0; dx <= 1; dx++) {
                            int xx = x0 + dx, yy = y0 + dy;
                            if (xx < 0 || yy < 0 || xx >= w || yy >= h) {
                                continue;
                            }
                            double wgt = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
                            v += wgt * (in.get((yy * w + xx) * 3 + ch) & 0xff);
                        }
                    }
                    out[(y * outW + x) * 3 + ch] = (byte) Math.round(Math.min(255, v));
                }
            }
        }
        return Tensor.ofU8(out, 1, outH, outW, 3);
    }

    /** Crop (x,y,w,h) as an affine copy. */
    public static Tensor crop(Tensor src, int x, int y, int w, int h) {
        return warpAffine(src, new double[] {1, 0, -x, 0, 1, -y}, w, h);
    }

    /** Least-squares similarity transform (Umeyama) mapping src points to dst points; 2x3 row-major. */
    public static double[] similarity(float[][] src, float[][] dst) {
        int n = src.length;
        double mxs = 0, mys = 0, mxd = 0, myd = 0;
        for (int i = 0; i < n; i++) {
            mxs += src[i][0]; mys += src[i][1]; mxd += dst[i][0]; myd += dst[i][1];
        }
        mxs /= n; mys /= n; mxd /= n; myd /= n;
        double sxx = 0, sxy = 0, var = 0;
        for (int i = 0; i < n; i++) {
            double xs = src[i][0] - mxs, ys = src[i][1] - mys, xd = dst[i][0] - mxd, yd = dst[i][1] - myd;
            sxx += xs * xd + ys * yd;
            sxy += xs * yd - ys * xd;
            var += xs * xs + ys * ys;
        }
        double a = sxx / var, b = sxy / var;
        return new double[] {a, -b, mxd - (a * mxs - b * mys), b, a, myd - (b * mxs + a * mys)};
    }

    public static float cosine(float[] x, float[] y) {
        double d = 0, nx = 0, ny = 0;
        for (int i = 0; i < x.length; i++) {
            d += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }
        return (float) (d / Math.sqrt(nx * ny));
    }

    public static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
