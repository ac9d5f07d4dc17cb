// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

class TurboJpegTest {
    @BeforeAll
    static void natives() throws Exception {
        Images.loadNatives();
    }

    private static byte[] bytes(Image img) {
        ByteBuffer d = img.data();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    private static ImageHeaders.Info info(byte[] jpeg) throws Exception {
        return ImageHeaders.check(jpeg, "test", ImageHeaders.Limits.of(50_000_000L));
    }

    private static Image viaOpenCv(byte[] jpeg) throws Exception {
        return Images.decodeWithOpenCv(jpeg, "test", info(jpeg));
    }

    private static byte[] encode(Mat m, int... params) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", m, out, new MatOfInt(params));
        return out.toArray();
    }

    @Test
    void theLibraryIsInstalled() {
        assertThat(TurboJpeg.available()).as("libturbojpeg not found: run scripts/install/turbojpeg.sh").isTrue();
        assertThat(TurboJpeg.loadedFrom()).contains("turbojpeg");
    }

    @Test
    void everySharedJpegDecodesToTheSamePixelsAsOpenCv() throws Exception {
        List<Path> jpegs;
        try (Stream<Path> s = Files.walk(SharedData.imagesDir())) {
            jpegs = s.filter(p -> p.toString().toLowerCase().endsWith(".jpg")).sorted().toList();
        }
        assertThat(jpegs).hasSizeGreaterThanOrEqualTo(10);
        for (Path p : jpegs) {
            byte[] b = Files.readAllBytes(p);
            Image fast = TurboJpeg.decode(b, info(b));
            assertThat(fast).as(p.toString()).isNotNull();
            Image cv = viaOpenCv(b);
            assertThat(fast.width()).isEqualTo(cv.width());
            assertThat(fast.height()).isEqualTo(cv.height());
            assertThat(fast.channels()).isEqualTo(3);
            assertThat(bytes(fast)).as(p.toString()).isEqualTo(bytes(cv));
            // the public entry point takes the fast path and gives the same
            assertThat(bytes(Images.decode(b))).isEqualTo(bytes(cv));
        }
    }

    @Test
    void grayAndProgressiveJpegsToo() throws Exception {
        Image photo = Images.decode(Files.readAllBytes(SharedData.image("faces/two_people.jpg")));
        Mat bgr = Mats.view(photo);
        Mat gray = new Mat();
        org.opencv.imgproc.Imgproc.cvtColor(bgr, gray, org.opencv.imgproc.Imgproc.COLOR_BGR2GRAY);
        List<byte[]> jpegs = List.of(encode(gray), encode(bgr, Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1),
                encode(gray, Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1));
        java.lang.ref.Reference.reachabilityFence(photo); // the Mat is a view of its memory
        for (byte[] b : jpegs) {
            Image fast = TurboJpeg.decode(b, info(b));
            assertThat(fast).isNotNull();
            assertThat(fast.channels()).isEqualTo(3);
            assertThat(bytes(fast)).isEqualTo(bytes(viaOpenCv(b)));
        }
    }

    /** messi5.jpg re-encoded by OpenCV: no Exif segment. */
    private static byte[] plainJpeg() throws Exception {
        Image img = Images.decode(Files.readAllBytes(SharedData.image("people/messi5.jpg")));
        byte[] b = encode(Mats.view(img));
        java.lang.ref.Reference.reachabilityFence(img);
        return b;
    }

    /** {@code jpeg} with an APP1 Exif segment (TIFF IFD0 holding only an orientation) right after SOI. */
    static byte[] withOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        java.util.function.IntConsumer u16 = v -> {
            if (littleEndian) {
                tiff.write(v & 0xFF);
                tiff.write(v >> 8);
            } else {
                tiff.write(v >> 8);
                tiff.write(v & 0xFF);
            }
        };
        tiff.writeBytes(littleEndian ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
        u16.accept(42);
        u16.accept(littleEndian ? 8 : 0); // IFD0 at offset 8 (u32)
        u16.accept(littleEndian ? 0 : 8);
        u16.accept(1); // one entry
        u16.accept(0x0112); // orientation
        u16.accept(3); // SHORT
        u16.accept(littleEndian ? 1 : 0); // count 1 (u32)
        u16.accept(littleEndian ? 0 : 1);
        u16.accept(orientation);
        u16.accept(0);
        u16.accept(0); // no next IFD (u32)
        u16.accept(0);
        byte[] t = tiff.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        int len = 2 + 6 + t.length;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (len >> 8), (byte) len, 'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(t);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    @Test
    void anOrientedImageIsLeftToOpenCvWhichRotatesIt() throws Exception {
        byte[] plain = plainJpeg();
        assertThat(TurboJpeg.exifOrientation(plain)).isEqualTo(1);
        for (boolean le : new boolean[] {true, false}) {
            byte[] rotated = withOrientation(plain, 6, le);
            assertThat(TurboJpeg.exifOrientation(rotated)).isEqualTo(6);
            assertThat(TurboJpeg.decode(rotated, info(rotated))).isNull();
            Image img = Images.decode(rotated);
            assertThat(img.width()).isEqualTo(342); // 548x342 turned a quarter
            assertThat(img.height()).isEqualTo(548);
            byte[] upright = withOrientation(plain, 1, le);
            assertThat(TurboJpeg.exifOrientation(upright)).isEqualTo(1);
            assertThat(TurboJpeg.decode(upright, info(upright))).isNotNull();
        }
    }

    @Test
    void anUnreadableExifSegmentMeansOpenCvDecides() throws Exception {
        byte[] plain = plainJpeg();
        byte[] good = withOrientation(plain, 3, true);
        byte[] badOrder = good.clone();
        badOrder[12] = 'X'; // neither II nor MM (the TIFF header follows SOI, APP1, length and "Exif\0\0")
        assertThat(TurboJpeg.exifOrientation(badOrder)).isZero();
        byte[] farIfd = good.clone();
        farIfd[16] = (byte) 0xF0; // IFD0 offset beyond the segment
        assertThat(TurboJpeg.exifOrientation(farIfd)).isZero();
        byte[] badValue = good.clone();
        badValue[30] = 9; // orientation 9 does not exist
        assertThat(TurboJpeg.exifOrientation(badValue)).isZero();
        assertThat(TurboJpeg.exifOrientation(java.util.Arrays.copyOf(good, 12))).isZero();
        assertThat(TurboJpeg.decode(badOrder, info(badOrder))).isNull();
    }
}
