// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * Service-provider interface of a storage back end, found with {@link java.util.ServiceLoader} (register the
 * implementation in {@code META-INF/services/dev.vss.bl.store.BlobStoreProvider}). vss-bl ships the {@code file:}
 * provider; {@code s3:}, {@code az:} and {@code gs:} come from the cloud-aws, cloud-azure and cloud-gcp modules,
 * so that a function ships only its own cloud's SDK. Implementations are thread-safe and may share one SDK client
 * among the stores they open (heavy clients are built once per process).
 */
public interface BlobStoreProvider {
    /** Lower-case URI schemes this provider owns, e.g. {@code s3}. */
    Set<String> schemes();

    /**
     * Whether this provider handles the URI. The default accepts the {@link #schemes()}; a provider may also claim
     * its cloud's usual https form (e.g. {@code https://account.blob.core.windows.net/...}).
     */
    default boolean accepts(URI uri) {
        return uri.getScheme() != null && schemes().contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Splits an object or prefix URI into its container and key.
     *
     * @throws IllegalArgumentException naming what is wrong (missing bucket, bad key, traversal)
     */
    ObjectLocation locate(URI uri);

    /**
     * Opens the store of a container returned by {@link #locate} with this process's settings as they are now (a
     * provider that has settings gets them from {@code VssSettings.storageFromEnvironment()}); keys are relative to the
     * container.
     */
    BlobStore openContainer(URI container) throws IOException;

    /**
     * {@link #openContainer(URI)} configured by {@code settings}; the default ignores them (a provider without
     * settings, e.g. {@code file:}).
     */
    default BlobStore openContainer(URI container, StorageSettings settings) throws IOException {
        return openContainer(container);
    }

    /** The store rooted at a location: its container, narrowed to the location's key as a prefix. */
    default BlobStore open(URI location) throws IOException {
        ObjectLocation l = locate(location);
        return narrow(openContainer(l.container()), l);
    }

    /** {@link #open(URI)} configured by {@code settings}. */
    default BlobStore open(URI location, StorageSettings settings) throws IOException {
        ObjectLocation l = locate(location);
        return narrow(openContainer(l.container(), settings), l);
    }

    private static BlobStore narrow(BlobStore s, ObjectLocation l) {
        return l.key().isEmpty() ? s : new PrefixedBlobStore(s, l.key());
    }
}
