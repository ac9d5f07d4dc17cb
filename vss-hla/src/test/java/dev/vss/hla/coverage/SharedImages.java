// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.coverage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The shared real images: {@code VSS_IMAGES_DIR}, else {@code <vss.root>/../shared/images} (surefire sets
 * {@code vss.root}). A missing folder fails the test; it never skips it.
 */
final class SharedImages {
    private SharedImages() {
    }

    static Path dir() {
        Path p = dev.vss.models.Workspace.imagesDir();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared images not found at " + p + "; set VSS_IMAGES_DIR");
        }
        return p;
    }

    /** Every image file under the folder, as paths relative to it, sorted. */
    static List<String> all() throws IOException {
        Path d = dir();
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|bmp)"))
                    .map(p -> d.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
