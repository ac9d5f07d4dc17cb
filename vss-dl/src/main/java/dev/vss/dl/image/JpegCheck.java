// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.image;

import dev.vss.dl.DlException;

/**
 * Proves a JPEG whole before libjpeg decodes it: walks every marker segment and decodes every scan's Huffman-coded
 * data (codes only: no coefficients kept, no IDCT, no pixels), checking that each scan holds exactly the blocks the
 * frame needs, that restart markers come in order, and that a progressive file's scans form a valid progression that
 * sends every coefficient. libjpeg only warns about such damage and fills what is missing with flat blocks, which
 * would turn a truncated or corrupted upload into a confident result (a gray picture reads as a covered camera).
 *
 * <p>Also bounds the decode cost, which for progressive files grows with scans × blocks, not with the file size: at
 * most {@link ImageHeaders.Limits#maxScans()} scans and {@link ImageHeaders.Limits#maxScanPixels()} block-pixels over
 * all scans, checked before each scan is decoded (here and later in libjpeg).
 *
 * <p>Huffman-coded (sequential and progressive) frames only; arithmetic-coded, lossless and hierarchical JPEGs are
 * refused. Pure Java and bounds-checked: throws nothing but {@link DlException}. One instance per call, not thread-safe.
 */
final class JpegCheck {
    /** Bytes of unexpected data tolerated before a marker, as libjpeg does with a warning (some cameras pad). */
    static final int MAX_EXTRANEOUS = 32;

    private final byte[] b;
    private final String name;
    private final ImageHeaders.Limits limits;

    private int width;
    private int height;
    private boolean progressive;
    private Comp[] comps;
    private int mcusX;
    private int mcusY;
    private int restartInterval;
    private final Huff[] dcTables = new Huff[4];
    private final Huff[] acTables = new Huff[4];
    private int scans;
    private long scanPixels;

    // bit reader state of the scan being decoded
    private int pos;
    private long acc;
    private int nbits;
    private int phantom; // zero bits appended past the end of the scan data (libjpeg does the same)
    private boolean atMarker;
    private final int[] fetchedAt = new int[8];
    private int fetched;
    private int eobrun;
    private String where = "";

    private static final class Comp {
        int id;
        int h;
        int v;
        int blocksX; // blocks of a non-interleaved scan
        int blocksY;
        int gridW; // blocks of an interleaved scan (whole MCUs)
        long[] nonzero; // progressive: which zig-zag coefficients of each block are known non-zero
        final int[] coefBits = new int[64]; // progressive: successive-approximation bit last sent, -1 = never
        int sequentialScans;
    }

    private JpegCheck(byte[] b, String name, ImageHeaders.Limits limits) {
        this.b = b;
        this.name = name;
        this.limits = limits;
    }

    static ImageHeaders.Info check(byte[] b, String name, ImageHeaders.Limits limits) throws DlException {
        return new JpegCheck(b, name, limits).run();
    }

    /**
     * Format and size from the frame header alone, found by the same marker walk as {@link #check} (and libjpeg), so
     * that both always agree on which frame an image has.
     */
    static ImageHeaders.Info header(byte[] b, String name) throws DlException {
        return new JpegCheck(b, name, null).run();
    }

    private DlException fail(String why) {
        return ImageHeaders.fail(name, why);
    }

    private DlException corrupt(String why) {
        if (phantom > 0 && nbits < phantom) { // the decoder ran past the end of the data: say so, not the symptom
            return fail("truncated or corrupt JPEG data" + where + ": the data ends before the image does"
                    + " (premature end of the entropy-coded data)");
        }
        return fail("corrupt JPEG data" + where + ": " + why);
    }

