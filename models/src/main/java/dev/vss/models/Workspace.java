package dev.vss.models;

import java.nio.file.Path;

/**
 * Where the shared sample images are: {@code VSS_IMAGES_DIR}, else {@code -Dvss.images.dir}, else
 * {@code ../shared/images} next to the vss checkout found from {@code vss.root} / {@code VSS_ROOT} / the working
 * directory (the same search as {@link ModelRepository#fromEnvironment()}). Used by the demo, the coverage trainer
 * and the tests, so that one rule locates the images everywhere.
 */
public final class Workspace {
    public static final String ENV_IMAGES_DIR = "VSS_IMAGES_DIR";
    public static final String PROP_IMAGES_DIR = "vss.images.dir";

    private Workspace() {
    }

    /** The images folder (not checked for existence). */
    public static Path imagesDir() {
        String v = System.getenv(ENV_IMAGES_DIR);
        if (v == null || v.isBlank()) {
            v = System.getProperty(PROP_IMAGES_DIR);
        }
        if (v != null && !v.isBlank()) {
            return Path.of(v.trim());
        }
        String root = System.getProperty(ModelRepository.PROP_ROOT, System.getenv(ModelRepository.ENV_ROOT));
        Path start = root == null || root.isBlank() ? Path.of("") : Path.of(root.trim());
        Path base = ModelRepository.findCheckout(start).orElse(start.toAbsolutePath().normalize());
        return base.resolve("../shared/images").normalize();
    }
}
