// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * The hostile-input corpus: a committed generator, not committed files. From the shared photos it makes about 280
 * inputs in families — truncations at many offsets, bit flips, wrong formats, decompression bombs by header and by
 * real compression, huge sparse files, damaged and cost-amplifying JPEGs, and odd but valid images (16-bit, CMYK,
 * gray, alpha, palette, EXIF orientations, progressive, restart intervals) — each with the outcome it must have when
 * analysed. Any runner can replay it: {@link #cases(Path)} gives (name, bytes or sparse size, expected outcome);
 * {@link Case#write(Path)} puts one on disk; {@code main} writes them all plus {@code manifest.tsv}.
 *
 * <pre>{@code
 * for (HostileCorpus.Case c : HostileCorpus.cases(imagesDir)) {
 *     Path f = c.write(dir);
 *     // analyse f, then: assert c.expected().matches(ok, errorCode)
 * }
 * }</pre>
 * Deterministic (fixed seeds). Stateless and thread-safe.
 */
public final class HostileCorpus {
    private HostileCorpus() {
    }

    /** What analysing a case must give. */
    public enum Expect {
        /** {@code ok: true}: a valid (if odd) image is analysed. */
        ANALYSED(Set.of()),
        /** {@code ok: false}, {@code DECODE_FAILED}: damaged, not an image, over the pixel limit or decode budget. */
        DECODE_FAILED(Set.of("DECODE_FAILED")),
        /** {@code ok: false}, {@code IMAGE_TOO_LARGE}: over the byte limit (20 MiB by default), refused unread. */
        TOO_LARGE(Set.of("IMAGE_TOO_LARGE")),
        /**
         * Either analysed or DECODE_FAILED: a flipped bit inside baseline JPEG data often still decodes to a
         * complete (locally damaged) picture; JPEG has no checksum to tell. Never a crash, never another error.
         */
        ANALYSED_OR_DECODE_FAILED(Set.of("DECODE_FAILED"));

        private final Set<String> codes;

        Expect(Set<String> codes) {
            this.codes = codes;
        }

        /** Whether a result line with {@code ok} and {@code code} (null when ok) is this outcome. */
        public boolean matches(boolean ok, String code) {
            if (ok) {
                return this == ANALYSED || this == ANALYSED_OR_DECODE_FAILED;
            }
            return codes.contains(code);
        }
    }

    /**
     * One input.
     *
     * @param name       file name (unique, ends with the extension the input claims)
     * @param family     what kind of hostility
     * @param bytes      the content, or null for a sparse file of {@code sparseSize} bytes (a header, then holes)
     * @param sparseSize size of the sparse file (0 when {@code bytes} is given)
     * @param expected   the outcome
     * @param minPeople  for valid photos of people, the fewest people the analysis must find (0: not checked)
     */
    public record Case(String name, String family, byte[] bytes, long sparseSize, Expect expected, int minPeople) {
        public Case {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(expected, "expected");
            if ((bytes == null) == (sparseSize <= 0)) {
                throw new IllegalArgumentException("bytes or sparseSize: give exactly one");
            }
        }

        /** Writes the input into {@code dir} (a sparse file stays sparse) and returns its path. */
        public Path write(Path dir) throws IOException {
            Path f = dir.resolve(name);
            if (bytes != null) {
                Files.write(f, bytes);
            } else {
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                    raf.write(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}); // looks like a JPEG
                    raf.setLength(sparseSize);
                }
            }
            return f;
        }

        /** Size of the input in bytes. */
        public long size() {
            return bytes != null ? bytes.length : sparseSize;
        }
    }

    /** Every case, built from the shared images in {@code images} (faces/two_people.jpg and others). */
    public static List<Case> cases(Path images) throws IOException {
        BufferedImage people = read(images.resolve("faces/two_people.jpg"));
        BufferedImage street = read(images.resolve("people/vtest_frame0600.png"));
        byte[] original = Files.readAllBytes(images.resolve("faces/two_people.jpg"));
        byte[] squatBmp = Files.readAllBytes(images.resolve("people/squat.bmp"));
        List<Case> out = new ArrayList<>();
        Builder b = new Builder(out);

        // --- odd but valid: every format variant of a photo of two people (pose finds both in the original)
        byte[] baseline = ImageForge.jpeg(people, 0.9f, false, 0);
        byte[] progressive = ImageForge.jpeg(people, 0.9f, true, 0);
        byte[] png = ImageForge.png(people, false);
        BufferedImage gray = ImageForge.convert(people, BufferedImage.TYPE_BYTE_GRAY);
        b.valid("original.jpg", original, 2);
        b.valid("baseline-q90.jpg", baseline, 2);
        b.valid("baseline-q100.jpg", ImageForge.jpeg(people, 1.0f, false, 0), 2);
        b.valid("baseline-q10.jpg", ImageForge.jpeg(people, 0.1f, false, 0), 1);
        b.valid("progressive.jpg", progressive, 2);
        b.valid("progressive-q30.jpg", ImageForge.jpeg(people, 0.3f, true, 0), 1);
        for (int ri : new int[] {1, 4, 7, 64}) {
            b.valid("restart" + ri + ".jpg", ImageForge.jpeg(people, 0.9f, false, ri), 2);
            b.valid("progressive-restart" + ri + ".jpg", ImageForge.jpeg(people, 0.9f, true, ri), 2);
        }
        b.valid("gray.jpg", ImageForge.jpeg(gray, 0.9f, false, 0), 1);
        b.valid("gray-progressive.jpg", ImageForge.jpeg(gray, 0.9f, true, 0), 1);
        b.valid("gray-restart3.jpg", ImageForge.jpeg(gray, 0.9f, false, 3), 1);
        b.valid("cmyk-adobe.jpg", ImageForge.cmykJpeg(people, 0.9f), 1);
        for (int o = 1; o <= 8; o++) {
            b.valid("exif-orientation" + o + ".jpg", ImageForge.withExifOrientation(baseline, o), 0);
        }
        b.valid("trailing-bytes-after-eoi.jpg", concat(baseline, "camera trailer".repeat(50).getBytes(StandardCharsets.US_ASCII)), 2);
        b.valid("no-huffman-tables-mjpeg-frame.jpg", stripSegments(baseline, 0xC4), 2);
        b.valid("comment-and-app-segments.jpg", ImageForge.insertSegment(ImageForge.insertSegment(baseline, 0xFE,
                "a comment".getBytes(StandardCharsets.US_ASCII)), 0xEC, new byte[300]), 2);
        b.valid("jpeg-content-named.png", baseline, 2); // the content decides, not the name
        b.valid("png-rgb.png", png, 2);
        b.valid("png-content-named.jpg", png, 2);
        b.valid("png-interlaced.png", ImageForge.png(people, true), 2);
        b.valid("png-16bit-rgb.png", ImageForge.png(ImageForge.sixteenBit(people, false), false), 2);
        b.valid("png-16bit-rgba-interlaced.png", ImageForge.png(ImageForge.sixteenBit(people, true), true), 1);
        b.valid("png-16bit-gray.png", ImageForge.png(ImageForge.gray16(people), false), 1);
        b.valid("png-argb.png", ImageForge.png(ImageForge.convert(people, BufferedImage.TYPE_INT_ARGB), false), 2);
        b.valid("png-palette.png", ImageForge.png(ImageForge.convert(people, BufferedImage.TYPE_BYTE_INDEXED), false), 1);
        b.valid("png-1bit-interlaced.png", ImageForge.png(ImageForge.convert(people, BufferedImage.TYPE_BYTE_BINARY), true), 0);
        b.valid("bmp-24bit.bmp", ImageForge.bmp(people), 2);
        b.valid("street-progressive.jpg", ImageForge.jpeg(street, 0.9f, true, 0), 1);
        b.valid("street-png-interlaced.png", ImageForge.png(street, true), 1);
        b.valid("squat.bmp", squatBmp, 1);
        b.valid("tiny-8x8.png", ImageForge.png(ImageForge.convert(people.getSubimage(300, 100, 8, 8),
                BufferedImage.TYPE_3BYTE_BGR), false), 0);

        // --- truncations at many offsets (no end marker; and with one appended, which libjpeg would gray-fill)
        int[] sc = ImageForge.scanOffsets(baseline);
        int data = sc[0] + 16;
        int eoi = sc[sc.length - 1];
        for (int i = 0; i < 30; i++) {
            int cut = data + (int) ((long) (eoi - data - 8) * i / 30);
            b.bad("truncated", "jpeg-cut-" + cut + ".jpg", Arrays.copyOf(baseline, cut));
            b.bad("truncated+EOI", "jpeg-cut-" + cut + "-eoi.jpg", ImageForge.truncateWithEoi(baseline, cut));
        }
        for (int cut : new int[] {0, 1, 2, 3, 10, 20, 100, 300, data - 5}) {
            b.bad("truncated header", "jpeg-header-cut-" + cut + ".jpg", Arrays.copyOf(baseline, cut));
        }
        int[] ps = ImageForge.scanOffsets(progressive);
        for (int s = 0; s < ps.length - 1; s++) { // inside each scan's data: never at a scan boundary
            for (int k = 1; k <= 2; k++) {
                int cut = ps[s] + 20 + (ps[s + 1] - ps[s] - 40) * k / 3;
                if (cut > ps[s] + 20) {
                    b.bad("truncated+EOI", "progressive-scan" + s + "-cut-" + cut + "-eoi.jpg",
                            ImageForge.truncateWithEoi(progressive, cut));
                }
            }
        }
        for (int s = 1; s <= 3; s++) { // at a scan boundary before every coefficient is sent
            b.bad("truncated+EOI", "progressive-after-" + s + "-scans-eoi.jpg",
                    ImageForge.truncateWithEoi(progressive, ps[s]));
        }
        for (int i = 1; i < 25; i++) {
            b.bad("truncated", "png-cut-" + i + ".png", Arrays.copyOf(png, png.length * i / 25));
        }
        byte[] bmp = ImageForge.bmp(people);
        for (int i = 1; i < 10; i++) {
            b.bad("truncated", "bmp-cut-" + i + ".bmp", Arrays.copyOf(bmp, bmp.length * i / 10));
        }

        // --- bit flips: PNG chunks carry CRCs, so every flip after the signature is caught
        Random rnd = new Random(8);
        int[] idat = ImageForge.firstIdat(png);
        for (int i = 0; i < 25; i++) {
            int at = idat[0] + rnd.nextInt(idat[1]);
            b.bad("bit flip", "png-flip-" + at + ".png", ImageForge.flipBit(png, at, rnd.nextInt(8)));
        }
        for (int at : new int[] {0, 1, 2, 3, 8, 12, 16, 20}) { // signature, IHDR length, type, size
            b.bad("bit flip", "png-header-flip-" + at + ".png", ImageForge.flipBit(png, at, 7));
        }
        for (int i = 0; i < 20; i++) { // JPEG entropy data: often still a complete picture
            int at = data + rnd.nextInt(eoi - data);
            b.add("bit flip", "jpeg-flip-" + at + ".jpg", ImageForge.flipBit(baseline, at, rnd.nextInt(8)),
                    Expect.ANALYSED_OR_DECODE_FAILED);
        }
        b.bad("bit flip", "jpeg-soi-flip.jpg", ImageForge.flipBit(baseline, 1, 0));
        b.bad("bit flip", "jpeg-sof-to-arithmetic.jpg", replaceMarker(baseline, 0xC0, 0xC9));
        b.bad("bit flip", "jpeg-restart-swapped.jpg", swapFirstRestarts(ImageForge.jpeg(people, 0.9f, false, 4)));
        for (long seed = 1; seed <= 10; seed++) {
            b.bad("random body", "jpeg-random-body-" + seed + ".jpg",
                    ImageForge.randomBody(seed % 2 == 0 ? baseline : progressive, 20_000 + (int) seed * 1000, seed));
        }

        // --- wrong formats
        b.bad("wrong format", "empty.jpg", new byte[0]);
        b.bad("wrong format", "one-byte.jpg", new byte[] {(byte) 0xFF});
        b.bad("wrong format", "zeros.jpg", new byte[4096]);
        b.bad("wrong format", "gif.jpg", concat("GIF89a".getBytes(StandardCharsets.US_ASCII), new byte[200]));
        b.bad("wrong format", "tiff.jpg", concat(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0}, new byte[200]));
        b.bad("wrong format", "webp.jpg", concat("RIFF\u0000\u0001\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), new byte[200]));
        b.bad("wrong format", "heic.jpg", concat(new byte[] {0, 0, 0, 24}, "ftypheic".getBytes(StandardCharsets.US_ASCII), new byte[200]));
        b.bad("wrong format", "pdf.jpg", "%PDF-1.7\n%âãÏÓ\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1));
        b.bad("wrong format", "text.png", "this is not an image\n".repeat(20).getBytes(StandardCharsets.US_ASCII));
        b.bad("wrong format", "json.jpg", "{\"Records\":[]}".getBytes(StandardCharsets.US_ASCII));
        b.bad("wrong format", "zip.png", concat(new byte[] {'P', 'K', 3, 4}, new byte[500]));
        b.bad("wrong format", "elf.bmp", concat(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1}, new byte[500]));
        b.bad("wrong format", "html.jpg", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII));
        for (int n : new int[] {3, 100, 10_000, 1_000_000}) {
            byte[] r = new byte[n];
            new Random(n).nextBytes(r);
            r[0] = 0x42; // never a valid signature by chance
            r[1] = 0x00;
            b.bad("wrong format", "random-" + n + ".jpg", r);
        }
        b.bad("wrong format", "jpeg-signature-only.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        b.bad("wrong format", "png-signature-only.png", Arrays.copyOf(png, 8));
        b.bad("wrong format", "bmp-signature-only.bmp", new byte[] {'B', 'M'});

        // --- bombs by header: sizes the data cannot hold, or over the pixel limit
        b.bad("bomb by header", "jpeg-65535x65535.jpg", withJpegSize(baseline, 65535, 65535));
        b.bad("bomb by header", "jpeg-10000x10000.jpg", withJpegSize(baseline, 10000, 10000));
        b.bad("bomb by header", "jpeg-7000x7000-small-data.jpg", withJpegSize(baseline, 7000, 7000));
        b.bad("bomb by header", "jpeg-0x0.jpg", withJpegSize(baseline, 0, 0));
        b.bad("bomb by header", "png-100000x100000.png", pngWithSize(100_000, 100_000, deflate(new byte[1000])));
        b.bad("bomb by header", "png-2147483647x1.png", pngWithSize(Integer.MAX_VALUE, 1, deflate(new byte[1000])));
        b.bad("bomb by header", "png-7000x7000-tiny-idat.png", pngWithSize(7000, 7000, deflate(new byte[1000])));
        b.bad("bomb by header", "bmp-50000x50000.bmp", bmpWithSize(bmp, 50_000, 50_000));

        // --- bombs by real compression and decode cost
        b.valid("png-7000x7000-black-147MB-raw.png", pngBlack(7000, 7000), 0); // 49 MP: under the 50 MP limit
        b.bad("bomb by compression", "png-7100x7100-black.png", pngBlack(7100, 7100)); // 50.4 MP: over
        b.bad("bomb by compression", "png-1x1-with-64MB-of-zlib-zeros.png", pngWithSize(1, 1, deflate(new byte[64 << 20])));
        BufferedImage big = new BufferedImage(7000, 7000, BufferedImage.TYPE_3BYTE_BGR);
        var g = big.createGraphics();
        g.drawImage(people, 0, 0, 7000, 7000, null);
        g.dispose();
        byte[] bigProg = ImageForge.jpeg(big, 0.2f, true, 0);
        b.valid("jpeg-7000x7000-progressive.jpg", bigProg, 0);
        b.bad("decode cost", "jpeg-7000x7000-2000-eob-run-scans.jpg", ImageForge.eobRunScans(bigProg, 7000, 7000, 2000));
        b.bad("decode cost", "jpeg-repeated-scans.jpg", ImageForge.repeatScans(progressive, 5, 20));
        b.bad("decode cost", "jpeg-200-eob-run-scans.jpg", ImageForge.eobRunScans(progressive, 1126, 661, 200));

        // --- huge byte sizes (sparse files: no disk used): refused by size, never read into memory
        b.add("huge file", "sparse-25MiB.jpg", 25L << 20, Expect.TOO_LARGE);
        b.add("huge file", "sparse-1500MiB.jpg", 1500L << 20, Expect.TOO_LARGE);
        b.add("huge file", "sparse-3GiB.jpg", 3L << 30, Expect.TOO_LARGE);
        return out;
    }

    /** Writes every case and {@code manifest.tsv} (name, family, bytes, expected, min people) into {@code dir}. */
    public static List<Path> writeAll(List<Case> cases, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        StringBuilder tsv = new StringBuilder("name\tfamily\tbytes\texpected\tmin_people\n");
        for (Case c : cases) {
            files.add(c.write(dir));
            tsv.append(c.name()).append('\t').append(c.family()).append('\t').append(c.size()).append('\t')
                    .append(c.expected()).append('\t').append(c.minPeople()).append('\n');
        }
        Files.writeString(dir.resolve("manifest.tsv"), tsv);
        return files;
    }

    /** {@code HostileCorpus <shared images dir> <output dir>}: writes the corpus and its manifest. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: HostileCorpus <shared images dir> <output dir>");
            System.exit(2);
        }
        List<Case> cases = cases(Path.of(args[0]));
        writeAll(cases, Path.of(args[1]));
        System.out.println(cases.size() + " cases written to " + args[1]);
    }

    private static final class Builder {
        private final List<Case> out;
        private final java.util.Set<String> names = new java.util.HashSet<>();

        Builder(List<Case> out) {
            this.out = out;
        }

        void valid(String name, byte[] bytes, int minPeople) {
            add("odd but valid", name, bytes, Expect.ANALYSED, minPeople);
        }

        void bad(String family, String name, byte[] bytes) {
            add(family, name, bytes, Expect.DECODE_FAILED);
        }

        void add(String family, String name, byte[] bytes, Expect e) {
            add(family, name, bytes, e, 0);
        }

        void add(String family, String name, long sparse, Expect e) {
            put(new Case(String.format("%03d-%s", out.size() + 1, name), family, null, sparse, e, 0));
        }

        void add(String family, String name, byte[] bytes, Expect e, int minPeople) {
            put(new Case(String.format("%03d-%s", out.size() + 1, name), family, bytes, 0, e, minPeople));
        }

        private void put(Case c) {
            if (!names.add(c.name())) {
                throw new IllegalStateException("duplicate case " + c.name());
            }
            out.add(c);
        }
    }

    private static BufferedImage read(Path p) throws IOException {
        BufferedImage img = ImageIO.read(p.toFile());
        if (img == null) {
            throw new IOException("not an image: " + p);
        }
        return ImageForge.convert(img, BufferedImage.TYPE_3BYTE_BGR);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The JPEG without its segments of marker {@code m} (in the header, before the first scan). */
    static byte[] stripSegments(byte[] jpeg, int m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int p = 2;
        while (p + 4 <= jpeg.length) {
            int mk = jpeg[p + 1] & 0xff;
            if (mk == 0xDA) {
                break;
            }
            int len = (jpeg[p + 2] & 0xff) << 8 | (jpeg[p + 3] & 0xff);
            if (mk != m) {
                out.write(jpeg, p, 2 + len);
            }
            p += 2 + len;
        }
        out.write(jpeg, p, jpeg.length - p);
        return out.toByteArray();
    }

    static byte[] replaceMarker(byte[] jpeg, int from, int to) {
        byte[] b = jpeg.clone();
        for (int i = 2; i + 1 < b.length; i++) {
            if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == from) {
                b[i + 1] = (byte) to;
                return b;
            }
        }
        throw new IllegalArgumentException("no marker " + Integer.toHexString(from));
    }

    static byte[] withJpegSize(byte[] jpeg, int w, int h) {
        byte[] b = jpeg.clone();
        for (int i = 2; i + 8 < b.length; i++) {
            if ((b[i] & 0xff) == 0xFF && ((b[i + 1] & 0xff) == 0xC0 || (b[i + 1] & 0xff) == 0xC2)) {
                b[i + 5] = (byte) (h >> 8);
                b[i + 6] = (byte) h;
                b[i + 7] = (byte) (w >> 8);
                b[i + 8] = (byte) w;
                return b;
            }
        }
        throw new IllegalArgumentException("no frame header");
    }

    static byte[] bmpWithSize(byte[] bmp, int w, int h) {
        byte[] b = bmp.clone();
        ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(18, w).putInt(22, h);
        return b;
    }

    static byte[] swapFirstRestarts(byte[] jpeg) {
        byte[] b = jpeg.clone();
        int first = -1;
        for (int i = ImageForge.scanOffsets(jpeg)[0] + 14; i + 1 < b.length; i++) {
            int m = b[i + 1] & 0xff;
            if ((b[i] & 0xff) == 0xFF && m >= 0xD0 && m <= 0xD7) {
                if (first < 0) {
                    first = i + 1;
                } else {
                    byte t = b[first];
                    b[first] = b[i + 1];
                    b[i + 1] = t;
                    return b;
                }
            }
        }
        throw new IllegalArgumentException("fewer than two restart markers");
    }

    static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /** An all-black 8-bit RGB PNG, deflated as it streams (never the whole raw image in memory). */
    static byte[] pngBlack(int w, int h) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] row = new byte[1 + 3 * w];
        byte[] buf = new byte[1 << 16];
        for (int y = 0; y < h; y++) {
            d.setInput(row);
            while (!d.needsInput()) {
                z.write(buf, 0, d.deflate(buf));
            }
        }
        d.finish();
        while (!d.finished()) {
            z.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return pngWithSize(w, h, z.toByteArray());
    }

    /** An 8-bit RGB PNG claiming {@code w} × {@code h}, with the given IDAT payload and correct CRCs. */
    public static byte[] pngWithSize(int w, int h, byte[] idat) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", idat);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static {
        // fail early and clearly if a JDK without ImageIO writers is used
        if (!ImageIO.getImageWritersByFormatName("jpeg").hasNext()) {
            throw new UncheckedIOException(new IOException("this JDK has no ImageIO JPEG writer"));
        }
    }
}
