package dev.vss.bl;

import java.io.IOException;
import java.util.List;

/**
 * Object storage as vss needs it. Implementations: {@link LocalBlobStore} (files); cloud stores live in their own
 * modules. Keys are validated (no traversal, length and character limits). Implementations are thread-safe.
 */
public interface BlobStore {
    /** The object's bytes. @throws java.nio.file.NoSuchFileException if it does not exist */
    byte[] get(String key) throws IOException;

    /** Writes the object, replacing it atomically where the store allows. */
    void put(String key, byte[] data) throws IOException;

    boolean exists(String key) throws IOException;

    /** Keys under a prefix, sorted. */
    List<String> list(String prefix) throws IOException;

    void delete(String key) throws IOException;
}
