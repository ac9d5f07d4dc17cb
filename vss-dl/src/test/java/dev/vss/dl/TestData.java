// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Locates the shared models and images (VSS_MODELS_DIR / VSS_IMAGES_DIR, else ../shared next to the repo). */
public final class TestData {
    private TestData() {
    }

    public static Path modelsDir() {
        return dev.vss.dl.image.SharedData.modelsDir();
    }

    public static Path imagesDir() {
        return dev.vss.dl.image.SharedData.imagesDir();
    }

    public static Path model(String rel) {
        return modelsDir().resolve(rel);
    }

    public static Path image(String rel) {
        return imagesDir().resolve(rel);
    }

    /** Decoded BGR image as a u8 NHWC tensor [1,h,w,3] (ImageIO, independent of the code under test). */
    public static Tensor bgr(String rel) throws IOException {
        BufferedImage img = ImageIO.read(image(rel).toFile());
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] b = new byte[w * h * 3];
        int k = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                b[k++] = (byte) rgb;
                b[k++] = (byte) (rgb >> 8);
                b[k++] = (byte) (rgb >> 16);
            }
        }
        return Tensor.ofU8(b, 1, h, w, 3);
    }

    /** Code that may throw anything. */
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * The {@link DlException} that {@code r} throws.
     *
     * @throws AssertionError if it throws something else or nothing
     */
    public static DlException dlThrown(ThrowingRunnable r) {
        try {
            r.run();
        } catch (DlException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected DlException, got " + e, e);
        }
        throw new AssertionError("expected DlException, nothing thrown");
    }
}
