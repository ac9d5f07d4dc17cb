// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.testing;

import dev.vss.dl.image.Images;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * What the integrity checks cost: per image, the median of {@code Images.check} (the Java walk of every JPEG scan or
 * PNG row, no pixels) and of {@code Images.decode} (check + TurboJPEG or OpenCV), over N runs after warm-up. Run:
 * {@code java -cp vss-dl/target/test-classes:vss-dl/target/classes:<opencv jar>:<jna jar>
 * dev.vss.dl.testing.DecodeCheckBench <images dir> [N]} ({@code -Dvss.turbojpeg.lib=none}: JPEGs through OpenCV);
 * docs/benchmarks.md has the figures.
 */
public final class DecodeCheckBench {
    private DecodeCheckBench() {
    }

    public static void main(String[] args) throws Exception {
        // -Dvss.turbojpeg.lib=none and the like, as vss-bl's settings would install them
        dev.vss.models.BaseSettings.install(dev.vss.models.testing.EnvironmentSettings.read());
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        System.out.println("| image | bytes | check ms (p50) | decode ms incl. check (p50) | check share |");
        System.out.println("|---|---:|---:|---:|---:|");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(jpg|png|bmp)$"))
                    .sorted().toList()) {
                byte[] b = Files.readAllBytes(p);
                row(dir.relativize(p).toString(), b, n);
            }
        }
        java.awt.image.BufferedImage photo = javax.imageio.ImageIO.read(dir.resolve("faces/two_people.jpg").toFile());
        java.awt.image.BufferedImage big = new java.awt.image.BufferedImage(7000, 7000,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        var g = big.createGraphics();
        g.drawImage(photo, 0, 0, 7000, 7000, null);
        g.dispose();
        row("7000x7000 progressive q20 (generated)", ImageForge.jpeg(big, 0.2f, true, 0), Math.max(3, n / 10));
        row("7000x7000 baseline q90 (generated)", ImageForge.jpeg(big, 0.9f, false, 0), Math.max(3, n / 10));
    }

    private static void row(String name, byte[] b, int n) throws Exception {
        for (int i = 0; i < Math.min(5, n); i++) { // warm-up: JIT and OpenCV's first-call costs
            Images.decode(b, name, Images.maxPixels());
        }
        double[] check = new double[n];
        double[] decode = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            Images.check(b, name, Images.maxPixels());
            long t1 = System.nanoTime();
            Images.decode(b, name, Images.maxPixels());
            long t2 = System.nanoTime();
            check[i] = (t1 - t0) / 1e6;
            decode[i] = (t2 - t1) / 1e6;
        }
        Arrays.sort(check);
        Arrays.sort(decode);
        double c = check[n / 2];
        double d = decode[n / 2];
        System.out.printf("| %s | %d | %.2f | %.2f | %.0f %% |%n", name, b.length, c, d, 100 * c / d);
    }
}
