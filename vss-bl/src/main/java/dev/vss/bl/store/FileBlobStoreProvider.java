// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code file:} provider: a location is a directory ({@code file:///data/results} or, relative to the working
 * directory, {@code file:out/results}) opened as a {@link LocalBlobStore}. An object URI's container is its
 * parent directory. Registered in vss-bl's own {@code META-INF/services}. Thread-safe.
 */
public final class FileBlobStoreProvider implements BlobStoreProvider {
    @Override
    public Set<String> schemes() {
        return Set.of("file");
    }

    /** The local path of a {@code file:} URI (absolute {@code file:///x} or opaque relative {@code file:x}). */
    public static Path path(URI uri) {
        if (uri.isOpaque()) {
            return Path.of(uri.getSchemeSpecificPart());
        }
        return Path.of(uri);
    }

    @Override
    public ObjectLocation locate(URI uri) {
        Path p = path(uri).toAbsolutePath().normalize();
        Path parent = p.getParent();
        if (parent == null || p.getFileName() == null) {
            throw new IllegalArgumentException("uri: '" + uri + "' names no file below a directory");
        }
        return new ObjectLocation(parent.toUri(), p.getFileName().toString());
    }

    @Override
    public BlobStore openContainer(URI container) {
        return new LocalBlobStore(path(container));
    }

    @Override
    public BlobStore open(URI location) throws IOException {
        // a local location is a directory: no prefix view needed, and list() then walks only that directory
        return new LocalBlobStore(path(location));
    }

    @Override
    public BlobStore open(URI location, StorageSettings settings) throws IOException {
        return open(location); // no settings for local folders
    }
}
