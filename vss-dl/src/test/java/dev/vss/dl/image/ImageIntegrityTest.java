// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.models.BaseSettings;
import dev.vss.dl.testing.ImageForge;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Honest decoding: damaged JPEG/PNG data is refused with a message saying what is wrong; odd but valid images work. */
class ImageIntegrityTest {
    private static BufferedImage photo;
    private static byte[] baseline;
    private static byte[] progressive;

    @BeforeAll
    static void images() throws Exception {
        photo = ImageIO.read(SharedData.image("faces/two_people.jpg").toFile());
        baseline = ImageForge.jpeg(photo, 0.9f, false, 0);
        progressive = ImageForge.jpeg(photo, 0.9f, true, 0);
    }

    private static String failure(byte[] b) {
        try {
            Images.decode(b, "cam7/frame.jpg", Images.maxPixels());
        } catch (DlException e) {
            assertThat(e.code()).isEqualTo(DlErrorCode.IMAGE_DECODE_FAILED);
            assertThat(e.getMessage()).startsWith("IMAGE_DECODE_FAILED: cannot decode cam7/frame.jpg: ");
            return e.getMessage();
        }
        throw new AssertionError("decoded although damaged");
    }

    /** Mean absolute difference per channel sample between our decode and the JDK's decoder of the same bytes. */
    private static double diffToJdk(Image img, BufferedImage ref) {
        long sum = 0;
        int n = 0;
        boolean gray = ref.getRaster().getNumBands() == 1; // getRGB would apply a gamma to gray images
        for (int y = 0; y < img.height(); y += 5) {
            for (int x = 0; x < img.width(); x += 5) {
                int a = img.rgb(x, y);
                int b = gray ? ref.getRaster().getSample(x, y, 0) * 0x010101 : ref.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) {
                    sum += Math.abs((a >> s & 0xff) - (b >> s & 0xff));
                    n++;
                }
            }
        }
        return (double) sum / n;
    }

    @Test
    void oddButValidJpegsDecodeToThePicture() throws Exception {
        BufferedImage gray = ImageForge.convert(photo, BufferedImage.TYPE_BYTE_GRAY);
        var cases = new java.util.LinkedHashMap<String, byte[]>();
        cases.put("baseline", baseline);
        cases.put("progressive", progressive);
        cases.put("restart interval 4", ImageForge.jpeg(photo, 0.9f, false, 4));
        cases.put("progressive, restart interval 7", ImageForge.jpeg(photo, 0.9f, true, 7));
        cases.put("restart interval 1", ImageForge.jpeg(photo, 0.9f, false, 1));
        cases.put("gray", ImageForge.jpeg(gray, 0.9f, false, 0));
        cases.put("gray progressive", ImageForge.jpeg(gray, 0.9f, true, 0));
        cases.put("gray progressive, restart interval 3", ImageForge.jpeg(gray, 0.9f, true, 3));
        cases.put("quality 5", ImageForge.jpeg(photo, 0.05f, true, 0));
        for (var e : cases.entrySet()) {
            Image img = Images.decode(e.getValue(), e.getKey(), Images.maxPixels());
            assertThat(img.width()).as(e.getKey()).isEqualTo(1126);
            assertThat(img.height()).as(e.getKey()).isEqualTo(661);
            BufferedImage ref = ImageIO.read(new java.io.ByteArrayInputStream(e.getValue()));
            assertThat(diffToJdk(img, ref)).as(e.getKey()).isLessThan(3.0);
        }
    }

    @Test
    void cmykJpegAndExifOrientationsDecode() throws Exception {
        Image cmyk = Images.decode(ImageForge.cmykJpeg(photo, 0.9f), "cmyk", Images.maxPixels());
        assertThat(cmyk.width()).isEqualTo(1126);
        assertThat(diffToJdk(cmyk, photo)).isLessThan(4.0); // CMY = inverted RGB, no black: converts back to RGB
        for (int o = 1; o <= 8; o++) {
            Image img = Images.decode(ImageForge.withExifOrientation(baseline, o), "exif" + o, Images.maxPixels());
            boolean swapped = o >= 5;
            assertThat(img.width()).as("orientation " + o).isEqualTo(swapped ? 661 : 1126);
            assertThat(img.height()).as("orientation " + o).isEqualTo(swapped ? 1126 : 661);
        }
    }

    @Test
    void oddButValidPngsAndBmpDecode() throws Exception {
        var cases = new java.util.LinkedHashMap<String, byte[]>();
        cases.put("rgb", ImageForge.png(photo, false));
        cases.put("rgb interlaced", ImageForge.png(photo, true));
        cases.put("16-bit rgb", ImageForge.png(ImageForge.sixteenBit(photo, false), false));
        cases.put("16-bit rgba interlaced", ImageForge.png(ImageForge.sixteenBit(photo, true), true));
        cases.put("16-bit gray", ImageForge.png(ImageForge.gray16(photo), false));
        cases.put("argb", ImageForge.png(ImageForge.convert(photo, BufferedImage.TYPE_INT_ARGB), false));
        cases.put("palette", ImageForge.png(ImageForge.convert(photo, BufferedImage.TYPE_BYTE_INDEXED), false));
        cases.put("1-bit interlaced", ImageForge.png(ImageForge.convert(photo, BufferedImage.TYPE_BYTE_BINARY), true));
        cases.put("bmp", ImageForge.bmp(photo));
        for (var e : cases.entrySet()) {
            Image img = Images.decode(e.getValue(), e.getKey(), Images.maxPixels());
            assertThat(new int[] {img.width(), img.height(), img.channels()}).as(e.getKey())
                    .containsExactly(1126, 661, 3);
            assertThat(Images.check(e.getValue(), e.getKey(), Images.maxPixels())).endsWith(" 1126x661");
        }
        // 16-bit samples are scaled to 8 bits, not cut: the picture stays the photo
        Image six = Images.decode(ImageForge.png(ImageForge.sixteenBit(photo, false), false), "16", Images.maxPixels());
        assertThat(diffToJdk(six, photo)).isLessThan(1.0);
    }

    @Test
    void truncatedJpegWithAnEndMarkerAppendedIsRefusedAtEveryOffset() {
        byte[] rst = ImageForge.jpeg(photo, 0.9f, false, 8);
        for (byte[] src : new byte[][] {baseline, progressive, rst}) {
            int[] scans = ImageForge.scanOffsets(src);
            int dataStart = scans[0] + 20;
            int end = scans[scans.length - 1];
            for (int i = 1; i <= 24; i++) {
                int cut = dataStart + (int) ((long) (end - dataStart - 2) * i / 25);
                String m = failure(ImageForge.truncateWithEoi(src, cut));
                assertThat(m).as("cut at " + cut).containsAnyOf("premature end", "never sent", "truncated");
            }
        }
        // the case: the first half and an EOI, which libjpeg turns into a half-gray picture
        assertThat(failure(ImageForge.truncateWithEoi(baseline, baseline.length / 2)))
                .contains("truncated or corrupt JPEG data in scan 1: the data ends after")
                .contains("of 2982 MCUs (premature end of the entropy-coded data)");
    }

    @Test
    void progressiveFileCutAtAScanBoundaryIsRefusedUntilEveryCoefficientIsSent() throws Exception {
        int[] at = ImageForge.scanOffsets(progressive);
        assertThat(at).hasSize(11); // libjpeg's colour script: 10 scans, then the EOI
        Image full = Images.decode(progressive, "full", Images.maxPixels());
        for (int s = 1; s < at.length - 1; s++) {
            byte[] cut = ImageForge.truncateWithEoi(progressive, at[s]);
            if (s < 5) { // scans 1-5 send each coefficient once: without them parts of the picture are missing
                assertThat(failure(cut)).contains("truncated progressive JPEG: coefficient")
                        .contains("is never sent (" + s + " scans)");
            } else { // later scans only refine: a complete, slightly coarser picture
                Image img = Images.decode(cut, "refinements cut", Images.maxPixels());
                long sum = 0;
                for (int i = 0; i < img.byteSize(); i += 31) {
                    sum += Math.abs((img.data().get(i) & 0xff) - (full.data().get(i) & 0xff));
                }
                assertThat(sum / (img.byteSize() / 31.0)).as("after " + s + " scans").isLessThan(8.0);
            }
        }
    }

    @Test
    void realHeaderWithARandomBodyIsRefused() {
        for (long seed = 1; seed <= 40; seed++) {
            for (byte[] src : new byte[][] {baseline, progressive}) {
                String m = failure(ImageForge.randomBody(src, 5_000 + (int) seed * 997, seed));
                assertThat(m).containsAnyOf("corrupt JPEG data", "truncated");
            }
        }
    }

    @Test
    void restartMarkersOutOfOrderAreRefused() {
        byte[] rst = ImageForge.jpeg(photo, 0.9f, false, 4);
        // swap the numbers of the first two restart markers
        int first = -1;
        int second = -1;
        int start = ImageForge.scanOffsets(rst)[0] + 14;
        for (int i = start; i < rst.length - 1 && second < 0; i++) {
            if ((rst[i] & 0xff) == 0xFF && (rst[i + 1] & 0xff) >= 0xD0 && (rst[i + 1] & 0xff) <= 0xD7) {
                if (first < 0) {
                    first = i + 1;
                } else {
                    second = i + 1;
                }
            }
        }
        byte[] bad = rst.clone();
        bad[first] = rst[second];
        bad[second] = rst[first];
        assertThat(failure(bad)).contains("restart marker 1 where 0 was due, after MCU 4");
    }

    @Test
    void repeatedAndCheapScansAreRefusedBeforeLibjpegDecodesThem() {
        assertThat(failure(ImageForge.repeatScans(progressive, 5, 3)))
                .contains("scan 11: the progression is out of order (coefficient 1 of component 1: a refinement of bit"
                        + " 2 after bit 0 was sent)");
        byte[] attack = ImageForge.eobRunScans(progressive, 1126, 661, 500);
        assertThat(failure(attack)).contains("scan 11: the progression repeats a step (coefficient 1 of component 1");
    }

    @Test
    void scanCountAndScanPixelBudgetsAreEnforced() throws Exception {
        BaseSettings old = BaseSettings.current();
        BaseSettings.install(old.with(old.engine(), old.modelsDir(), old.maxPixels(), 5));
        try {
            assertThat(failure(progressive)).contains("JPEG has more than 5 scans: over the decode budget");
            Images.decode(baseline, "one scan", Images.maxPixels());
        } finally {
            BaseSettings.install(old);
        }
        long pixels = 1126L * 661;
        // the progressive file decodes about 9 block-pixels per pixel over its scans (4:2:0)
        ImageHeaders.check(progressive, "p", new ImageHeaders.Limits(pixels, 64, pixels * 12));
        assertThatThrownBy(() -> ImageHeaders.check(progressive, "p", new ImageHeaders.Limits(pixels, 64, pixels * 3)))
                .hasMessageContaining("block-pixels over its first").hasMessageContaining("over the decode budget");
    }

    @Test
    void jpegHeaderDamageIsNamed() throws Exception {
        assertThat(failure(Arrays.copyOf(baseline, 3))).contains("truncated JPEG");
        byte[] noEoi = Arrays.copyOf(baseline, baseline.length - 2);
        assertThat(failure(noEoi)).contains("truncated JPEG (no end-of-image marker");
        byte[] arith = baseline.clone();
        int sof = indexOf(arith, (byte) 0xFF, (byte) 0xC0);
        arith[sof + 1] = (byte) 0xC9;
        assertThat(failure(arith)).contains("arithmetic-coded JPEG is not supported");
        byte[] lossless = baseline.clone();
        lossless[sof + 1] = (byte) 0xC3;
        assertThat(failure(lossless)).contains("lossless JPEG is not supported");
        byte[] junk = ImageForge.truncateWithEoi(baseline, baseline.length - 2); // same file, EOI written twice
        Images.check(junk, "x", Images.maxPixels());
        // data after the end marker (camera trailers, a second picture) is ignored
        byte[] trailer = Arrays.copyOf(baseline, baseline.length + 1000);
        Images.check(trailer, "x", Images.maxPixels());
    }

    @Test
    void theSizeCheckedIsTheFrameLibjpegDecodes() throws Exception {
        // Jazzer finding: a DQT one byte short, so that the next "marker" is the byte after an FF. The old header
        // walk read a frame of 24x196 there; libjpeg skips the stray bytes and decodes the later 40x30 frame.
        byte[] b;
        try (var in = getClass().getResourceAsStream(
                "ImageChecksFuzzTestInputs/checkedBytesDecodeOrFailCleanly/finding-misaligned-marker-after-dqt.jpg")) {
            b = in.readAllBytes();
        }
        assertThat(Images.check(b, "finding", Images.maxPixels())).isEqualTo("JPEG 40x30");
        Image img = Images.decode(b, "finding", Images.maxPixels());
        assertThat(new int[] {img.width(), img.height()}).containsExactly(30, 40); // EXIF orientation 6
    }

    @Test
    void pngDamageIsNamed() throws Exception {
        byte[] png = ImageForge.png(photo, false);
        int[] idat = ImageForge.firstIdat(png);
        assertThat(failure(ImageForge.flipBit(png, idat[0] + 100, 3))).contains("CRC error in the IDAT chunk");
        for (int i = 1; i < 20; i++) {
            int cut = png.length * i / 20;
            assertThat(failure(Arrays.copyOf(png, cut))).contains("truncated PNG");
        }
        // a valid chunk structure around a zlib stream cut short: the rows are missing
        byte[] rows = rawRows(64, 48, 0);
        byte[] z = deflate(rows);
        assertThat(failure(png(64, 48, Arrays.copyOf(z, z.length / 2))))
                .contains("premature end of the zlib stream");
        // corrupt zlib data with a correct CRC
        byte[] bad = z.clone();
        for (int i = 10; i < 30; i++) {
            bad[i] = (byte) 0xFF;
        }
        assertThat(failure(png(64, 48, bad))).containsAnyOf("compressed image data is invalid", "filter type");
        // a bad row filter type, all else valid
        assertThat(failure(png(64, 48, deflate(rawRows(64, 48, 9))))).contains("row filter type 9");
        // more rows than the header says
        assertThat(failure(png(64, 40, z))).contains("holds more than the");
        // and the well-formed one decodes
        Image ok = Images.decode(png(64, 48, z), "ok", Images.maxPixels());
        assertThat(ok.width()).isEqualTo(64);
    }

    @Test
    void messagesQuoteNoFileBytesAndClipLongNames() {
        byte[] random = new byte[100];
        new java.util.Random(1).nextBytes(random);
        random[0] = 0x12;
        random[1] = 0x34;
        String name = "x".repeat(5000) + "\n.jpg";
        try {
            Images.decode(random, name, Images.maxPixels());
            throw new AssertionError();
        } catch (DlException e) {
            assertThat(e.getMessage()).contains("not a JPEG, PNG or BMP (unknown signature)")
                    .doesNotContain("1234").doesNotContain("\n").hasSizeLessThan(200).contains("…");
        }
    }

    static int indexOf(byte[] b, byte x, byte y) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == x && b[i + 1] == y) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    /** RGB 8-bit rows, each led by {@code filter} (0 = none). */
    static byte[] rawRows(int w, int h, int filter) {
        byte[] raw = new byte[h * (1 + 3 * w)];
        for (int y = 0; y < h; y++) {
            raw[y * (1 + 3 * w)] = (byte) filter;
            for (int i = 0; i < 3 * w; i++) {
                raw[y * (1 + 3 * w) + 1 + i] = (byte) (i * 7 + y * 3);
            }
        }
        return raw;
    }

    static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater();
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /** A PNG (8-bit RGB) with the given IDAT payload and correct CRCs. */
    static byte[] png(int w, int h, byte[] idat) {
        return dev.vss.dl.testing.HostileCorpus.pngWithSize(w, h, idat);
    }
}
