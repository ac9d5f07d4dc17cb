// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.image;

import dev.vss.dl.DlException;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Proves a PNG whole before libpng decodes it: chunk structure and CRCs, a valid IHDR, PLTE where needed, one run of
 * IDAT chunks whose zlib stream inflates (Adler-32 checked) to exactly the rows the header promises, each with a valid
 * filter type. The inflated bytes are counted and dropped, never kept. Pure Java (the JDK's zlib for inflating);
 * throws nothing but {@link DlException}. One instance per call, not thread-safe.
 */
final class PngCheck {
    private static final int[][] ADAM7 = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4},
        {1, 0, 2, 2}, {0, 1, 1, 2}};

    private final byte[] b;
    private final String name;
    private int width;
    private int height;
    private int bitsPerPixel;
    private boolean interlaced;
    // row walk over the inflated stream
    private int pass;
    private long passRowsLeft;
    private long rowBytes;
    private long nextRow; // offset of the next row's filter byte in the inflated stream
    private long inflated;
    private long expected;

    private PngCheck(byte[] b, String name) {
        this.b = b;
        this.name = name;
    }

    static void check(byte[] b, String name) throws DlException {
        new PngCheck(b, name).run();
    }

    private DlException fail(String why) {
        return ImageHeaders.fail(name, why);
    }

    private void run() throws DlException {
        int p = 8;
        CRC32 crc = new CRC32();
        Inflater inf = null;
        boolean plte = false;
        boolean idatSeen = false;
        boolean idatDone = false;
        int colorType = -1;
        int chunks = 0;
        try {
            while (true) {
                if (p + 8 > b.length) {
                    throw fail("truncated PNG (ends at byte " + b.length + " without an IEND chunk)");
                }
                long len = u32(p);
                if (len > Integer.MAX_VALUE) {
                    throw fail("corrupt PNG: chunk length " + len + " at byte " + p);
                }
                int t = p + 4;
                for (int i = 0; i < 4; i++) {
                    int c = b[t + i];
                    if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                        throw fail("corrupt PNG: invalid chunk type at byte " + t);
                    }
                }
                String type = new String(b, t, 4, java.nio.charset.StandardCharsets.US_ASCII);
                if (p + 12L + len > b.length) {
                    throw fail("truncated PNG (" + type + " chunk at byte " + p + " needs " + (12 + len)
                            + " bytes, the file ends at byte " + b.length + ")");
                }
                int data = p + 8;
                int n = (int) len;
                boolean critical = Character.isUpperCase(type.charAt(0));
                crc.reset();
                crc.update(b, t, 4 + n);
                if (crc.getValue() != u32(data + n)) {
                    if (critical) {
                        throw fail("corrupt PNG: CRC error in the " + type + " chunk at byte " + p);
                    }
                    // libpng drops an ancillary chunk with a bad CRC: it does not touch the pixels
                }
                if (chunks++ == 0 && !type.equals("IHDR")) {
                    throw fail("corrupt PNG: the first chunk is " + type + ", not IHDR");
                }
                if (idatSeen && !type.equals("IDAT")) {
                    idatDone = true;
                }
                switch (type) {
                    case "IHDR" -> {
                        if (chunks > 1) {
                            throw fail("corrupt PNG: a second IHDR chunk at byte " + p);
                        }
                        colorType = header(data, n);
                    }
                    case "PLTE" -> {
                        if (idatSeen) {
                            throw fail("corrupt PNG: PLTE chunk after the image data");
                        }
                        if (n == 0 || n % 3 != 0 || n > 768) {
                            throw fail("corrupt PNG: palette of " + n + " bytes");
                        }
                        plte = true;
                    }
                    case "IDAT" -> {
                        if (idatDone) {
                            throw fail("corrupt PNG: IDAT chunks are not contiguous (another at byte " + p + ")");
                        }
                        if (colorType == 3 && !plte) {
                            throw fail("corrupt PNG: a palette image without a PLTE chunk before its data");
                        }
                        if (!idatSeen) {
                            inf = new Inflater();
                            idatSeen = true;
                        }
                        inflate(inf, data, n);
                    }
                    case "IEND" -> {
                        if (!idatSeen) {
                            throw fail("PNG has no image data (no IDAT chunk)");
                        }
                        if (!inf.finished() || inflated < expected) {
                            throw fail("truncated or corrupt PNG data: the compressed image data ends after "
                                    + inflated + " of " + expected + " bytes (premature end of the zlib stream)");
                        }
                        return;
                    }
                    default -> {
                        if (critical) {
                            throw fail("PNG with an unknown critical chunk " + type + " is not supported");
                        }
                    }
                }
                p = data + n + 4;
            }
        } finally {
            if (inf != null) {
                inf.end();
            }
        }
    }

    private int header(int p, int n) throws DlException {
        if (n != 13) {
            throw fail("corrupt PNG: IHDR of " + n + " bytes");
        }
        long w = u32(p);
        long h = u32(p + 4);
        int depth = b[p + 8] & 0xFF;
        int ct = b[p + 9] & 0xFF;
        if (w == 0 || h == 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw fail("PNG header gives a size of " + w + "x" + h);
        }
        int channels = switch (ct) {
            case 0, 3 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> throw fail("corrupt PNG: colour type " + ct);
        };
        boolean ok = switch (ct) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            default -> depth == 8 || depth == 16;
        };
        if (!ok) {
            throw fail("corrupt PNG: bit depth " + depth + " with colour type " + ct);
        }
        if (b[p + 10] != 0 || b[p + 11] != 0 || (b[p + 12] & 0xFF) > 1) {
            throw fail("corrupt PNG: unknown compression, filter or interlace method in IHDR");
        }
        width = (int) w;
        height = (int) h;
        bitsPerPixel = channels * depth;
        interlaced = b[p + 12] == 1;
        pass = interlaced ? -1 : 0;
        if (interlaced) {
            nextPass();
        } else {
            rowBytes = ((long) width * bitsPerPixel + 7) / 8;
            passRowsLeft = height;
        }
        expected = 0;
        for (int i = 0; i < (interlaced ? 7 : 1); i++) {
            long pw = interlaced ? passSize(width, ADAM7[i][0], ADAM7[i][2]) : width;
            long ph = interlaced ? passSize(height, ADAM7[i][1], ADAM7[i][3]) : height;
            if (pw > 0 && ph > 0) {
                expected += ph * (1 + (pw * bitsPerPixel + 7) / 8);
            }
        }
        return ct;
    }

    private static long passSize(long size, int start, int step) {
        return size <= start ? 0 : (size - start + step - 1) / step;
    }

    /** Moves the row walk to the next non-empty Adam7 pass (or past the last one). */
    private void nextPass() {
        while (++pass < 7) {
            long pw = passSize(width, ADAM7[pass][0], ADAM7[pass][2]);
            long ph = passSize(height, ADAM7[pass][1], ADAM7[pass][3]);
            if (pw > 0 && ph > 0) {
                rowBytes = (pw * bitsPerPixel + 7) / 8;
                passRowsLeft = ph;
                return;
            }
        }
        passRowsLeft = 0;
    }

    private void inflate(Inflater inf, int off, int n) throws DlException {
        if (inf.finished()) {
            return; // data after the end of the zlib stream: libpng ignores it too
        }
        byte[] out = new byte[64 * 1024];
        inf.setInput(b, off, n);
        try {
            while (!inf.finished() && !inf.needsInput()) {
                int got = inf.inflate(out);
                if (got == 0 && inf.needsDictionary()) {
                    throw fail("corrupt PNG: the zlib stream asks for a preset dictionary");
                }
                rows(out, got);
                if (got == 0 && !inf.finished() && !inf.needsInput()) {
                    throw fail("corrupt PNG: the zlib stream makes no progress");
                }
            }
        } catch (DataFormatException e) {
            throw fail("corrupt PNG data: the compressed image data is invalid after " + inflated + " of " + expected
                    + " bytes (" + e.getMessage() + ")");
        }
    }

    /** Checks the filter type of every row that starts in the next {@code n} inflated bytes. */
    private void rows(byte[] out, int n) throws DlException {
        long start = inflated;
        long end = start + n;
        while (passRowsLeft > 0 && nextRow < end) {
            int f = out[(int) (nextRow - start)] & 0xFF;
            if (f > 4) {
                throw fail("corrupt PNG data: row filter type " + f + " at offset " + nextRow + " of the image data");
            }
            nextRow += 1 + rowBytes;
            if (--passRowsLeft == 0 && interlaced) {
                nextPass();
            }
        }
        inflated = end;
        if (inflated > expected) {
            throw fail("corrupt PNG data: the compressed image data holds more than the " + expected
                    + " bytes its header needs");
        }
    }

    private long u32(int i) {
        return (long) (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }
}
