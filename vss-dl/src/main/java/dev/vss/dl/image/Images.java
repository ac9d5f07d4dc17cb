// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.image;

import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.ElementType;
import dev.vss.dl.Shape;
import dev.vss.dl.Tensor;
import dev.vss.dl.Untrusted;
import dev.vss.dl.internal.OpenCvNatives;
import dev.vss.models.BaseSettings;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Decoding, encoding, geometry, drawing and blob conversion of {@link Image}s, backed by OpenCV (its natives are
 * loaded on first use through {@link OpenCvNatives}; that is why most methods throw {@link DlException}).
 *
 * <pre>{@code
 * Image img = Images.read(Path.of("cam1.jpg"));                       // always 3-channel BGR
 * Tensor nhwc = img.toTensor();                                        // u8 [1,h,w,3], same memory
 * Tensor blob = Images.toBlob(img, 640, 640, null, null, false);      // f32 [1,3,640,640], BGR 0-255
 * Images.rectangle(img, 10, 10, 100, 80, 0x00FF00, 2);                // draws in place
 * Files.write(Path.of("out.jpg"), Images.encode(img, ".jpg"));
 * }</pre>
 *
 * <p>Every method returns a new image except the drawing helpers, which draw into the given one. Stateless and
 * thread-safe; concurrent calls may share an input image but must not draw on an image that another thread reads.
 * Colours are given as 0xRRGGBB ints ({@link #rgb(int, int, int)}, {@link #bgr(int, int, int)}).
 */
public final class Images {
    /** Default limit of {@link #decode(byte[])}: 50 megapixels (a 50 MP BGR image takes 150 MB). */
    public static final long DEFAULT_MAX_PIXELS = BaseSettings.DEFAULT_MAX_PIXELS;
    /** System property overriding {@link #DEFAULT_MAX_PIXELS} (read by vss-bl's settings, named in messages). */
    public static final String PROP_MAX_PIXELS = "vss.image.max-pixels";

    private static final Set<String> ENCODINGS = Set.of(".jpg", ".jpeg", ".png", ".bmp");

    private Images() {
    }

    /**
     * Loads the image library's natives now (they otherwise load on first use): a runtime calls this at init so that
     * the first request's decode does not pay for it.
     *
     * @throws DlException RUNTIME_NOT_FOUND saying which variable fixes it
     */
    public static void loadNatives() throws DlException {
        OpenCvNatives.load();
    }

    /** The pixel limit of {@link #decode(byte[])} and {@link #read(Path)}: {@link BaseSettings#maxPixels()}. */
    public static long maxPixels() {
        return BaseSettings.current().maxPixels();
    }

    /** Reads and decodes an image file (JPEG, PNG, BMP) to BGR with the default pixel limit. */
    public static Image read(Path file) throws DlException {
        return read(file, maxPixels());
    }

    /**
     * Reads and decodes an image file to 3-channel BGR.
     *
     * @throws DlException IMAGE_DECODE_FAILED naming the file if it cannot be read, is not a complete JPEG, PNG or
     *                     BMP, or has more than {@code maxPixels} pixels
     */
    public static Image read(Path file, long maxPixels) throws DlException {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 64) {
                throw ImageHeaders.fail(file.toString(), "file of " + Files.size(file) + " bytes is over 2 GiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw ImageHeaders.fail(file.toString(), "file not found");
        } catch (IOException e) {
            throw new DlException(DlErrorCode.IMAGE_DECODE_FAILED, "cannot read " + Untrusted.clip(file) + ": "
                    + e.getClass().getSimpleName(), e);
        }
        return decode(bytes, file.toString(), maxPixels);
    }

    /** Decodes JPEG, PNG or BMP bytes to 3-channel BGR with the default pixel limit. */
    public static Image decode(byte[] bytes) throws DlException {
        return decode(bytes, bytes == null ? "image bytes" : "image bytes (" + bytes.length + " bytes)", maxPixels());
    }

    /**
     * Decodes JPEG, PNG or BMP bytes to 3-channel BGR (gray, 16-bit, alpha, CMYK and palette images are converted;
     * EXIF orientation is applied; YCbCr and gray JPEGs go through libjpeg-turbo's SIMD build when it is installed,
     * {@link TurboJpeg}, with the same pixels as OpenCV's). The data is checked in Java first: unknown formats,
     * truncated or corrupt data (every JPEG scan and PNG row is walked, PNG CRCs checked), images over
     * {@code maxPixels} and progressive JPEGs
     * over the decode budget (at most {@value ImageHeaders#DEFAULT_MAX_SCANS} scans by default, property
     * {@code vss.image.max-jpeg-scans}, and {@value ImageHeaders#SCAN_PIXELS_PER_PIXEL} × maxPixels pixels decoded over
     * all scans) are rejected before OpenCV allocates or decodes anything; a damaged upload never becomes a gray,
     * "covered" picture.
     *
     * @param name      names the input in error messages (a file name or storage key)
     * @param maxPixels largest width × height accepted
     * @throws DlException IMAGE_DECODE_FAILED naming the input
     */
    public static Image decode(byte[] bytes, String name, long maxPixels) throws DlException {
        String what = name == null ? "image bytes" : name;
        ImageHeaders.Info info = checked(bytes, what, maxPixels);
        if (info.format() == ImageHeaders.Format.JPEG) {
            Image fast = TurboJpeg.decode(bytes, info);
            if (fast != null) {
                return fast;
            }
        }
        return decodeWithOpenCv(bytes, what, info);
    }

    /** The Java checks before any decoding: bytes present, header, structure, limits. */
    private static ImageHeaders.Info checked(byte[] bytes, String what, long maxPixels) throws DlException {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels: " + maxPixels + " is not positive");
        }
        if (bytes == null || bytes.length == 0) {
            throw ImageHeaders.fail(what, "no bytes (empty input)");
        }
        return ImageHeaders.check(bytes, what, ImageHeaders.Limits.of(maxPixels));
    }

    /** OpenCV's decoder (also JPEGs TurboJPEG declines); {@code info} is the checked header. */
    static Image decodeWithOpenCv(byte[] bytes, String what, ImageHeaders.Info info) throws DlException {
        OpenCvNatives.load();
        MatOfByte buf = new MatOfByte(bytes);
        Mat m = null;
        try {
            m = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_COLOR);
            if (m.empty()) {
                throw ImageHeaders.fail(what, "OpenCV could not decode the " + info.format() + " data");
            }
            return Mats.copyOf(m);
        } catch (org.opencv.core.CvException e) {
            throw new DlException(DlErrorCode.IMAGE_DECODE_FAILED, "cannot decode " + Untrusted.clip(what) + ": "
                    + Untrusted.clip(e.getMessage(), 200), e);
        } finally {
            buf.release();
            if (m != null) {
                m.release();
            }
        }
    }

    /**
     * Checks encoded bytes as {@link #decode(byte[], String, long)} does before decoding (format, size, every JPEG scan
     * and PNG row present and consistent, decode budget) without decoding pixels; pure Java, no native call.
     *
     * @return "FORMAT WIDTHxHEIGHT", e.g. "JPEG 1126x661"
     * @throws DlException IMAGE_DECODE_FAILED saying what is wrong
     */
    public static String check(byte[] bytes, String name, long maxPixels) throws DlException {
        String what = name == null ? "image bytes" : name;
        ImageHeaders.Info info = checked(bytes, what, maxPixels);
        return info.format() + " " + info.width() + "x" + info.height();
    }

    /**
     * A BGR image holding a copy of {@code hwc} (rows top to bottom, 3 bytes a pixel in B, G, R order).
     *
     * @throws IllegalArgumentException if the length is not width × height × 3
     */
    public static Image fromBgr(byte[] hwc, int width, int height) {
        Objects.requireNonNull(hwc, "hwc");
        Image img = Image.allocate(width, height, 3);
        if (hwc.length != img.byteSize()) {
            throw new IllegalArgumentException("hwc: " + hwc.length + " bytes, a " + width + "x" + height
                    + " BGR image needs " + img.byteSize());
        }
        img.data().put(hwc);
        return img;
    }

    /** The image scaled to {@code width} × {@code height} with bilinear interpolation. */
    public static Image resize(Image img, int width, int height) throws DlException {
        Objects.requireNonNull(img, "img");
        requireSize(width, height);
        if (width == img.width() && height == img.height()) {
            return img.copy();
        }
        OpenCvNatives.load();
        Image out = Image.allocate(width, height, img.channels());
        Mat src = Mats.view(img);
        Mat dst = Mats.view(out);
        try {
            Imgproc.resize(src, dst, new Size(width, height), 0, 0, Imgproc.INTER_LINEAR);
            return out;
        } finally {
            src.release();
            dst.release();
            Reference.reachabilityFence(img);
        }
    }

    /**
     * A copy of the rectangle (x, y, width, height) clipped to the image.
     *
     * @throws IllegalArgumentException if nothing of the rectangle lies inside the image
     */
    public static Image crop(Image img, int x, int y, int width, int height) {
        Objects.requireNonNull(img, "img");
        long x0 = Math.max(0, (long) x);
        long y0 = Math.max(0, (long) y);
        long x1 = Math.min(img.width(), (long) x + width);
        long y1 = Math.min(img.height(), (long) y + height);
        if (width <= 0 || height <= 0 || x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException("crop: rectangle (" + x + ", " + y + ", " + width + "x" + height
                    + ") has nothing inside the " + img.width() + "x" + img.height() + " image");
        }
        int w = (int) (x1 - x0);
        int h = (int) (y1 - y0);
        int c = img.channels();
        Image out = Image.allocate(w, h, c);
        ByteBuffer src = img.data();
        ByteBuffer dst = out.data();
        int rowBytes = w * c;
        for (int r = 0; r < h; r++) {
            int from = (int) (((y0 + r) * img.width() + x0) * c);
            dst.put(r * rowBytes, src, from, rowBytes);
        }
        return out;
    }

    /**
     * The image warped by the 2×3 affine matrix {@code m} (row-major, mapping source to destination coordinates as in
     * OpenCV's {@code warpAffine}), bilinear, pixels from outside the source are black.
     */
    public static Image warpAffine(Image img, double[] m, int outWidth, int outHeight) throws DlException {
        Objects.requireNonNull(img, "img");
        Objects.requireNonNull(m, "m");
        if (m.length != 6) {
            throw new IllegalArgumentException("m: " + m.length + " values, a 2x3 affine matrix has 6");
        }
        requireSize(outWidth, outHeight);
        OpenCvNatives.load();
        Image out = Image.allocate(outWidth, outHeight, img.channels());
        Mat mat = new Mat(2, 3, CvType.CV_64F);
        Mat src = Mats.view(img);
        Mat dst = Mats.view(out);
        try {
            mat.put(0, 0, m);
            Imgproc.warpAffine(src, dst, mat, new Size(outWidth, outHeight), Imgproc.INTER_LINEAR,
                    Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
            return out;
        } finally {
            mat.release();
            src.release();
            dst.release();
            Reference.reachabilityFence(img);
        }
    }

    /**
     * Encodes the image; {@code ext} is ".jpg"/".jpeg" (quality 95), ".png" or ".bmp" (leading dot optional).
     *
     * @throws IllegalArgumentException for another extension
     */
    public static byte[] encode(Image img, String ext) throws DlException {
        Objects.requireNonNull(img, "img");
        String e = normalizeExt(ext);
        OpenCvNatives.load();
        Mat src = Mats.view(img);
        MatOfByte buf = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(e, src, buf)) {
                throw new DlException(DlErrorCode.NATIVE_ERROR, "OpenCV could not encode " + img + " as " + e);
            }
            return buf.toArray();
        } finally {
            src.release();
            buf.release();
            Reference.reachabilityFence(img);
        }
    }

    /** Encodes the image by the file's extension (.jpg, .jpeg, .png, .bmp) and writes it. */
    public static void write(Image img, Path file) throws DlException, IOException {
        Objects.requireNonNull(file, "file");
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("file: '" + n + "' has no extension; use one of " + ENCODINGS);
        }
        Files.write(file, encode(img, n.substring(dot)));
    }

    /** Draws a rectangle outline of {@code thickness} px, or a filled one if thickness is negative. */
    public static void rectangle(Image img, int x, int y, int width, int height, int rgb, int thickness)
            throws DlException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size: rectangle of " + width + "x" + height + " is empty");
        }
        draw(img, m -> Imgproc.rectangle(m, new Point(x, y), new Point(x + width - 1.0, y + height - 1.0),
                color(img, rgb), thickness(thickness), Imgproc.LINE_8));
    }

    /** Draws a circle outline of {@code thickness} px, or a filled disc if thickness is negative. */
    public static void circle(Image img, int cx, int cy, int radius, int rgb, int thickness) throws DlException {
        if (radius < 0) {
            throw new IllegalArgumentException("radius: " + radius + " is negative");
        }
        draw(img, m -> Imgproc.circle(m, new Point(cx, cy), radius, color(img, rgb), thickness(thickness),
                Imgproc.LINE_AA));
    }

    /** Draws a line of {@code thickness} px (at least 1). */
    public static void line(Image img, int x1, int y1, int x2, int y2, int rgb, int thickness) throws DlException {
        draw(img, m -> Imgproc.line(m, new Point(x1, y1), new Point(x2, y2), color(img, rgb),
                Math.max(1, thickness), Imgproc.LINE_AA));
    }

    /**
     * Draws {@code text} (ASCII; Hershey simplex font) with its baseline starting at (x, y); {@code scale} 1.0 is
     * about 22 px high.
     */
    public static void text(Image img, String text, int x, int y, double scale, int rgb, int thickness)
            throws DlException {
        Objects.requireNonNull(text, "text");
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale: " + scale + " is not positive");
        }
        draw(img, m -> Imgproc.putText(m, text, new Point(x, y), Imgproc.FONT_HERSHEY_SIMPLEX, scale,
                color(img, rgb), Math.max(1, thickness), Imgproc.LINE_AA));
    }

    /** Packs a colour as 0xRRGGBB. */
    public static int rgb(int r, int g, int b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    /** Packs a colour given in OpenCV's (b, g, r) order as 0xRRGGBB. */
    public static int bgr(int b, int g, int r) {
        return rgb(r, g, b);
    }

    /**
     * A network input blob: the image resized (bilinear) to {@code width} × {@code height}, optionally with red and blue
     * swapped (BGR → RGB), then {@code (x - mean) / scale} per channel, as an f32 NCHW tensor [1, 3, height, width].
     * {@code mean} and {@code scale} hold 1 or 3 values in the blob's channel order (after the swap), or are null
     * (0 and 1). A gray image is repeated into three channels. No resize happens when the size already matches.
     */
    public static Tensor toBlob(Image img, int width, int height, float[] mean, float[] scale, boolean swapRB)
            throws DlException {
        Objects.requireNonNull(img, "img");
        requireSize(width, height);
        float[] mu = perChannel("mean", mean, 0f);
        float[] sd = perChannel("scale", scale, 1f);
        for (float s : sd) {
            if (s == 0f) {
                throw new IllegalArgumentException("scale: 0 would divide by zero");
            }
        }
        Image src = img.width() == width && img.height() == height ? img : resize(img, width, height);
        int c = src.channels();
        int plane = width * height;
        Tensor out = Tensor.allocate(ElementType.F32, Shape.of(1, 3, height, width));
        if (c == 3 && !swapRB && mean == null && scale == null) {
            planes(src, out); // BGR 0-255 as it is: the common case (Open Model Zoo IRs), done natively
            return out;
        }
        FloatBuffer dst = out.asFloatBuffer();
        ByteBuffer px = src.data();
        for (int ch = 0; ch < 3; ch++) {
            int from = c == 1 ? 0 : (swapRB ? 2 - ch : ch);
            float m = mu[ch];
            float s = sd[ch];
            int base = ch * plane;
            for (int i = 0; i < plane; i++) {
                dst.put(base + i, ((px.get(i * c + from) & 0xff) - m) / s);
            }
        }
        return out;
    }

    /**
     * {@code src} (BGR, u8, HWC) into {@code out}'s three f32 planes: split into u8 planes, then each converted straight
     * into its tensor plane, with no f32 copy of the whole image in between.
     */
    private static void planes(Image src, Tensor out) throws DlException {
        OpenCvNatives.load();
        int w = src.width();
        int h = src.height();
        int plane = w * h * Float.BYTES;
        ByteBuffer data = out.data();
        Mat in = Mats.view(src);
        List<Mat> u8 = new java.util.ArrayList<>(3);
        try {
            Core.split(in, u8);
            for (int ch = 0; ch < 3; ch++) {
                Mat dst = new Mat(h, w, CvType.CV_32FC1, data.slice(ch * plane, plane));
                try {
                    u8.get(ch).convertTo(dst, CvType.CV_32F); // writes into the tensor's plane: same size and type
                } finally {
                    dst.release();
                }
            }
        } finally {
            in.release();
            u8.forEach(Mat::release);
            Reference.reachabilityFence(src);
            Reference.reachabilityFence(out);
        }
    }

    private static float[] perChannel(String name, float[] v, float dflt) {
        if (v == null) {
            return new float[] {dflt, dflt, dflt};
        }
        if (v.length == 1) {
            return new float[] {v[0], v[0], v[0]};
        }
        if (v.length == 3) {
            return v.clone();
        }
        throw new IllegalArgumentException(name + ": " + v.length + " values, expected 1 or 3");
    }

    private interface MatOp {
        void apply(Mat m);
    }

    private static void draw(Image img, MatOp op) throws DlException {
        Objects.requireNonNull(img, "img");
        OpenCvNatives.load();
        Mat m = Mats.view(img);
        try {
            op.apply(m);
        } finally {
            m.release();
            Reference.reachabilityFence(img);
        }
    }

    private static Scalar color(Image img, int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        if (img.channels() == 1) {
            return new Scalar(Math.round(0.299 * r + 0.587 * g + 0.114 * b));
        }
        return new Scalar(b, g, r);
    }

    private static int thickness(int t) {
        return t < 0 ? Imgproc.FILLED : Math.max(1, t);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static void requireSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size: " + width + "x" + height + " is empty");
        }
    }

    private static String normalizeExt(String ext) {
        Objects.requireNonNull(ext, "ext");
        String e = ext.toLowerCase(Locale.ROOT);
        if (!e.startsWith(".")) {
            e = "." + e;
        }
        if (!ENCODINGS.contains(e)) {
            throw new IllegalArgumentException("ext: '" + ext + "' is not one of " + ENCODINGS);
        }
        return e;
    }
}
