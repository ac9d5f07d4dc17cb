package dev.vss.models;

import java.nio.file.Path;

/**
 * Where the shared sample images are: {@link BaseSettings#imagesDir()} ({@code VSS_IMAGES_DIR}), else
 * {@code ../shared/images} next to the vss checkout found from {@link BaseSettings#root()} ({@code VSS_ROOT}) or the
 * working directory (the same search as {@link ModelRepository#fromEnvironment()}). Used by the demo, the coverage trainer
 * and the tests, so that one rule locates the images everywhere.
 */
public final class Workspace {
    public static final String ENV_IMAGES_DIR = "VSS_IMAGES_DIR";
    public static final String PROP_IMAGES_DIR = "vss.images.dir";

    private Workspace() {
    }

    /** The images folder (not checked for existence). */
    public static Path imagesDir() {
        BaseSettings s = BaseSettings.current();
        if (s.imagesDir() != null) {
            return s.imagesDir();
        }
        Path start = s.searchStart();
        Path base = ModelRepository.findCheckout(start).orElse(start.toAbsolutePath().normalize());
        return base.resolve("../shared/images").normalize();
    }
}
