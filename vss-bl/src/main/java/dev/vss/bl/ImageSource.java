package dev.vss.bl;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the bytes of an image reference. */
@FunctionalInterface
public interface ImageSource {
    byte[] read(ImageRef ref) throws IOException;

    /** Local files: plain paths and {@code file:} URIs. */
    static ImageSource localFiles() {
        return ref -> {
            String u = ref.uri();
            Path p = u.startsWith("file:") ? Path.of(URI.create(u)) : Path.of(u);
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toString());
            }
            return Files.readAllBytes(p);
        };
    }
}