    private ImageHeaders.Info run() throws DlException {
        int p = 2;
        boolean frame = false;
        boolean afterScan = false;
        while (true) {
            long found = markerAt(p, afterScan ? "after scan " + scans : "after byte " + p);
            afterScan = false;
            int seg = (int) (found >>> 8); // position of the marker code byte
            int m = (int) (found & 0xFF);
            p = seg + 1;
            if (m == 0xD9) {
                if (!frame || scans == 0) {
                    throw fail("JPEG ends (end-of-image marker at byte " + seg + ") before any image data");
                }
                checkComplete();
                return new ImageHeaders.Info(ImageHeaders.Format.JPEG, width, height);
            }
            if (m == 0xD8) {
                throw fail("corrupt JPEG: a second start-of-image marker at byte " + seg);
            }
            if (m >= 0xD0 && m <= 0xD7) {
                if (scans > 0) {
                    throw corrupt("restart marker at byte " + seg + " after the last block of scan " + scans
                            + " (more data than the frame needs)");
                }
                continue; // libjpeg ignores a stray restart marker between header segments
            }
            if (m == 0x01) {
                continue;
            }
            if (p + 2 > b.length) {
                throw fail("truncated JPEG header (ends at byte " + b.length + ")");
            }
            int len = u16(p);
            if (len < 2 || p + len > b.length) {
                throw fail("truncated JPEG header (segment of " + len + " bytes at byte " + p + " in a file of "
                        + b.length + ")");
            }
            switch (m) {
                case 0xC0, 0xC1, 0xC2 -> {
                    if (frame) {
                        throw fail("corrupt JPEG: a second frame header at byte " + seg);
                    }
                    frame(p, len, m == 0xC2);
                    frame = true;
                    if (limits == null) {
                        return new ImageHeaders.Info(ImageHeaders.Format.JPEG, width, height);
                    }
                    if ((long) width * height > limits.maxPixels()) { // ImageHeaders checked it; never allocate past it
                        throw fail("JPEG of " + width + "x" + height + " is over the limit of " + limits.maxPixels()
                                + " pixels");
                    }
                }
                case 0xC3 -> throw fail("lossless JPEG is not supported");
                case 0xC5, 0xC6, 0xC7, 0xCD, 0xCE, 0xCF -> throw fail("hierarchical JPEG is not supported");
                case 0xC9, 0xCA, 0xCB -> throw fail("arithmetic-coded JPEG is not supported");
                case 0xC4 -> huffmanTables(p, len);
                case 0xDD -> {
                    if (len != 4) {
                        throw fail("corrupt JPEG: restart-interval segment of " + len + " bytes");
                    }
                    restartInterval = u16(p + 2);
                }
                case 0xDC -> throw fail("JPEG with a DNL marker (height given after the data) is not supported");
                case 0xDA -> {
                    if (!frame) {
                        throw fail("JPEG has no frame header before its image data");
                    }
                    p = scan(p, len);
                    afterScan = true;
                    continue;
                }
                default -> {
                    // APPn, COM, DQT, DAC and others: skipped by length
                }
            }
            p += len;
        }
    }

    /**
     * Finds the marker expected at {@code p}: fill bytes (0xFF) are skipped and up to {@link #MAX_EXTRANEOUS} bytes of
     * other data before it tolerated, as libjpeg does. Returns (position of the marker code byte) << 8 | marker code.
     */
    private long markerAt(int p, String context) throws DlException {
        int i = p;
        while (i < b.length) {
            if (u8(i) == 0xFF) {
                int j = i + 1;
                while (j < b.length && u8(j) == 0xFF) {
                    j++;
                }
                if (j >= b.length) {
                    break;
                }
                if (u8(j) != 0) {
                    int junk = i - p;
                    if (junk > MAX_EXTRANEOUS) {
                        throw corrupt(junk + " bytes of unexpected data " + context + " before the marker at byte "
                                + i);
                    }
                    return (long) j << 8 | u8(j);
                }
                i = j + 1; // FF 00 is data, not a marker
            } else {
                i++;
                if (i - p > MAX_EXTRANEOUS) {
                    // keep going only to tell truncation from junk
                    int k = i;
                    while (k < b.length && u8(k) != 0xFF) {
                        k++;
                    }
                    if (k >= b.length) {
                        break;
                    }
                    throw corrupt((k - p) + " bytes of unexpected data " + context + " before byte " + k);
                }
            }
        }
        throw fail("truncated JPEG (no end-of-image marker; the file ends at byte " + b.length
                + (scans > 0 ? " after scan " + scans : "") + ")");
    }

