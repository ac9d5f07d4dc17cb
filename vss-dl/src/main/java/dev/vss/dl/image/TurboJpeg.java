// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.image;

import dev.vss.dl.internal.TurboJpegLib;

/**
 * JPEG decoding through libjpeg-turbo's TurboJPEG ({@link TurboJpegLib}), used by {@link Images#decode} before
 * OpenCV's decoder. The libjpeg-turbo built into OpenCV's Java jar has no SIMD: it decodes a 2-megapixel photo in
 * ~22 ms where the SIMD build takes ~10 ms (DecodeCheckBench), with the same pixels (bit for bit on every shared JPEG:
 * {@code TurboJpegTest}). The bytes were checked by {@link JpegCheck} first.
 *
 * <p>Declines (returns null, and the caller decodes with OpenCV as before) when the library is absent, the image has
 * an EXIF orientation other than 1 (OpenCV applies it), its colour space is not YCbCr or gray, or TurboJPEG reports
 * any error or warning.
 */
final class TurboJpeg {
    private TurboJpeg() {
    }

    static boolean available() {
        return TurboJpegLib.available();
    }

    static String loadedFrom() {
        return TurboJpegLib.loadedFrom();
    }

    /**
     * The image as BGR, or null when TurboJPEG declines it; {@code info} is what {@link JpegCheck} found in the same
     * bytes.
     */
    static Image decode(byte[] jpeg, ImageHeaders.Info info) {
        if (!TurboJpegLib.available() || exifOrientation(jpeg) != 1) {
            return null;
        }
        Image img = Image.allocate(info.width(), info.height(), 3);
        return TurboJpegLib.decodeBgr(jpeg, info.width(), info.height(), img.data()) ? img : null;
    }

    /**
     * The EXIF orientation tag (1–8) of the first APP1 Exif segment before the first scan; 1 when there is none;
     * 0 when an Exif segment cannot be read (the caller then lets OpenCV, which applies orientation, decode).
     */
    static int exifOrientation(byte[] b) {
        int p = 2; // after SOI (checked by JpegCheck)
        while (p + 4 <= b.length) {
            if ((b[p] & 0xFF) != 0xFF) {
                return 0;
            }
            int m = b[p + 1] & 0xFF;
            if (m == 0xFF) {
                p++;
                continue;
            }
            if (m == 0xDA || m == 0xD9) {
                return 1; // start of scan / end of image: no Exif before the pixels
            }
            if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
                p += 2;
                continue;
            }
            int len = (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
            if (len < 2 || p + 2 + len > b.length) {
                return 0;
            }
            if (m == 0xE1 && len >= 8 && b[p + 4] == 'E' && b[p + 5] == 'x' && b[p + 6] == 'i' && b[p + 7] == 'f'
                    && b[p + 8] == 0 && b[p + 9] == 0) {
                return tiffOrientation(b, p + 10, p + 2 + len);
            }
            p += 2 + len;
        }
        return 0;
    }

    /** Orientation from the TIFF header at {@code t} (IFD0), bounded by {@code end}; 1 if absent, 0 if unreadable. */
    private static int tiffOrientation(byte[] b, int t, int end) {
        if (t + 8 > end) {
            return 0;
        }
        boolean le;
        if (b[t] == 'I' && b[t + 1] == 'I') {
            le = true;
        } else if (b[t] == 'M' && b[t + 1] == 'M') {
            le = false;
        } else {
            return 0;
        }
        long ifd = u32(b, t + 4, le);
        if (ifd < 8 || t + ifd + 2 > end) {
            return 0;
        }
        int q = (int) (t + ifd);
        int n = u16(b, q, le);
        for (int i = 0; i < n; i++) {
            int e = q + 2 + 12 * i;
            if (e + 12 > end) {
                return 0;
            }
            if (u16(b, e, le) == 0x0112) {
                int v = u16(b, e + 8, le); // SHORT, count 1: the value sits in the entry
                return v >= 1 && v <= 8 ? v : 0;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int i, boolean le) {
        int x = b[i] & 0xFF;
        int y = b[i + 1] & 0xFF;
        return le ? y << 8 | x : x << 8 | y;
    }

    private static long u32(byte[] b, int i, boolean le) {
        long v = 0;
        for (int k = 0; k < 4; k++) {
            int s = le ? 8 * k : 8 * (3 - k);
            v |= (long) (b[i + k] & 0xFF) << s;
        }
        return v;
    }
}
