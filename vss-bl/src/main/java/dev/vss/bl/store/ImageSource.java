package dev.vss.bl.store;

import dev.vss.bl.image.ImageRef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the bytes of an image reference. */
@FunctionalInterface
public interface ImageSource {
    byte[] read(ImageRef ref) throws IOException;

    /**
     * The bytes if the image holds at most {@code maxBytes}. Sources that know an object's size before reading it
     * (files, object stores) refuse a larger one from that size, reading nothing; this default can only read it
     * first and then refuse.
     *
     * @throws ObjectTooLargeException if it is larger
     */
    default byte[] read(ImageRef ref, long maxBytes) throws IOException {
        byte[] b = read(ref);
        if (b.length > maxBytes) {
            throw new ObjectTooLargeException(ref.uri(), b.length, maxBytes);
        }
        return b;
    }

    /** Local files: plain paths and {@code file:} URIs; the byte limit is checked from the file's size. */
    static ImageSource localFiles() {
        return new ImageSource() {
            @Override
            public byte[] read(ImageRef ref) throws IOException {
                Path p = path(ref);
                if (!Files.isRegularFile(p)) {
                    throw new NoSuchFileException(p.toString());
                }
                return Files.readAllBytes(p);
            }

            @Override
            public byte[] read(ImageRef ref, long maxBytes) throws IOException {
                return LocalBlobStore.readBounded(path(ref), maxBytes);
            }

            private Path path(ImageRef ref) {
                String u = ref.uri();
                return u.startsWith("file:") ? Path.of(URI.create(u)) : Path.of(u);
            }
        };
    }
}