    private void frame(int p, int len, boolean prog) throws DlException {
        if (len < 8) {
            throw fail("corrupt JPEG frame header (" + len + " bytes)");
        }
        int precision = u8(p + 2);
        height = u16(p + 3);
        width = u16(p + 5);
        int n = u8(p + 7);
        if (precision != 8 && precision != 12) {
            throw fail("JPEG sample precision of " + precision + " bits is not supported");
        }
        if (height == 0) {
            throw fail("JPEG with a DNL marker (height given after the data) is not supported");
        }
        if (width == 0) {
            throw fail("JPEG header gives an empty size " + width + "x" + height);
        }
        if (n < 1 || n > 4) {
            throw fail("JPEG with " + n + " colour components is not supported (1 to 4)");
        }
        if (len != 8 + 3 * n) {
            throw fail("corrupt JPEG frame header (" + len + " bytes for " + n + " components)");
        }
        progressive = prog;
        comps = new Comp[n];
        int hmax = 1;
        int vmax = 1;
        for (int i = 0; i < n; i++) {
            Comp c = new Comp();
            c.id = u8(p + 8 + 3 * i);
            c.h = u8(p + 9 + 3 * i) >> 4;
            c.v = u8(p + 9 + 3 * i) & 15;
            if (c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4) {
                throw fail("corrupt JPEG frame header (sampling factors " + c.h + "x" + c.v + ")");
            }
            for (int j = 0; j < i; j++) {
                if (comps[j].id == c.id) {
                    throw fail("corrupt JPEG frame header (component id " + c.id + " twice)");
                }
            }
            java.util.Arrays.fill(c.coefBits, -1);
            comps[i] = c;
            hmax = Math.max(hmax, c.h);
            vmax = Math.max(vmax, c.v);
        }
        mcusX = ceilDiv(width, 8 * hmax);
        mcusY = ceilDiv(height, 8 * vmax);
        for (Comp c : comps) {
            c.blocksX = ceilDiv(ceilDiv(width * c.h, hmax), 8);
            c.blocksY = ceilDiv(ceilDiv(height * c.v, vmax), 8);
            c.gridW = mcusX * c.h;
        }
    }

    private void huffmanTables(int p, int len) throws DlException {
        int q = p + 2;
        int end = p + len;
        while (q < end) {
            int tc = u8(q) >> 4;
            int th = u8(q) & 15;
            if (tc > 1 || th > 3 || q + 17 > end) {
                throw fail("corrupt JPEG Huffman table segment at byte " + q);
            }
            int[] bits = new int[17];
            int total = 0;
            for (int l = 1; l <= 16; l++) {
                bits[l] = u8(q + l);
                total += bits[l];
            }
            if (total > 256 || q + 17 + total > end) {
                throw fail("corrupt JPEG Huffman table at byte " + q + " (" + total + " codes)");
            }
            int[] vals = new int[total];
            for (int i = 0; i < total; i++) {
                vals[i] = u8(q + 17 + i);
            }
            Huff h = Huff.build(bits, vals);
            if (h == null) {
                throw fail("corrupt JPEG Huffman table at byte " + q + " (code lengths overflow)");
            }
            (tc == 0 ? dcTables : acTables)[th] = h;
            q += 17 + total;
        }
    }

