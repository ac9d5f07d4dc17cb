// SPDX-License-Identifier: Apache-2.0
package dev.vss.models;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a catalogued model: its path relative to the models directory, its exact size and its sha256.
 *
 * @param path   relative path with {@code /} separators, no {@code ..} segments (e.g.
 *               {@code intel/face-detection-retail-0004/FP32/face-detection-retail-0004.xml})
 * @param bytes  exact size in bytes, &gt; 0
 * @param sha256 lower-case hex sha256 of the file's bytes, 64 characters
 */
public record ModelFile(String path, long bytes, String sha256) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ModelFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        // Paths are resolved under a models dir: reject anything that could escape it or is platform-specific.
        if (path.isBlank() || path.startsWith("/") || path.contains("\\") || path.contains("//")
                || path.endsWith("/") || path.contains(":")) {
            throw new IllegalArgumentException("path: must be a relative path with '/' separators, got '" + path + "'");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException("path: must not contain '.' or '..' segments, got '" + path + "'");
            }
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes: must be > 0, got " + bytes + " for " + path);
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256: must be 64 lower-case hex characters, got '" + sha256
                    + "' for " + path);
        }
    }

    /** The last path segment, e.g. {@code face-detection-retail-0004.bin}. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The directory part of {@link #path()} ({@code ""} for a file at the top level). */
    public String directory() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
