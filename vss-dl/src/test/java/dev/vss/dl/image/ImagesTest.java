// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.TestData;
import dev.vss.dl.ElementType;
import dev.vss.dl.Shape;
import dev.vss.dl.Tensor;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

    /** Pixel (x, y, c) of the synthetic test image: distinct, easy to predict. */
    private static int value(int x, int y, int c) {
        return (x * 7 + y * 13 + c * 50) & 0xff;
    }

    private static Image synthetic(int w, int h) {
        byte[] b = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    b[(y * w + x) * 3 + c] = (byte) value(x, y, c);
                }
            }
        }
        return Images.fromBgr(b, w, h);
    }

    private static int px(Image img, int x, int y, int c) {
        return img.data().get((y * img.width() + x) * img.channels() + c) & 0xff;
    }

    private static DlErrorCode codeOf(TestData.ThrowingRunnable r) {
        return TestData.dlThrown(r).code();
    }

    @Test
    void decodesEverySharedImageWithTheManifestSize() throws Exception {
        Map<String, int[]> sizes = SharedData.manifestImageSizes();
        assertThat(sizes).hasSize(19).containsKey("faces/obama.jpg");
        assertThat(sizes.get("faces/obama.jpg")).containsExactly(910, 1137);
        for (var e : sizes.entrySet()) {
            Image img = Images.read(SharedData.image(e.getKey()));
            assertThat(new int[] {img.width(), img.height(), img.channels()}).as(e.getKey())
                    .containsExactly(e.getValue()[0], e.getValue()[1], 3);
            // a real photo, not a blank buffer
            ByteBuffer d = img.data();
            int min = 255;
            int max = 0;
            for (int i = 0; i < d.capacity(); i += 97) {
                min = Math.min(min, d.get(i) & 0xff);
                max = Math.max(max, d.get(i) & 0xff);
            }
            assertThat(max - min).as(e.getKey() + " contrast").isGreaterThan(50);
        }
    }

    @Test
    void grayPngBecomesThreeEqualChannels() throws Exception {
        Path png = SharedData.image("people/basketball1.png");
        BufferedImage ref = ImageIO.read(png.toFile());
        assertThat(ref.getRaster().getNumBands()).isEqualTo(1); // the file really is gray
        Image img = Images.read(png);
        assertThat(img.channels()).isEqualTo(3);
        Raster r = ref.getRaster();
        for (int[] p : new int[][] {{0, 0}, {320, 240}, {639, 479}, {100, 400}, {517, 33}}) {
            int g = r.getSample(p[0], p[1], 0);
            for (int c = 0; c < 3; c++) {
                assertThat(px(img, p[0], p[1], c)).isEqualTo(g);
            }
        }
    }

    @Test
    void colourPngPixelsAreBgrAndExact() throws Exception {
        Path png = SharedData.image("people/vtest_frame0000.png");
        BufferedImage ref = ImageIO.read(png.toFile());
        Image img = Images.read(png);
        Random rnd = new Random(7);
        for (int i = 0; i < 200; i++) {
            int x = rnd.nextInt(img.width());
            int y = rnd.nextInt(img.height());
            assertThat(img.rgb(x, y)).isEqualTo(ref.getRGB(x, y) & 0xffffff);
        }
    }

    @Test
    void jpegDecodesCloseToAnIndependentDecoder() throws Exception {
        Path jpg = SharedData.image("faces/two_people.jpg");
        BufferedImage ref = ImageIO.read(jpg.toFile());
        Image img = Images.read(jpg);
        long sum = 0;
        int n = 0;
        for (int y = 0; y < img.height(); y += 7) {
            for (int x = 0; x < img.width(); x += 7) {
                int a = img.rgb(x, y);
                int b = ref.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) {
                    sum += Math.abs((a >> s & 0xff) - (b >> s & 0xff));
                    n++;
                }
            }
        }
        assertThat((double) sum / n).isLessThan(2.0);
    }

    @Test
    void badBytesFailWithDecodeErrorNamingTheInput() throws Exception {
        byte[] jpg = Files.readAllBytes(SharedData.image("faces/obama.jpg"));
        byte[] png = Files.readAllBytes(SharedData.image("people/basketball1.png"));
        byte[] bmp = Files.readAllBytes(SharedData.image("people/squat.bmp"));
        byte[] random = new byte[10_000];
        new Random(42).nextBytes(random);
        Map<String, byte[]> bad = new java.util.LinkedHashMap<>();
        bad.put("empty", new byte[0]);
        bad.put("jpeg-half", Arrays.copyOf(jpg, jpg.length / 2));
        bad.put("jpeg-no-eoi", Arrays.copyOf(jpg, jpg.length - 2));
        bad.put("jpeg-header-only", Arrays.copyOf(jpg, 600));
        bad.put("jpeg-3-bytes", Arrays.copyOf(jpg, 3));
        bad.put("png-half", Arrays.copyOf(png, png.length / 2));
        bad.put("png-no-iend", Arrays.copyOf(png, png.length - 12));
        bad.put("bmp-half", Arrays.copyOf(bmp, bmp.length / 2));
        bad.put("random", random);
        bad.put("text", "hello, not an image".getBytes());
        for (var e : bad.entrySet()) {
            assertThatThrownBy(() -> Images.decode(e.getValue(), e.getKey(), Images.DEFAULT_MAX_PIXELS))
                    .as(e.getKey()).isInstanceOf(DlException.class)
                    .hasMessageContaining("cannot decode " + e.getKey())
                    .satisfies(t -> assertThat(((DlException) t).code()).isEqualTo(DlErrorCode.IMAGE_DECODE_FAILED));
        }
        assertThat(codeOf(() -> Images.decode(null))).isEqualTo(DlErrorCode.IMAGE_DECODE_FAILED);
        assertThat(codeOf(() -> Images.decode(new byte[0]))).isEqualTo(DlErrorCode.IMAGE_DECODE_FAILED);
        // The intact files still decode: the checks above did not reject them for the wrong reason.
        assertThat(Images.decode(jpg).width()).isEqualTo(910);
        assertThat(Images.decode(png).width()).isEqualTo(640);
        assertThat(Images.decode(bmp).width()).isEqualTo(500);
    }

    @Test
    void readOfMissingOrEmptyFileNamesIt(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.jpg");
        assertThatThrownBy(() -> Images.read(missing)).isInstanceOf(DlException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("not found");
        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        assertThatThrownBy(() -> Images.read(empty)).isInstanceOf(DlException.class)
                .hasMessageContaining(empty.toString())
                .satisfies(t -> assertThat(((DlException) t).code()).isEqualTo(DlErrorCode.IMAGE_DECODE_FAILED));
    }

    @Test
    void rejectsTooManyPixelsBeforeDecoding() throws Exception {
        // A 20000x20000 PNG header (400 MP) in 45 bytes: only the header check can stop it.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        out.write(new byte[] {0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0x4E, 0x20, 0, 0, 0x4E, 0x20, 8, 2, 0, 0, 0});
        out.write(new byte[] {0, 0, 0, 0}); // crc (never checked: rejected before)
        out.write(new byte[] {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0, 0, 0, 0});
        assertThatThrownBy(() -> Images.decode(out.toByteArray())).isInstanceOf(DlException.class)
                .hasMessageContaining("20000x20000").hasMessageContaining("over the limit of 50000000");

        byte[] jpg = Files.readAllBytes(SharedData.image("faces/obama.jpg"));
        assertThatThrownBy(() -> Images.decode(jpg, "obama.jpg", 1_000_000)).isInstanceOf(DlException.class)
                .hasMessageContaining("obama.jpg").hasMessageContaining("910x1137")
                .satisfies(t -> assertThat(((DlException) t).code()).isEqualTo(DlErrorCode.IMAGE_DECODE_FAILED));
        assertThat(Images.decode(jpg, "obama.jpg", 910L * 1137).height()).isEqualTo(1137);
    }

    @Test
    void cropCopiesAndClamps() {
        Image img = synthetic(20, 10);
        Image c = Images.crop(img, 2, 3, 4, 5);
        assertThat(new int[] {c.width(), c.height(), c.channels()}).containsExactly(4, 5, 3);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 4; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    assertThat(px(c, x, y, ch)).isEqualTo(value(x + 2, y + 3, ch));
                }
            }
        }
        Image clamped = Images.crop(img, -5, -5, 10, 10);
        assertThat(new int[] {clamped.width(), clamped.height()}).containsExactly(5, 5);
        assertThat(px(clamped, 4, 4, 1)).isEqualTo(value(4, 4, 1));
        Image edge = Images.crop(img, 18, 8, 100, 100);
        assertThat(new int[] {edge.width(), edge.height()}).containsExactly(2, 2);
        assertThat(px(edge, 1, 1, 2)).isEqualTo(value(19, 9, 2));
        // a copy: writing to it leaves the source alone
        c.data().put(0, (byte) 1);
        assertThat(px(img, 2, 3, 0)).isEqualTo(value(2, 3, 0));

        assertThatThrownBy(() -> Images.crop(img, 20, 0, 5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Images.crop(img, -10, 0, 10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Images.crop(img, 0, 0, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resizeIsBilinearWithHalfPixelCentres() throws Exception {
        Image two = Image.allocate(2, 1, 1);
        two.data().put(0, (byte) 0).put(1, (byte) 100);
        Image four = Images.resize(two, 4, 1);
        assertThat(new int[] {px(four, 0, 0, 0), px(four, 1, 0, 0), px(four, 2, 0, 0), px(four, 3, 0, 0)})
                .containsExactly(0, 25, 75, 100);

        Image img = synthetic(64, 48);
        Image half = Images.resize(img, 32, 24);
        assertThat(new int[] {half.width(), half.height(), half.channels()}).containsExactly(32, 24, 3);
        // halving averages each 2x2 block: (x,y) samples source (2x+0.5, 2y+0.5)
        int expected = (value(10, 6, 0) + value(11, 6, 0) + value(10, 7, 0) + value(11, 7, 0) + 2) / 4;
        assertThat(px(half, 5, 3, 0)).isCloseTo(expected, within(1));

        Image flat = Image.allocate(30, 20, 3);
        Images.rectangle(flat, 0, 0, 30, 20, 0x405060, -1);
        Image big = Images.resize(flat, 77, 53);
        assertThat(big.rgb(0, 0)).isEqualTo(0x405060);
        assertThat(big.rgb(76, 52)).isEqualTo(0x405060);
        assertThat(big.rgb(40, 30)).isEqualTo(0x405060);
    }

    @Test
    void warpAffineTranslatesWithBlackBorder() throws Exception {
        Image img = synthetic(10, 8);
        Image moved = Images.warpAffine(img, new double[] {1, 0, 2, 0, 1, 1}, 10, 8);
        assertThat(new int[] {moved.width(), moved.height()}).containsExactly(10, 8);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 10; x++) {
                for (int c = 0; c < 3; c++) {
                    int want = x >= 2 && y >= 1 ? value(x - 2, y - 1, c) : 0;
                    assertThat(px(moved, x, y, c)).as("(%d,%d,%d)", x, y, c).isEqualTo(want);
                }
            }
        }
        // scale by 2 into a larger canvas: (2x, 2y) holds source (x, y)
        Image scaled = Images.warpAffine(img, new double[] {2, 0, 0, 0, 2, 0}, 25, 20);
        assertThat(new int[] {scaled.width(), scaled.height()}).containsExactly(25, 20);
        assertThat(px(scaled, 6, 4, 1)).isEqualTo(value(3, 2, 1));
        assertThat(px(scaled, 24, 19, 0)).isZero(); // outside the source
        assertThatThrownBy(() -> Images.warpAffine(img, new double[4], 5, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toTensorSharesMemory() {
        Image img = synthetic(5, 4);
        Tensor t = img.toTensor();
        assertThat(t.type()).isEqualTo(ElementType.U8);
        assertThat(t.shape()).isEqualTo(Shape.of(1, 4, 5, 3));
        assertThat(t.data().isDirect()).isTrue();
        assertThat(t.data().get(((2 * 5) + 3) * 3 + 1) & 0xff).isEqualTo(value(3, 2, 1));
        t.data().put(0, (byte) 222);
        assertThat(px(img, 0, 0, 0)).isEqualTo(222);
        img.data().put(5, (byte) 111);
        assertThat(t.data().get(5) & 0xff).isEqualTo(111);
        // and back: an image view of a tensor shares it too
        Image view = Image.of(t);
        view.data().put(7, (byte) 77);
        assertThat(px(img, 2, 0, 1)).isEqualTo(77);
        assertThatThrownBy(() -> Image.of(Tensor.of(new float[3], 1, 1, 1, 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toBlobIsNchwWithMeanScaleAndSwap() throws Exception {
        Image img = Images.fromBgr(new byte[] {10, 20, 30, 40, 50, (byte) 200}, 2, 1);
        Tensor plain = Images.toBlob(img, 2, 1, null, null, false);
        assertThat(plain.shape()).isEqualTo(Shape.of(1, 3, 1, 2));
        assertThat(plain.toFloatArray()).containsExactly(10, 40, 20, 50, 30, 200);
        Tensor rgb = Images.toBlob(img, 2, 1, new float[] {1, 2, 3}, new float[] {2, 4, 8}, true);
        // channel 0 = R: (30-1)/2, (200-1)/2; G: (20-2)/4, (50-2)/4; B: (10-3)/8, (40-3)/8
        assertThat(rgb.toFloatArray()).containsExactly(14.5f, 99.5f, 4.5f, 12f, 0.875f, 4.625f);
        Tensor single = Images.toBlob(img, 2, 1, new float[] {127.5f}, new float[] {128f}, false);
        assertThat(single.toFloatArray()[0]).isCloseTo((10 - 127.5f) / 128f, within(1e-6f));
        Tensor resized = Images.toBlob(synthetic(64, 48), 32, 24, null, null, false);
        assertThat(resized.shape()).isEqualTo(Shape.of(1, 3, 24, 32));
        Image gray = Image.allocate(2, 2, 1);
        gray.data().put(3, (byte) 9);
        assertThat(Images.toBlob(gray, 2, 2, null, null, true).toFloatArray())
                .containsExactly(0, 0, 0, 9, 0, 0, 0, 9, 0, 0, 0, 9);
        assertThatThrownBy(() -> Images.toBlob(img, 2, 1, new float[2], null, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromBgrValidatesLength() {
        assertThatThrownBy(() -> Images.fromBgr(new byte[11], 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12");
        assertThat(Images.fromBgr(new byte[12], 2, 2).rgb(1, 1)).isZero();
    }

    @Test
    void encodeAndWriteRoundTrip(@TempDir Path dir) throws Exception {
        Image img = synthetic(31, 17);
        Image png = Images.decode(Images.encode(img, "png"));
        assertThat(png.data()).isEqualTo(img.data());
        Image bmp = Images.decode(Images.encode(img, ".BMP"));
        assertThat(bmp.data()).isEqualTo(img.data());
        byte[] jpgBytes = Images.encode(img, ".jpg");
        assertThat(jpgBytes[0] & 0xff).isEqualTo(0xFF);
        assertThat(Images.decode(jpgBytes).width()).isEqualTo(31);

        Path file = dir.resolve("out.png");
        Images.write(img, file);
        assertThat(Images.read(file).data()).isEqualTo(img.data());
        assertThat(ImageIO.read(file.toFile()).getRGB(3, 2) & 0xffffff).isEqualTo(img.rgb(3, 2));

        // a gray image encodes as gray and decodes back to three equal channels
        Image gray = Image.allocate(8, 8, 1);
        gray.data().put(9, (byte) 180);
        Image back = Images.decode(Images.encode(gray, ".png"));
        assertThat(back.channels()).isEqualTo(3);
        assertThat(back.rgb(1, 1)).isEqualTo(0xB4B4B4);

        assertThatThrownBy(() -> Images.encode(img, ".gif")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".png");
    }

    @Test
    void drawingWritesIntoTheImage() throws Exception {
        Image img = Image.allocate(100, 80, 3);
        Images.rectangle(img, 10, 10, 30, 20, Images.rgb(255, 0, 0), -1);
        assertThat(px(img, 20, 15, 2)).isEqualTo(255); // red is the third byte in BGR
        assertThat(px(img, 20, 15, 0)).isZero();
        assertThat(img.rgb(39, 29)).isEqualTo(0xFF0000); // inclusive of x + w - 1
        assertThat(img.rgb(40, 29)).isZero();
        Images.rectangle(img, 50, 10, 20, 20, Images.bgr(255, 0, 0), 1);
        assertThat(img.rgb(50, 15)).isEqualTo(0x0000FF);
        assertThat(img.rgb(60, 20)).isZero(); // outline only
        Images.line(img, 0, 70, 99, 70, 0x00FF00, 1);
        assertThat(img.rgb(50, 70) >> 8 & 0xff).isGreaterThan(200);
        Images.circle(img, 80, 50, 5, 0xFFFFFF, -1);
        assertThat(img.rgb(80, 50)).isEqualTo(0xFFFFFF);
        Image canvas = Image.allocate(200, 40, 3);
        Images.text(canvas, "face 0.99", 5, 30, 1.0, 0xFFFF00, 2);
        int lit = 0;
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 200; x++) {
                lit += canvas.rgb(x, y) != 0 ? 1 : 0;
            }
        }
        assertThat(lit).isBetween(200, 4000);
        Image gray = Image.allocate(10, 10, 1);
        Images.rectangle(gray, 0, 0, 10, 10, 0xFFFFFF, -1);
        assertThat(gray.rgb(5, 5)).isEqualTo(0xFFFFFF);
    }

    @Test
    void imageValidatesItsShape() {
        assertThatThrownBy(() -> Image.allocate(0, 5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Image.allocate(5, 5, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channels");
        assertThatThrownBy(() -> Image.wrap(ByteBuffer.allocate(12), 2, 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heap");
        assertThatThrownBy(() -> Image.wrap(ByteBuffer.allocateDirect(11), 2, 2, 3))
                .isInstanceOf(IllegalArgumentException.class);
        Image img = synthetic(3, 2);
        assertThat(img.copy().data()).isEqualTo(img.data());
        assertThatThrownBy(() -> img.rgb(3, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
