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

    public static Path root() {
        String r = System.getProperty("vss.root", System.getenv("VSS_ROOT"));
        return r == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(r);
    }

    public static Path modelsDir() {
        String env = System.getenv("VSS_MODELS_DIR");
        Path p = env != null ? Path.of(env) : root().resolve("../shared/models").normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("models not found at " + p + "; set VSS_MODELS_DIR");
        }
        return p;
    }

    public static Path imagesDir() {
        String env = System.getenv("VSS_IMAGES_DIR");
        Path p = env != null ? Path.of(env) : root().resolve("../shared/images").normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("images not found at " + p + "; set VSS_IMAGES_DIR");
        }
        return p;
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
}
