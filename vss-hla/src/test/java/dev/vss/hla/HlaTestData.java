// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla;

import dev.vss.dl.CompileOptions;
import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.models.ModelRepository;
import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Shared images and a model context for the pipeline tests (real models, real images); also the coverage trainer's
 * (test-jar). The images: {@code VSS_IMAGES_DIR}, else {@code <vss.root>/../shared/images} (surefire sets
 * {@code vss.root}). A missing folder fails the test; it never skips it.
 */
public final class HlaTestData {
    private static Engine engine;

    private HlaTestData() {
    }

    public static Path imagesDir() {
        Path p = dev.vss.models.Workspace.imagesDir();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared images not found at " + p + "; set VSS_IMAGES_DIR");
        }
        return p;
    }

    /** Every image file under {@link #imagesDir()}, as paths relative to it, sorted. */
    public static List<String> allImages() throws IOException {
        Path d = imagesDir();
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|bmp)"))
                    .map(p -> d.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    public static Image image(String rel) throws DlException {
        return Images.read(imagesDir().resolve(rel));
    }

    /** One OpenVINO engine for the test JVM (closed at exit), 2 threads, the device's default precision. */
    public static synchronized ModelContext context() throws DlException {
        if (engine == null) {
            engine = Engine.newInstance("openvino");
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
        }
        return new ModelContext(engine, ModelRepository.fromEnvironment(), CompileOptions.builder().optThreads(2).build());
    }
}
