// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Expands files and folders given on the command line; the default places of inputs. */
final class Inputs {
    private Inputs() {
    }

    static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp");
    }

    /**
     * Files as given (even unreadable ones: they get an error result); folders → their images, sorted; a folder
     * with no image in it stays as given, so that it too gets its (error) line: every input is answered.
     */
    static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                int before = out.size();
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(Inputs::isImageName).sorted().forEach(out::add);
                }
                if (out.size() == before) {
                    out.add(p);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** The shared images folder (VSS_IMAGES_DIR, else ../shared/images). */
    static Path imagesDir() {
        return dev.vss.models.Workspace.imagesDir();
    }
}
