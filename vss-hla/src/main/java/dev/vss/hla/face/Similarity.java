package dev.vss.hla.face;

import dev.vss.hla.Point;
import java.util.List;

/**
 * Least-squares 2-D similarity transform (rotation, uniform scale, translation) between point sets, by Umeyama's
 * closed form. Pure Java, thread-safe.
 */
public final class Similarity {
    private Similarity() {
    }

    /**
     * The 2x3 row-major matrix M with {@code dst ≈ M · [src; 1]} minimising the squared error.
     *
     * @throws IllegalArgumentException if the sets differ in size, have fewer than 2 points or src is degenerate
     */
    public static double[] estimate(List<Point> src, List<Point> dst) {
        int n = src.size();
        if (n != dst.size() || n < 2) {
            throw new IllegalArgumentException("src/dst: need two equal sets of at least 2 points, got " + n + " and "
                    + dst.size());
        }
        double mxs = 0, mys = 0, mxd = 0, myd = 0;
        for (int i = 0; i < n; i++) {
            mxs += src.get(i).x();
            mys += src.get(i).y();
            mxd += dst.get(i).x();
            myd += dst.get(i).y();
        }
        mxs /= n;
        mys /= n;
        mxd /= n;
        myd /= n;
        double sxx = 0, sxy = 0, var = 0;
        for (int i = 0; i < n; i++) {
            double xs = src.get(i).x() - mxs, ys = src.get(i).y() - mys;
            double xd = dst.get(i).x() - mxd, yd = dst.get(i).y() - myd;
            sxx += xs * xd + ys * yd;
            sxy += xs * yd - ys * xd;
            var += xs * xs + ys * ys;
        }
        if (var < 1e-9) {
            throw new IllegalArgumentException("src: all points coincide; no transform is defined");
        }
        double a = sxx / var, b = sxy / var;
        return new double[] {a, -b, mxd - (a * mxs - b * mys), b, a, myd - (b * mxs + a * mys)};
    }

    /** Applies a 2x3 matrix to a point. */
    public static Point apply(double[] m, Point p) {
        return new Point((float) (m[0] * p.x() + m[1] * p.y() + m[2]), (float) (m[3] * p.x() + m[4] * p.y() + m[5]));
    }
}
