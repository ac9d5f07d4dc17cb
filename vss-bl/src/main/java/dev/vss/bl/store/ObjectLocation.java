// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import java.net.URI;
import java.util.Objects;

/**
 * Where an object (or a prefix) lives: the URI of its container — the part a {@link BlobStoreProvider} opens one
 * store for, such as {@code s3://bucket/}, {@code az://account/container/} or {@code gs://bucket/} — and the key
 * below it ({@code ""} for the container itself). Keys are validated with {@link Keys#check}; a prefix may end
 * with {@code /}.
 */
public record ObjectLocation(URI container, String key) {
    public ObjectLocation {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(key, "key");
        if (!key.isEmpty()) {
            Keys.check(key);
        }
    }
}
