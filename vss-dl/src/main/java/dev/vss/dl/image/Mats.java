// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Conversions between {@link Image} and OpenCV {@link Mat}: the one place that knows both. A view Mat is a header
 * over the image's direct buffer (no copy, no ownership: it never frees the pixels); a Mat made by OpenCV is copied
 * once, natively, straight into a new image's buffer. Callers release every Mat they create in a finally block and
 * keep the image reachable while a view is used. Not API.
 */
final class Mats {
    private Mats() {
    }

    /** A Mat header over the image's memory. OpenCV functions writing into it write into the image. */
    static Mat view(Image image) {
        return new Mat(image.height(), image.width(), CvType.CV_8UC(image.channels()), image.data());
    }

    /** The Mat's pixels copied into a new image (one native copy). The Mat must be 8-bit with 1 or 3 channels. */
    static Image copyOf(Mat m) {
        if (m.depth() != CvType.CV_8U || (m.channels() != 1 && m.channels() != 3) || m.dims() != 2) {
            throw new IllegalStateException("OpenCV returned " + m + "; expected an 8-bit image with 1 or 3 channels");
        }
        Image out = Image.allocate(m.cols(), m.rows(), m.channels());
        Mat dst = view(out);
        try {
            long addr = dst.dataAddr();
            m.copyTo(dst); // same size and type: OpenCV writes into our buffer instead of reallocating
            if (dst.dataAddr() != addr) {
                throw new IllegalStateException("OpenCV reallocated the destination of a copy");
            }
            return out;
        } finally {
            dst.release();
        }
    }
}
