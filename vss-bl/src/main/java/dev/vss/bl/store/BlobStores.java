// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Opens a {@link BlobStore} from a storage URI through the {@link BlobStoreProvider}s on the class path:
 * <ul>
 * <li>{@code file:///dir} or {@code file:relative/dir} — vss-bl itself;</li>
 * <li>{@code s3://bucket/prefix} — cloud-aws;</li>
 * <li>{@code az://account/container/prefix} or {@code https://account.blob.core.windows.net/container/prefix}
 * — cloud-azure;</li>
 * <li>{@code gs://bucket/prefix} — cloud-gcp.</li>
 * </ul>
 * A URI with a prefix yields a {@link PrefixedBlobStore}: its keys are relative to the prefix. Each provider reads
 * its own configuration (endpoint, region, credentials) from system properties and the environment; see
 * docs/cloud.md. Thread-safe.
 *
 * <pre>{@code
 * BlobStore results = BlobStores.open(URI.create("s3://my-bucket/results/"));
 * }</pre>
 */
public final class BlobStores {
    private static volatile List<BlobStoreProvider> providers;

    private BlobStores() {
    }

    /** The providers found on the class path, in ServiceLoader order (loaded once). */
    public static List<BlobStoreProvider> providers() {
        List<BlobStoreProvider> p = providers;
        if (p == null) {
            List<BlobStoreProvider> found = new ArrayList<>();
            ServiceLoader.load(BlobStoreProvider.class, BlobStores.class.getClassLoader()).forEach(found::add);
            providers = p = List.copyOf(found);
        }
        return p;
    }

    /** The URI schemes that some provider on the class path handles, sorted. */
    public static List<String> schemes() {
        TreeSet<String> s = new TreeSet<>();
        providers().forEach(p -> s.addAll(p.schemes()));
        return List.copyOf(s);
    }

    /**
     * The provider for a URI.
     *
     * @throws IllegalArgumentException naming the schemes available (a cloud module may be missing from the class
     *                                  path)
     */
    public static BlobStoreProvider provider(URI uri) {
        for (BlobStoreProvider p : providers()) {
            if (p.accepts(uri)) {
                return p;
            }
        }
        throw new IllegalArgumentException("uri: no storage provider for '" + uri + "'; available schemes: " + schemes()
                + " (s3: needs cloud-aws, az: cloud-azure, gs: cloud-gcp on the class path)");
    }

    /** The container and key of an object or prefix URI. */
    public static ObjectLocation locate(URI uri) {
        return provider(uri).locate(uri);
    }

    /** The store rooted at a location URI (container plus optional prefix). */
    public static BlobStore open(URI location) throws IOException {
        return provider(location).open(location);
    }

    /** The store rooted at a location URI, its provider configured by {@code settings}. */
    public static BlobStore open(URI location, StorageSettings settings) throws IOException {
        return provider(location).open(location, settings);
    }

    /** {@link #open(URI)} of a string. */
    public static BlobStore open(String location) throws IOException {
        return open(StorageUris.parse("location", location));
    }
}