    /** Parses an SOS header, checks the budget, decodes the scan; returns the position after its data. */
    private int scan(int p, int len) throws DlException {
        int ns = len >= 3 ? u8(p + 2) : 0;
        if (ns < 1 || ns > 4 || len != 6 + 2 * ns) {
            throw fail("corrupt JPEG scan header at byte " + p);
        }
        scans++;
        where = " in scan " + scans;
        if (scans > limits.maxScans()) {
            throw ImageHeaders.fail(name, "JPEG has more than " + limits.maxScans() + " scans: over the decode budget"
                    + " (-D" + ImageHeaders.PROP_MAX_SCANS + ")");
        }
        Comp[] in = new Comp[ns];
        Huff[] dc = new Huff[ns];
        Huff[] ac = new Huff[ns];
        int ss = u8(p + 3 + 2 * ns);
        int se = u8(p + 4 + 2 * ns);
        int ah = u8(p + 5 + 2 * ns) >> 4;
        int al = u8(p + 5 + 2 * ns) & 15;
        boolean needDc = progressive ? ss == 0 && ah == 0 : true;
        boolean needAc = progressive ? ss > 0 : true;
        int blocksPerMcu = 0;
        for (int i = 0; i < ns; i++) {
            int id = u8(p + 3 + 2 * i);
            Comp c = null;
            for (Comp x : comps) {
                if (x.id == id) {
                    c = x;
                }
            }
            for (int j = 0; j < i; j++) {
                if (in[j] == c) {
                    c = null;
                }
            }
            if (c == null) {
                throw fail("corrupt JPEG scan header: component id " + id + " is unknown or repeated");
            }
            in[i] = c;
            int td = u8(p + 4 + 2 * i) >> 4;
            int ta = u8(p + 4 + 2 * i) & 15;
            if (td > 3 || ta > 3) {
                throw fail("corrupt JPEG scan header: Huffman table " + Math.max(td, ta) + " does not exist");
            }
            if (needDc) {
                dc[i] = table(dcTables, td, true);
                if (dc[i].maxSymbol > 15) {
                    throw fail("corrupt JPEG Huffman table " + td + " (a DC table with symbol " + dc[i].maxSymbol
                            + ")");
                }
            }
            if (needAc) {
                ac[i] = table(acTables, ta, false);
            }
            blocksPerMcu += c.h * c.v;
        }
        if (ns > 1 && blocksPerMcu > 10) {
            throw fail("corrupt JPEG scan header: " + blocksPerMcu + " blocks per MCU (at most 10)");
        }
        progression(in, ss, se, ah, al);
        long blocks = 0;
        for (Comp c : in) {
            blocks += ns == 1 ? (long) c.blocksX * c.blocksY : (long) mcusX * c.h * mcusY * c.v;
        }
        scanPixels += blocks * 64;
        if (scanPixels > limits.maxScanPixels()) {
            throw ImageHeaders.fail(name, "JPEG of " + width + "x" + height + " needs over " + limits.maxScanPixels()
                    + " block-pixels over its first " + scans + " scans: over the decode budget (-D"
                    + ImageHeaders.PROP_MAX_PIXELS + ")");
        }
        startBits(p + len);
        long mcus = ns == 1 ? (long) in[0].blocksX * in[0].blocksY : (long) mcusX * mcusY;
        int nextRst = 0;
        for (long mcu = 0; mcu < mcus; mcu++) {
            if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                restart(nextRst, mcu, mcus);
                nextRst = (nextRst + 1) & 7;
            }
            if (ns == 1) {
                Comp c = in[0];
                int bx = (int) (mcu % c.blocksX);
                int by = (int) (mcu / c.blocksX);
                block(c, by * c.gridW + bx, dc[0], ac[0], ss, se, ah, al);
            } else {
                int mx = (int) (mcu % mcusX);
                int my = (int) (mcu / mcusX);
                for (int i = 0; i < ns; i++) {
                    Comp c = in[i];
                    for (int y = 0; y < c.v; y++) {
                        for (int x = 0; x < c.h; x++) {
                            int idx = (my * c.v + y) * c.gridW + mx * c.h + x;
                            block(c, idx, dc[i], ac[i], ss, se, ah, al);
                        }
                    }
                }
            }
            if (phantom > 0 && nbits < phantom) {
                throw fail("truncated or corrupt JPEG data" + where + ": the data ends after " + mcu + " of " + mcus
                        + " MCUs (premature end of the entropy-coded data)");
            }
        }
        where = "";
        return unconsumed();
    }

    private Huff table(Huff[] tables, int id, boolean dc) throws DlException {
        Huff h = tables[id];
        if (h == null && id < 2) {
            // libjpeg-turbo falls back to the standard tables (Motion-JPEG frames carry no DHT)
            h = Huff.standard(dc, id);
            tables[id] = h;
        }
        if (h == null) {
            throw fail("corrupt JPEG: " + (dc ? "DC" : "AC") + " Huffman table " + id + " is used but not defined");
        }
        return h;
    }

    private void progression(Comp[] in, int ss, int se, int ah, int al) throws DlException {
        if (!progressive) {
            if (ss != 0 || se != 63 || ah != 0 || al != 0) {
                throw corrupt("a sequential scan with spectral selection " + ss + "-" + se + ", approximation " + ah
                        + "/" + al);
            }
            for (Comp c : in) {
                if (++c.sequentialScans > 1) {
                    throw corrupt("component " + c.id + " is sent twice");
                }
            }
            return;
        }
        boolean bad = ss == 0 ? se != 0 : se < ss || se > 63 || in.length != 1;
        if (ah != 0 && al != ah - 1) {
            bad = true;
        }
        if (al > 13) {
            bad = true;
        }
        if (bad) {
            throw corrupt("invalid progressive parameters: spectral selection " + ss + "-" + se + ", approximation "
                    + ah + "/" + al + " for " + in.length + " component(s)");
        }
        for (Comp c : in) {
            if (ss > 0 && c.coefBits[0] < 0) {
                throw corrupt("AC coefficients of component " + c.id + " sent before its DC");
            }
            for (int k = ss; k <= se; k++) {
                int expected = Math.max(c.coefBits[k], 0);
                if (ah == 0 && c.coefBits[k] >= 0) {
                    throw corrupt("the progression repeats a step (coefficient " + k + " of component " + c.id
                            + " is sent again)");
                }
                if (ah != expected) {
                    throw corrupt("the progression is out of order (coefficient " + k + " of component " + c.id
                            + ": a refinement of bit " + ah + " after bit " + expected + " was sent)");
                }
                c.coefBits[k] = al;
            }
            if (c.nonzero == null && ss > 0) {
                c.nonzero = new long[c.gridW * mcusY * c.v];
            }
        }
    }

    private void checkComplete() throws DlException {
        for (Comp c : comps) {
            if (!progressive) {
                if (c.sequentialScans == 0) {
                    throw fail("truncated JPEG: the data of component " + c.id + " is missing");
                }
                continue;
            }
            for (int k = 0; k < 64; k++) {
                if (c.coefBits[k] < 0) {
                    throw fail("truncated progressive JPEG: coefficient " + k + " of component " + c.id
                            + " is never sent (" + scans + " scans)");
                }
            }
        }
    }

    // --- entropy decoding ---

    private void startBits(int p) {
        pos = p;
        acc = 0;
        nbits = 0;
        phantom = 0;
        atMarker = false;
        eobrun = 0;
    }

    /**
     * Tops the bit buffer up to at least 49 bits (callers need at most 16): filling a byte at a time only as needed
     * made this the hottest call of the check; the ring of the last 8 byte positions still covers the at most 7
     * whole bytes buffered.
     */
    private void fill() {
        while (nbits <= 48) {
            int c = 0;
            if (atMarker || pos >= b.length) {
                atMarker = true;
                phantom += 8;
            } else {
                int at = pos;
                c = u8(pos);
                if (c == 0xFF) {
                    int q = pos + 1;
                    while (q < b.length && u8(q) == 0xFF) {
                        q++;
                    }
                    if (q < b.length && u8(q) == 0) {
                        pos = q + 1;
                    } else {
                        atMarker = true;
                        phantom += 8;
                        c = 0;
                        at = -1;
                    }
                } else {
                    pos++;
                }
                if (at >= 0) {
                    fetchedAt[fetched++ & 7] = at;
                }
            }
            acc = acc << 8 | c;
            nbits += 8;
        }
    }

    private int bits(int n) {
        if (n == 0) {
            return 0;
        }
        if (nbits < n) {
            fill();
        }
        nbits -= n;
        return (int) (acc >>> nbits) & ((1 << n) - 1);
    }

    private int decode(Huff h) throws DlException {
        if (nbits < 16) {
            fill();
        }
        int look = (int) (acc >>> (nbits - Huff.LOOK)) & ((1 << Huff.LOOK) - 1);
        int e = h.look[look];
        if (e != 0) {
            nbits -= e >> 8;
            return e & 0xFF;
        }
        int code = (int) (acc >>> (nbits - 16)) & 0xFFFF;
        for (int l = Huff.LOOK + 1; l <= 16; l++) {
            int c = code >>> (16 - l);
            if (c <= h.maxcode[l]) {
                nbits -= l;
                return h.vals[h.valptr[l] + c - h.mincode[l]];
            }
        }
        nbits -= 16;
        throw corrupt("invalid Huffman code before byte " + pos);
    }

    /** Position of the first byte not consumed by the decoder (the partly used last byte counts as consumed). */
    private int unconsumed() {
        int whole = Math.max(0, nbits - phantom) / 8;
        if (whole == 0) {
            return pos;
        }
        return fetchedAt[(fetched - whole) & 7];
    }

    private void restart(int expected, long mcu, long mcus) throws DlException {
        if (phantom > 0 && nbits < phantom) {
            throw fail("truncated or corrupt JPEG data" + where + ": the data ends after " + mcu + " of " + mcus
                    + " MCUs (premature end of the entropy-coded data)");
        }
        long found = markerAt(unconsumed(), "after MCU " + mcu + " of " + mcus + where);
        int at = (int) (found >>> 8);
        int m = (int) (found & 0xFF);
        if (m != 0xD0 + expected) {
            throw corrupt(m >= 0xD0 && m <= 0xD7
                    ? "restart marker " + (m - 0xD0) + " where " + expected + " was due, after MCU " + mcu + " of "
                            + mcus
                    : "the data ends after " + mcu + " of " + mcus + " MCUs (marker 0x" + Integer.toHexString(m)
                            + " at byte " + at + " where restart marker " + expected + " was due)");
        }
        startBits(at + 1);
    }

    private void block(Comp c, int idx, Huff dc, Huff ac, int ss, int se, int ah, int al) throws DlException {
        if (!progressive) {
            int s = decode(dc);
            bits(s);
            for (int k = 1; k < 64; k++) {
                int rs = decode(ac);
                int r = rs >> 4;
                s = rs & 15;
                if (s != 0) {
                    k += r;
                    if (k > 63) {
                        throw corrupt("AC run past the end of a block");
                    }
                    bits(s);
                } else {
                    if (r != 15) {
                        break;
                    }
                    k += 15;
                    if (k > 63) {
                        throw corrupt("zero run past the end of a block");
                    }
                }
            }
            return;
        }
        if (ss == 0) {
            if (ah == 0) {
                bits(decode(dc));
            } else {
                bits(1);
            }
            return;
        }
        if (ah == 0) {
            acFirst(c, idx, ac, ss, se);
        } else {
            acRefine(c, idx, ac, ss, se);
        }
    }

    private void acFirst(Comp c, int idx, Huff ac, int ss, int se) throws DlException {
        if (eobrun > 0) {
            eobrun--;
            return;
        }
        long nz = c.nonzero[idx];
        for (int k = ss; k <= se; k++) {
            int rs = decode(ac);
            int r = rs >> 4;
            int s = rs & 15;
            if (s != 0) {
                k += r;
                if (k > se) {
                    throw corrupt("AC run past the end of the spectral band");
                }
                bits(s);
                nz |= 1L << k;
            } else if (r == 15) {
                k += 15;
                if (k > se) {
                    throw corrupt("zero run past the end of the spectral band");
                }
            } else {
                eobrun = (1 << r) + bits(r) - 1;
                break;
            }
        }
        c.nonzero[idx] = nz;
    }

    private void acRefine(Comp c, int idx, Huff ac, int ss, int se) throws DlException {
        long nz = c.nonzero[idx];
        int k = ss;
        if (eobrun == 0) {
            for (; k <= se; k++) {
                int rs = decode(ac);
                int r = rs >> 4;
                int s = rs & 15;
                if (s != 0) {
                    if (s != 1) {
                        throw corrupt("a refinement scan codes a new coefficient of size " + s);
                    }
                    bits(1);
                } else if (r != 15) {
                    eobrun = (1 << r) + bits(r);
                    break;
                }
                // skip over known non-zero coefficients (reading their correction bits) and r zero ones
                while (k <= se) {
                    if ((nz >>> k & 1) != 0) {
                        bits(1);
                    } else {
                        if (--r < 0) {
                            break;
                        }
                    }
                    k++;
                }
                if (s != 0) {
                    if (k > se) {
                        throw corrupt("a refinement run past the end of the spectral band");
                    }
                    nz |= 1L << k;
                }
            }
        }
        if (eobrun > 0) {
            for (; k <= se; k++) {
                if ((nz >>> k & 1) != 0) {
                    bits(1);
                }
            }
            eobrun--;
        }
        c.nonzero[idx] = nz;
    }

    private int u8(int i) {
        return b[i] & 0xFF;
    }

    private int u16(int i) {
        return u8(i) << 8 | u8(i + 1);
    }

    private static int ceilDiv(int a, int d) {
        return (int) (((long) a + d - 1) / d);
    }

    /** A Huffman decoding table (JPEG Annex C canonical codes), with a {@value #LOOK}-bit lookup. */
    static final class Huff {
        static final int LOOK = 9;
        final int[] look = new int[1 << LOOK]; // (length << 8 | symbol), 0 = longer code
        final int[] maxcode = new int[18];
        final int[] mincode = new int[17];
        final int[] valptr = new int[17];
        final int[] vals;
        int maxSymbol;

        private Huff(int[] vals) {
            this.vals = vals;
        }

        /** The table, or null if the code lengths do not fit (more codes of a length than the code space). */
        static Huff build(int[] bits, int[] vals) {
            Huff h = new Huff(vals);
            int code = 0;
            int k = 0;
            for (int l = 1; l <= 16; l++) {
                h.valptr[l] = k;
                h.mincode[l] = code;
                code += bits[l];
                k += bits[l];
                if (code > (1 << l)) {
                    return null;
                }
                h.maxcode[l] = bits[l] > 0 ? code - 1 : -1;
                if (l <= LOOK) {
                    for (int c = h.mincode[l]; c <= h.maxcode[l]; c++) {
                        int sym = vals[h.valptr[l] + c - h.mincode[l]];
                        int span = 1 << (LOOK - l);
                        for (int j = 0; j < span; j++) {
                            h.look[(c << (LOOK - l)) | j] = l << 8 | sym;
                        }
                    }
                }
                code <<= 1;
            }
            for (int v : vals) {
                h.maxSymbol = Math.max(h.maxSymbol, v);
            }
            return h;
        }

        static Huff standard(boolean dc, int id) {
            String[] t = dc ? (id == 0 ? STD_DC_LUMA : STD_DC_CHROMA) : (id == 0 ? STD_AC_LUMA : STD_AC_CHROMA);
            int[] bits = new int[17];
            for (int l = 1; l <= 16; l++) {
                bits[l] = Integer.parseInt(t[0].substring(2 * l - 2, 2 * l), 16);
            }
            int[] vals = new int[t[1].length() / 2];
            for (int i = 0; i < vals.length; i++) {
                vals[i] = Integer.parseInt(t[1].substring(2 * i, 2 * i + 2), 16);
            }
            return build(bits, vals);
        }

        // JPEG Annex K.3 tables: code counts for lengths 1-16, then the symbols, in hex.
        private static final String[] STD_DC_LUMA = {"00010501010101010100000000000000",
            "000102030405060708090a0b"};
        private static final String[] STD_DC_CHROMA = {"00030101010101010101010000000000",
            "000102030405060708090a0b"};
        private static final String[] STD_AC_LUMA = {"0002010303020403050504040000017d",
            "01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728"
                + "292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a83848586878889"
                + "8a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2"
                + "e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9fa"};
        private static final String[] STD_AC_CHROMA = {"00020102040403040705040400010277",
            "000102031104052131061241510761711322328108144291a1b1c109233352f0156272d10a162434e125f11718191a26"
                + "2728292a35363738393a434445464748494a535455565758595a636465666768696a737475767778797a828384858687"
                + "88898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9da"
                + "e2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8f9fa"};
    }
}
