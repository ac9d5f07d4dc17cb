// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import dev.vss.bl.gallery.GalleryStore;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Object storage as vss needs it. Implementations: {@link LocalBlobStore} (files); cloud stores live in their own
 * modules. Keys are validated with {@link Keys#check} (any key the clouds allow, but no traversal). Implementations
 * are thread-safe.
 *
 * <p>Conditional writes: {@link #getVersioned} returns an object with the store's version token of exactly those
 * bytes (an S3 or Azure ETag, a GCS generation, a content digest on the local store), and {@link #putIf} writes only
 * if the object is still at that version — or, with a null token, only if it does not exist — else it throws
 * {@link BlobConflictException} and writes nothing. Read, change, conditional write, and on a conflict read again:
 * no concurrent writer's change is ever overwritten unseen ({@link GalleryStore} does this).
 *
 * <pre>{@code
 * BlobStore.Blob b = store.getVersioned("gallery.json.enc");
 * try {
 *     store.putIf("gallery.json.enc", changed(b.data()), b.version());
 * } catch (BlobConflictException e) {
 *     // someone else wrote it in between: read again and re-apply the change
 * }
 * }</pre>
 */
public interface BlobStore {
    /** The object's bytes. @throws java.nio.file.NoSuchFileException if it does not exist */
    byte[] get(String key) throws IOException;

    /** Writes the object unconditionally, replacing it atomically where the store allows. */
    void put(String key, byte[] data) throws IOException;

    boolean exists(String key) throws IOException;

    /** Keys under a prefix, sorted, decoded to the object's real name. */
    List<String> list(String prefix) throws IOException;

    void delete(String key) throws IOException;

    /** An object's bytes (owned by the caller) and the store's version token of exactly these bytes. */
    record Blob(byte[] data, String version) {
        public Blob {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(version, "version");
        }
    }

    /**
     * The object and its version token, read consistently (the token names these bytes, not a later write).
     *
     * @throws java.nio.file.NoSuchFileException if it does not exist
     */
    Blob getVersioned(String key) throws IOException;

    /**
     * Writes the object only if it is still at {@code expectedVersion}, or, when that is null, only if it does not
     * exist. The write is atomic: readers see the old or the new bytes, never a mix.
     *
     * @param expectedVersion a token from {@link #getVersioned} or an earlier {@code putIf}; null: create only
     * @return the new version token
     * @throws BlobConflictException if the object changed (or was created or deleted) since; nothing was written
     */
    String putIf(String key, byte[] data, String expectedVersion) throws IOException;

    /**
     * The object's size in bytes from its metadata (file size, HEAD, blob properties), without reading it.
     *
     * @throws java.nio.file.NoSuchFileException if it does not exist
     */
    long size(String key) throws IOException;

    /**
     * The object's bytes if it holds at most {@code maxBytes}: the size is checked from the metadata before any
     * content is read, and the read stops past {@code maxBytes} (the object may grow in between).
     *
     * @throws ObjectTooLargeException if it is larger; nothing beyond the limit was read into memory
     * @throws java.nio.file.NoSuchFileException if it does not exist
     */
    byte[] get(String key, long maxBytes) throws IOException;
}
