// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.image;

import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;

/**
 * Reads the format and the dimensions of a JPEG, PNG or BMP from its header, and checks that the data is complete,
 * without decoding pixels. It runs before OpenCV sees the bytes so that a huge image is rejected before it is
 * allocated, and a truncated JPEG (which libjpeg would silently fill with gray) is reported. Pure Java, bounds-checked:
 * it never throws anything but {@link DlException}. Not API.
 */
final class ImageHeaders {
    enum Format { JPEG, PNG, BMP }

    /** Format and size of an encoded image. */
    record Info(Format format, int width, int height) {
        long pixels() {
            return (long) width * height;
        }
    }

    private ImageHeaders() {
    }

    static Info read(byte[] b, String name) throws DlException {
        if (b.length >= 3 && u8(b, 0) == 0xFF && u8(b, 1) == 0xD8 && u8(b, 2) == 0xFF) {
            return jpeg(b, name);
        }
        if (b.length >= 8 && u8(b, 0) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && u8(b, 4) == 0x0D
                && u8(b, 5) == 0x0A && u8(b, 6) == 0x1A && u8(b, 7) == 0x0A) {
            return png(b, name);
        }
        if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') {
            return bmp(b, name);
        }
        throw fail(name, "not a JPEG, PNG or BMP (unknown signature " + hex(b) + ")");
    }

    private static Info jpeg(byte[] b, String name) throws DlException {
        int p = 2;
        int w = -1;
        int h = -1;
        while (w < 0) {
            while (p < b.length && u8(b, p) == 0xFF) { // markers may be preceded by fill bytes
                p++;
            }
            if (p >= b.length || u8(b, p - 1) != 0xFF) {
                throw fail(name, "truncated or corrupt JPEG header at byte " + p);
            }
            int m = u8(b, p++);
            if (m == 0x01 || (m >= 0xD0 && m <= 0xD8)) {
                continue; // markers without a length
            }
            if (m == 0xD9 || m == 0xDA) {
                throw fail(name, "JPEG has no frame header before its image data");
            }
            if (p + 2 > b.length) {
                throw fail(name, "truncated JPEG header");
            }
            int len = u16be(b, p);
            if (len < 2 || p + len > b.length) {
                throw fail(name, "truncated JPEG header (segment of " + len + " bytes at byte " + p + ")");
            }
            boolean sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
            if (sof) {
                if (len < 8) {
                    throw fail(name, "corrupt JPEG frame header");
                }
                h = u16be(b, p + 3);
                w = u16be(b, p + 5);
            }
            p += len;
        }
        // Scan data cannot contain FF DA / FF D9 (an FF there is always followed by 00 or a restart marker), so the
        // main image ends with an EOI after its last SOS; libjpeg accepts a truncated file and fills it with gray.
        // Searching back from the end, the first of the two met must be the EOI.
        boolean eoi = false;
        for (int i = b.length - 2; i >= p; i--) {
            if (u8(b, i) == 0xFF && (u8(b, i + 1) == 0xD9 || u8(b, i + 1) == 0xDA)) {
                eoi = u8(b, i + 1) == 0xD9;
                break;
            }
        }
        if (!eoi) {
            throw fail(name, "truncated JPEG (no end-of-image marker after the image data; " + b.length + " bytes)");
        }
        return info(Format.JPEG, w, h, name);
    }

    private static Info png(byte[] b, String name) throws DlException {
        if (b.length < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw fail(name, "truncated PNG (no IHDR chunk)");
        }
        long w = u32be(b, 16);
        long h = u32be(b, 20);
        // Walk the chunks to IEND: a PNG cut short ends inside a chunk.
        long p = 8;
        while (true) {
            if (p + 8 > b.length) {
                throw fail(name, "truncated PNG (ends at byte " + b.length + " without an IEND chunk)");
            }
            long len = u32be(b, (int) p);
            boolean iend = b[(int) p + 4] == 'I' && b[(int) p + 5] == 'E' && b[(int) p + 6] == 'N'
                    && b[(int) p + 7] == 'D';
            p += 12 + len; // length, type, data, crc
            if (iend) {
                break;
            }
        }
        if (p > b.length) {
            throw fail(name, "truncated PNG (IEND chunk cut short)");
        }
        if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw fail(name, "PNG claims a size of " + w + "x" + h);
        }
        return info(Format.PNG, (int) w, (int) h, name);
    }

    private static Info bmp(byte[] b, String name) throws DlException {
        if (b.length < 26) {
            throw fail(name, "truncated BMP header");
        }
        long offBits = u32le(b, 10);
        long dib = u32le(b, 14);
        long w;
        long h;
        int bpp;
        if (dib == 12) {
            w = u16le(b, 18);
            h = u16le(b, 20);
            bpp = u16le(b, 24);
        } else if (dib >= 40 && b.length >= 34) {
            w = (int) u32le(b, 18);
            h = Math.abs((long) (int) u32le(b, 22)); // negative height = top-down rows
            bpp = u16le(b, 28);
        } else {
            throw fail(name, "unsupported or truncated BMP header (DIB header of " + dib + " bytes)");
        }
        if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE || w < 0) {
            throw fail(name, "BMP claims a size of " + w + "x" + h);
        }
        long compression = dib >= 40 ? u32le(b, 30) : 0;
        if (compression == 0 && bpp > 0) { // uncompressed: the size of the pixel data is known
            long stride = ((w * bpp + 31) / 32) * 4;
            long need = offBits + stride * h;
            if (need > b.length) {
                throw fail(name, "truncated BMP (" + b.length + " bytes, its header needs " + need + ")");
            }
        }
        return info(Format.BMP, (int) w, (int) h, name);
    }

    private static Info info(Format f, int w, int h, String name) throws DlException {
        if (w <= 0 || h <= 0) {
            throw fail(name, f + " header gives an empty size " + w + "x" + h);
        }
        return new Info(f, w, h);
    }

    static DlException fail(String name, String why) {
        return new DlException(DlErrorCode.IMAGE_DECODE_FAILED, "cannot decode " + name + ": " + why);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(4, b.length); i++) {
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    private static int u16be(byte[] b, int i) {
        return u8(b, i) << 8 | u8(b, i + 1);
    }

    private static int u16le(byte[] b, int i) {
        return u8(b, i) | u8(b, i + 1) << 8;
    }

    private static long u32be(byte[] b, int i) {
        return (long) u8(b, i) << 24 | u8(b, i + 1) << 16 | u8(b, i + 2) << 8 | u8(b, i + 3);
    }

    private static long u32le(byte[] b, int i) {
        return (long) u8(b, i + 3) << 24 | u8(b, i + 2) << 16 | u8(b, i + 1) << 8 | u8(b, i);
    }
}
