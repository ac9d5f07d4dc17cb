// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.testing;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Makes test images with the JDK's own encoders (ImageIO: libjpeg 6b for JPEG, pure Java for PNG and BMP) and edits
 * encoded files at the byte level (EXIF orientation, repeated scans, truncation, bit flips). Used by the image tests,
 * the fuzz seeds and the hostile-input corpus; nothing binary is committed. Stateless and thread-safe.
 */
public final class ImageForge {
    private ImageForge() {
    }

    /** JPEG of {@code img} at {@code quality} (0-1), progressive or baseline, with a restart interval (0 = none). */
    public static byte[] jpeg(BufferedImage img, float quality, boolean progressive, int restartInterval) {
        ImageWriter w = writer("jpeg");
        try {
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            if (progressive) {
                p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), p);
            if (restartInterval > 0) {
                String f = "javax_imageio_jpeg_image_1.0";
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(f);
                IIOMetadataNode seq = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restartInterval));
                seq.insertBefore(dri, seq.getFirstChild());
                meta.setFromTree(f, root);
            }
            return write(w, new IIOImage(img, null, meta), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            w.dispose();
        }
    }

    /**
     * A 4-channel CMYK JPEG as Photoshop writes it: an Adobe APP14 segment (transform 0: no colour transform) and the
     * planes stored inverted (255 = no ink), here C, M, Y = the inverted R, G, B and no black ink.
     */
    public static byte[] cmykJpeg(BufferedImage rgb, float quality) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = rgb.getRGB(x, y);
                r.setPixel(x, y, new int[] {p >> 16 & 0xff, p >> 8 & 0xff, p & 0xff, 255});
            }
        }
        ImageWriter wr = writer("jpeg");
        try {
            ImageWriteParam p = wr.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            byte[] adobe = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
            return insertSegment(write(wr, new IIOImage(r, null, null), p), 0xEE, adobe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            wr.dispose();
        }
    }

    /** PNG of {@code img}, Adam7-interlaced if asked. */
    public static byte[] png(BufferedImage img, boolean interlaced) {
        ImageWriter w = writer("png");
        try {
            ImageWriteParam p = w.getDefaultWriteParam();
            if (interlaced) {
                p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            return write(w, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            w.dispose();
        }
    }

    /** BMP (24-bit, uncompressed) of {@code img}. */
    public static byte[] bmp(BufferedImage img) {
        BufferedImage rgb = convert(img, BufferedImage.TYPE_3BYTE_BGR);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(rgb, "bmp", out)) {
                throw new IllegalStateException("no BMP writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code img} redrawn into a new image of {@code type} (e.g. TYPE_BYTE_GRAY, TYPE_INT_ARGB). */
    public static BufferedImage convert(BufferedImage img, int type) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), type);
        var g = out.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return out;
    }

    /** A 16-bit-per-channel RGB (or, with {@code alpha}, RGBA) copy of {@code img} (low byte = high byte). */
    public static BufferedImage sixteenBit(BufferedImage img, boolean alpha) {
        int w = img.getWidth();
        int h = img.getHeight();
        ColorSpace cs = ColorSpace.getInstance(ColorSpace.CS_sRGB);
        ComponentColorModel cm = new ComponentColorModel(cs, alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(w, h);
        int[] px = new int[alpha ? 4 : 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                px[0] = (p >> 16 & 0xff) * 257;
                px[1] = (p >> 8 & 0xff) * 257;
                px[2] = (p & 0xff) * 257;
                if (alpha) {
                    px[3] = (x + y) % 2 == 0 ? 65535 : 32768;
                }
                r.setPixel(x, y, px);
            }
        }
        return new BufferedImage(cm, r, false, null);
    }

    /** A 16-bit gray copy of {@code img}. */
    public static BufferedImage gray16(BufferedImage img) {
        BufferedImage g8 = convert(img, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = out.getRaster();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                r.setSample(x, y, 0, g8.getRaster().getSample(x, y, 0) * 257);
            }
        }
        return out;
    }

    /** The JPEG with an EXIF APP1 segment (little-endian TIFF, one Orientation tag) inserted after SOI. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8); // header, IFD0 at 8
        tiff.putShort((short) 1); // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        byte[] exif = new byte[6 + tiff.capacity()];
        System.arraycopy("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        return insertSegment(jpeg, 0xE1, exif);
    }

    /** The JPEG with a marker segment {@code FF marker len payload} inserted right after SOI. */
    public static byte[] insertSegment(byte[] jpeg, int marker, byte[] payload) {
        int len = payload.length + 2;
        byte[] out = new byte[jpeg.length + 2 + len];
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        out[2] = (byte) 0xFF;
        out[3] = (byte) marker;
        out[4] = (byte) (len >> 8);
        out[5] = (byte) len;
        System.arraycopy(payload, 0, out, 6, payload.length);
        System.arraycopy(jpeg, 2, out, 6 + payload.length, jpeg.length - 2);
        return out;
    }

    /** Where each scan (its SOS marker) starts, and where the EOI marker is: the last element. */
    public static int[] scanOffsets(byte[] jpeg) {
        List<Integer> at = new ArrayList<>();
        int p = 2;
        while (p + 2 <= jpeg.length) {
            if ((jpeg[p] & 0xff) != 0xFF) {
                throw new IllegalArgumentException("no marker at " + p);
            }
            int m = jpeg[p + 1] & 0xff;
            if (m == 0xD9) {
                at.add(p);
                break;
            }
            int len = (jpeg[p + 2] & 0xff) << 8 | (jpeg[p + 3] & 0xff);
            if (m == 0xDA) {
                at.add(p);
                int q = p + 2 + len;
                while (q + 1 < jpeg.length && !((jpeg[q] & 0xff) == 0xFF && (jpeg[q + 1] & 0xff) != 0
                        && ((jpeg[q + 1] & 0xff) < 0xD0 || (jpeg[q + 1] & 0xff) > 0xD7))) {
                    q++;
                }
                p = q;
            } else {
                p += 2 + len;
            }
        }
        return at.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The progressive JPEG with its scans from index {@code from} (0-based) to the last repeated {@code times} more
     * times before the EOI: what a decode-cost attack looks like (libjpeg warns and decodes every repeat).
     */
    public static byte[] repeatScans(byte[] jpeg, int from, int times) {
        int[] at = scanOffsets(jpeg);
        int eoi = at[at.length - 1];
        byte[] tail = Arrays.copyOfRange(jpeg, at[from], eoi);
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + tail.length * times);
        out.write(jpeg, 0, eoi);
        for (int i = 0; i < times; i++) {
            out.write(tail, 0, tail.length);
        }
        out.write(jpeg, eoi, jpeg.length - eoi);
        return out.toByteArray();
    }

    /**
     * The progressive JPEG with {@code count} extra scans inserted before the EOI, each an AC scan of the first
     * component made only of maximal end-of-band runs (a one-code Huffman table of EOB14): about 60 bytes a scan, yet
     * libjpeg visits every block of the component in each. This is the cheap-to-send, costly-to-decode file of issue 8
     * (2.9 MB, 92 s of CPU). {@code width} and {@code height} are the JPEG's size.
     */
    public static byte[] eobRunScans(byte[] jpeg, int width, int height, int count) {
        int[] at = scanOffsets(jpeg);
        int eoi = at[at.length - 1];
        int firstId = firstComponentId(jpeg);
        long blocks = (long) ((width + 7) / 8) * ((height + 7) / 8);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int acc = 0;
        int n = 0;
        for (long left = blocks; left > 0; left -= 32767) {
            int code = 0x3FFF; // "0" (the only code, symbol 0xE0 = EOB run of 2^14) + 14 bits of 1 = run 32767
            for (int i = 14; i >= 0; i--) {
                acc = acc << 1 | (code >> i & 1);
                if (++n == 8) {
                    data.write(acc);
                    if (acc == 0xFF) {
                        data.write(0);
                    }
                    acc = 0;
                    n = 0;
                }
            }
        }
        if (n > 0) {
            acc = acc << (8 - n) | ((1 << (8 - n)) - 1);
            data.write(acc);
            if (acc == 0xFF) {
                data.write(0);
            }
        }
        byte[] body = data.toByteArray();
        byte[] dht = {(byte) 0xFF, (byte) 0xC4, 0, 20, 0x13, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            (byte) 0xE0};
        byte[] sos = {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, (byte) firstId, 0x03, 1, 63, 0};
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + count * (sos.length + body.length));
        out.write(jpeg, 0, eoi);
        out.write(dht, 0, dht.length);
        for (int i = 0; i < count; i++) {
            out.write(sos, 0, sos.length);
            out.write(body, 0, body.length);
        }
        out.write(jpeg, eoi, jpeg.length - eoi);
        return out.toByteArray();
    }

    private static int firstComponentId(byte[] jpeg) {
        int p = 2;
        while (p + 4 <= jpeg.length) {
            int m = jpeg[p + 1] & 0xff;
            int len = (jpeg[p + 2] & 0xff) << 8 | (jpeg[p + 3] & 0xff);
            if (m == 0xC0 || m == 0xC1 || m == 0xC2) {
                return jpeg[p + 10] & 0xff;
            }
            p += 2 + len;
        }
        throw new IllegalArgumentException("no frame header");
    }

    /** The first {@code n} bytes followed by an EOI marker: a truncated transfer that still "ends" properly. */
    public static byte[] truncateWithEoi(byte[] jpeg, int n) {
        byte[] out = Arrays.copyOf(jpeg, n + 2);
        out[n] = (byte) 0xFF;
        out[n + 1] = (byte) 0xD9;
        return out;
    }

    /** The header up to and including the first SOS segment, then {@code bodyBytes} random bytes, then EOI. */
    public static byte[] randomBody(byte[] jpeg, int bodyBytes, long seed) {
        int sos = scanOffsets(jpeg)[0];
        int len = (jpeg[sos + 2] & 0xff) << 8 | (jpeg[sos + 3] & 0xff);
        int start = sos + 2 + len;
        byte[] out = Arrays.copyOf(jpeg, start + bodyBytes + 2);
        byte[] body = new byte[bodyBytes];
        new java.util.Random(seed).nextBytes(body);
        System.arraycopy(body, 0, out, start, bodyBytes);
        out[start + bodyBytes] = (byte) 0xFF;
        out[start + bodyBytes + 1] = (byte) 0xD9;
        return out;
    }

    /** A copy with bit {@code bit} (0-7) of byte {@code at} flipped. */
    public static byte[] flipBit(byte[] data, int at, int bit) {
        byte[] out = data.clone();
        out[at] ^= (byte) (1 << bit);
        return out;
    }

    /** Where the first IDAT chunk's data starts, and how long it is, in a PNG. */
    public static int[] firstIdat(byte[] png) {
        int p = 8;
        while (p + 8 <= png.length) {
            int len = ByteBuffer.wrap(png, p, 4).getInt();
            String type = new String(png, p + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (type.equals("IDAT")) {
                return new int[] {p + 8, len};
            }
            p += 12 + len;
        }
        throw new IllegalArgumentException("no IDAT");
    }

    private static ImageWriter writer(String format) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
        if (!it.hasNext()) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return it.next();
    }

    private static byte[] write(ImageWriter w, IIOImage img, ImageWriteParam p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            w.setOutput(ios);
            w.write(null, img, p);
        }
        return out.toByteArray();
    }
}
