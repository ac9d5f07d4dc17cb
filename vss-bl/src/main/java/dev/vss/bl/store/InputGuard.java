// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import dev.vss.bl.image.ErrorCode;
import dev.vss.bl.image.ImageReadException;
import dev.vss.bl.image.ImageRef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The image source of a function: reads only below the configured input locations ({@code VSS_INPUTS}) and only
 * objects up to the byte limit. A reference outside every input fails with {@link ErrorCode#NOT_ALLOWED} before any
 * client is made for its bucket or account, so no credential is ever sent to a place the deployment does not own.
 * Locations are folders or prefixes: {@code s3://cams/incoming/} admits {@code s3://cams/incoming/cam1/a.jpg}, not
 * {@code s3://cams/incoming2/a.jpg}. Local paths are compared after resolving symbolic links. Thread-safe.
 */
public final class InputGuard implements ImageSource {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);
    private final ImageSource delegate;
    private final List<URI> inputs;
    private final long maxBytes;

    /** @param inputs the admitted locations; empty admits everything (the CLI's own files) */
    public InputGuard(ImageSource delegate, List<URI> inputs, long maxBytes) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.inputs = List.copyOf(inputs);
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " is not positive");
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public byte[] read(ImageRef ref) throws IOException {
        if (!admits(ref.uri())) {
            throw new ImageReadException(ErrorCode.NOT_ALLOWED, "not below a configured input location (VSS_INPUTS: "
                    + inputs + "); not read");
        }
        try {
            return delegate.read(ref, maxBytes); // sized before reading where the source can (files, object stores)
        } catch (ObjectTooLargeException e) {
            throw new ImageReadException(ErrorCode.IMAGE_TOO_LARGE, (e.size() >= 0 ? e.size() + " bytes" : "more than "
                    + maxBytes + " bytes") + " is over the limit of " + maxBytes + " (VSS_MAX_IMAGE_BYTES); not read");
        }
    }

    /** Whether {@code uri} lies below one of the inputs (always, when none are configured). */
    public boolean admits(String uri) {
        return inputs.isEmpty() || below(uri) != null;
    }

    /**
     * The path of {@code uri} below the first input location that holds it, {@code /}-separated ({@code ""} for the
     * location itself), or null when none does. Local paths are compared after resolving symbolic links.
     */
    String below(String uri) {
        boolean local = !SCHEME.matcher(uri).matches() || uri.regionMatches(true, 0, "file:", 0, 5);
        for (URI in : inputs) {
            try {
                if (local && "file".equalsIgnoreCase(in.getScheme())) {
                    Path base = real(FileBlobStoreProvider.path(in));
                    Path p = real(uri.regionMatches(true, 0, "file:", 0, 5) ? FileBlobStoreProvider.path(URI.create(uri))
                            : Path.of(uri));
                    if (p.startsWith(base)) {
                        return base.relativize(p).toString().replace(java.io.File.separatorChar, '/');
                    }
                } else if (!local && !"file".equalsIgnoreCase(in.getScheme())) {
                    ObjectLocation obj = BlobStores.locate(StorageUris.parse("uri", uri));
                    ObjectLocation loc = BlobStores.locate(in);
                    String prefix = loc.key().isEmpty() || loc.key().endsWith("/") ? loc.key() : loc.key() + "/";
                    if (obj.container().equals(loc.container()) && obj.key().startsWith(prefix)) {
                        return obj.key().substring(prefix.length());
                    }
                }
            } catch (IllegalArgumentException | IOException e) {
                // not a valid reference for this input's provider: not below it
            }
        }
        return null;
    }

    private static Path real(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        return Files.exists(abs) ? abs.toRealPath() : abs;
    }
}
