// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@code mem://bucket/prefix}: a test provider registered in src/test/resources/META-INF/services. */
public final class MemBlobStoreProvider implements BlobStoreProvider {
    private static final Map<String, MemBlobStore> BUCKETS = new ConcurrentHashMap<>();

    static MemBlobStore store(String bucket) {
        return BUCKETS.computeIfAbsent(bucket, b -> new MemBlobStore());
    }

    @Override
    public Set<String> schemes() {
        return Set.of("mem");
    }

    @Override
    public ObjectLocation locate(URI uri) {
        String bucket = StorageUris.checkContainer("bucket", uri.getAuthority());
        return new ObjectLocation(URI.create("mem://" + bucket + "/"), StorageUris.key(uri));
    }

    @Override
    public BlobStore openContainer(URI container) {
        return store(container.getAuthority());
    }
}
