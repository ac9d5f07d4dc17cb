// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.image;

import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.Untrusted;

/**
 * Checks encoded images in Java before OpenCV sees them. {@link #read} gives the format and dimensions from the header
 * alone, so that a huge image is rejected before it is allocated; {@link #check} then proves the data whole and within
 * the decode budget: every JPEG scan decoded to its last block ({@link JpegCheck}), every PNG chunk's CRC and the zlib
 * stream to its last row ({@link PngCheck}), a BMP's pixel array present. libjpeg and libpng only warn about truncated
 * or corrupt data and fill the gap, which would turn a damaged upload into a confident result. Pure Java,
 * bounds-checked: throws nothing but {@link DlException}, whose message never quotes the file's bytes and cuts the
 * name to a short prefix. Not API.
 */
final class ImageHeaders {
    /** System property: most scans a progressive JPEG may have (default {@value #DEFAULT_MAX_SCANS}). */
    static final String PROP_MAX_SCANS = "vss.image.max-jpeg-scans";
    static final String PROP_MAX_PIXELS = Images.PROP_MAX_PIXELS;
    /** libjpeg's progressive scripts use 10 scans for colour and 6 for gray; mozjpeg's a few more. */
    static final int DEFAULT_MAX_SCANS = dev.vss.models.BaseSettings.DEFAULT_MAX_JPEG_SCANS;
    /**
     * Block-pixels decoded over all scans, per allowed pixel: a progressive colour image at full chroma resolution in
     * libjpeg's script takes 14; a baseline image 3.
     */
    static final int SCAN_PIXELS_PER_PIXEL = 24;

    enum Format { JPEG, PNG, BMP }

    /** Format and size of an encoded image. */
    record Info(Format format, int width, int height) {
        long pixels() {
            return (long) width * height;
        }
    }

    /**
     * What {@link #check} allows.
     *
     * @param maxPixels     largest width × height
     * @param maxScans      most scans in a JPEG
     * @param maxScanPixels most pixels (64 per block) decoded over all scans of a JPEG
     */
    record Limits(long maxPixels, int maxScans, long maxScanPixels) {
        Limits {
            if (maxPixels <= 0 || maxScans <= 0 || maxScanPixels <= 0) {
                throw new IllegalArgumentException("limits: " + maxPixels + " pixels, " + maxScans + " scans, "
                        + maxScanPixels + " scan-pixels; all must be positive");
            }
        }

        /** The limits for {@code maxPixels}: scans from {@value #PROP_MAX_SCANS}, the scan budget proportional. */
        static Limits of(long maxPixels) {
            int scans = dev.vss.models.BaseSettings.current().maxJpegScans();
            long budget = maxPixels > Long.MAX_VALUE / SCAN_PIXELS_PER_PIXEL ? Long.MAX_VALUE
                    : maxPixels * SCAN_PIXELS_PER_PIXEL;
            return new Limits(maxPixels, scans, budget);
        }
    }

    private ImageHeaders() {
    }

    /**
     * The header's format and size, then the whole data checked within {@code limits}.
     *
     * @throws DlException IMAGE_DECODE_FAILED saying what is wrong: unknown format, truncated, corrupt, too many
     *                     pixels, over the decode budget
     */
    static Info check(byte[] b, String name, Limits limits) throws DlException {
        Info info = read(b, name);
        if (info.pixels() > limits.maxPixels()) {
            throw fail(name, info.format() + " of " + info.width() + "x" + info.height() + " = " + info.pixels()
                    + " pixels is over the limit of " + limits.maxPixels() + " (-D" + PROP_MAX_PIXELS + ")");
        }
        switch (info.format()) {
            case JPEG -> {
                ImageHeaders.Info full = JpegCheck.check(b, name, limits);
                if (full.width() != info.width() || full.height() != info.height()) { // one marker walk: cannot be
                    throw fail(name, "corrupt JPEG: inconsistent frame headers");
                }
            }
            case PNG -> PngCheck.check(b, name);
            case BMP -> {
                // bmp() already checked that an uncompressed pixel array is all there
            }
        }
        return info;
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
        throw fail(name, "not a JPEG, PNG or BMP (unknown signature)");
    }

    private static Info jpeg(byte[] b, String name) throws DlException {
        return JpegCheck.header(b, name);
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

    /** IMAGE_DECODE_FAILED "cannot decode NAME: WHY", the name cut to a short prefix. */
    static DlException fail(String name, String why) {
        return new DlException(DlErrorCode.IMAGE_DECODE_FAILED, "cannot decode " + Untrusted.clip(name) + ": " + why);
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xff;
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
