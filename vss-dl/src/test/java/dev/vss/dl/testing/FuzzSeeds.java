// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the small seed inputs of the image fuzz test (committed under
 * {@code vss-dl/src/test/resources/dev/vss/dl/image/ImageChecksFuzzTestInputs/checkedBytesDecodeOrFailCleanly/}):
 * a drawn 40×30 picture (no shared photo is committed, not even a crop) in every format and variant the checks know,
 * and a damaged one. Run: {@code java -cp <test classpath> dev.vss.dl.testing.FuzzSeeds <dir>}.
 */
public final class FuzzSeeds {
    private FuzzSeeds() {
    }

    /** A small drawn picture: a colour gradient with a disc and a bar, so that every JPEG block has content. */
    public static BufferedImage drawn(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | ((x + y) * 4 & 0xff));
            }
        }
        var g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(0, h * 2 / 3, w, Math.max(1, h / 10));
        g.dispose();
        return img;
    }

    /** Seed name → bytes. */
    public static Map<String, byte[]> seeds() {
        BufferedImage img = drawn(40, 30);
        BufferedImage gray = ImageForge.convert(img, BufferedImage.TYPE_BYTE_GRAY);
        Map<String, byte[]> s = new LinkedHashMap<>();
        byte[] base = ImageForge.jpeg(img, 0.8f, false, 0);
        byte[] prog = ImageForge.jpeg(img, 0.8f, true, 0);
        s.put("baseline.jpg", base);
        s.put("progressive.jpg", prog);
        s.put("restart2.jpg", ImageForge.jpeg(img, 0.8f, false, 2));
        s.put("progressive-restart1.jpg", ImageForge.jpeg(img, 0.8f, true, 1));
        s.put("gray-progressive.jpg", ImageForge.jpeg(gray, 0.8f, true, 0));
        s.put("cmyk.jpg", ImageForge.cmykJpeg(img, 0.8f));
        s.put("exif6.jpg", ImageForge.withExifOrientation(base, 6));
        s.put("truncated-eoi.jpg", ImageForge.truncateWithEoi(base, base.length * 2 / 3));
        s.put("rgb.png", ImageForge.png(img, false));
        s.put("rgba16-interlaced.png", ImageForge.png(ImageForge.sixteenBit(img, true), true));
        s.put("palette.png", ImageForge.png(ImageForge.convert(img, BufferedImage.TYPE_BYTE_INDEXED), false));
        s.put("gray16.png", ImageForge.png(ImageForge.gray16(img), false));
        s.put("rgb.bmp", ImageForge.bmp(img));
        return s;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FuzzSeeds <output dir>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (var e : seeds().entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }
}
