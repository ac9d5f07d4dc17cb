package dev.vss.hla.face;

import dev.vss.dl.image.Image;
import dev.vss.hla.Sharpness;
import java.nio.ByteBuffer;

/**
 * Gates that keep unusable faces out of enrolment and matching: too small, or too blurred. Thresholds are
 * calibrated on the shared images (docs/accuracy.md). Immutable, thread-safe.
 *
 * @param minSize      minimum face box side in pixels
 * @param minSharpness minimum variance of the Laplacian of the aligned face's luma
 */
public record FaceQuality(int minSize, double minSharpness) {
    /** Defaults: 36 px (below it the 128 px re-id input is mostly upsampling), sharpness 20. */
    public static final FaceQuality DEFAULT = new FaceQuality(36, 20);

    public FaceQuality {
        if (minSize < 1 || minSharpness < 0) {
            throw new IllegalArgumentException("minSize/minSharpness: " + minSize + "/" + minSharpness + " out of range");
        }
    }

    /** Why a face fails the gates, or null when it passes. */
    public String reject(float faceSize, double sharpness) {
        if (faceSize < minSize) {
            return "TOO_SMALL";
        }
        if (sharpness < minSharpness) {
            return "TOO_BLURRED";
        }
        return null;
    }

    /** Variance of the 4-neighbour Laplacian of the luma (BGR → 0.114B + 0.587G + 0.299R), borders excluded. */
    public static double sharpness(Image img) {
        int w = img.width();
        int h = img.height();
        int c = img.channels();
        if (w < 3 || h < 3) {
            return 0;
        }
        ByteBuffer d = img.data();
        float[] y = new float[w * h];
        for (int i = 0; i < w * h; i++) {
            y[i] = c == 1 ? d.get(i) & 0xff
                    : 0.114f * (d.get(i * c) & 0xff) + 0.587f * (d.get(i * c + 1) & 0xff) + 0.299f * (d.get(i * c + 2) & 0xff);
        }
        return Sharpness.laplacianVariance(y, w, h);
    }
}
