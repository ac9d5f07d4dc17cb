// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Locates the shared test data: images from {@code VSS_IMAGES_DIR}, models from {@code VSS_MODELS_DIR}, else
 * {@code <vss.root>/../shared/images} and {@code /models} (surefire sets the system property {@code vss.root} to the
 * repository root). A missing folder fails the test; it never skips it.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path imagesDir() {
        return dir("VSS_IMAGES_DIR", "images");
    }

    public static Path modelsDir() {
        return dir("VSS_MODELS_DIR", "models");
    }

    public static Path image(String rel) {
        return imagesDir().resolve(rel);
    }

    public static Path model(String rel) {
        return modelsDir().resolve(rel);
    }

    private static Path dir(String env, String name) {
        // the one lookup rule of the project (models module): env var, property, ../shared next to the checkout
        Path p = name.equals("images") ? dev.vss.models.Workspace.imagesDir()
                : dev.vss.models.ModelRepository.fromEnvironment().dir();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared " + name + " not found at " + p + "; set " + env);
        }
        return p;
    }

    /** Width and height of every image listed in images/MANIFEST.md, by relative path. */
    public static Map<String, int[]> manifestImageSizes() throws IOException {
        Pattern row = Pattern.compile("^\\| `([^`]+)` \\| \\d+ \\| (\\d+)×(\\d+) \\|");
        Map<String, int[]> sizes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(imagesDir().resolve("MANIFEST.md"))) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                sizes.put(m.group(1), new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))});
            }
        }
        return sizes;
    }
}
