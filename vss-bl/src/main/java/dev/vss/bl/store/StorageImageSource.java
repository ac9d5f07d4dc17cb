// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import dev.vss.bl.image.ImageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * An {@link ImageSource} for storage URIs ({@code s3://bucket/key}, {@code az://...}, {@code gs://...}) that also
 * reads plain paths and {@code file:} URIs as {@link ImageSource#localFiles()} does. One store is opened per
 * container on first use and kept, so a warm function instance reuses its SDK client. Stores can be handed in
 * ready-made (for example built with an explicit endpoint), keyed by the container URI that
 * {@link BlobStores#locate} gives. Thread-safe.
 *
 * <pre>{@code
 * ImageSource src = new StorageImageSource(Map.of(URI.create("s3://cams/"), s3Store));
 * }</pre>
 */
public final class StorageImageSource implements ImageSource {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);
    private final ImageSource local = ImageSource.localFiles();
    private final Map<URI, BlobStore> stores = new ConcurrentHashMap<>();

    /** Opens stores through {@link BlobStores} as needed. */
    public StorageImageSource() {
        this(Map.of());
    }

    /** @param preopened stores to use for these containers instead of opening them through a provider */
    public StorageImageSource(Map<URI, BlobStore> preopened) {
        stores.putAll(Objects.requireNonNull(preopened, "preopened"));
    }

    @Override
    public byte[] read(ImageRef ref) throws IOException {
        return read(ref, -1);
    }

    /** The byte limit is checked from the object's metadata (file size, HEAD, blob properties) before reading. */
    @Override
    public byte[] read(ImageRef ref, long maxBytes) throws IOException {
        String u = ref.uri();
        // a single letter before ':' is a Windows drive, not a scheme
        if (!SCHEME.matcher(u).matches() || u.regionMatches(true, 0, "file:", 0, 5)) {
            return maxBytes < 0 ? local.read(ref) : local.read(ref, maxBytes);
        }
        ObjectLocation loc = BlobStores.locate(StorageUris.parse("uri", u));
        if (loc.key().isEmpty() || loc.key().endsWith("/")) {
            throw new IllegalArgumentException("uri: '" + u + "' names a container or prefix, not an object");
        }
        BlobStore store;
        try {
            store = stores.computeIfAbsent(loc.container(), c -> {
                try {
                    return BlobStores.provider(c).openContainer(c);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return maxBytes < 0 ? store.get(loc.key()) : store.get(loc.key(), maxBytes);
    }
}
