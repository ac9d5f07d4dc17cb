// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import java.net.URI;
import java.util.Set;

/**
 * A provider of {@code SCHEME://bucket/prefix} URIs (S3, GCS): the bucket is the URI's authority, the key its path.
 * Subclasses open the stores.
 */
public abstract class BucketStoreProvider implements BlobStoreProvider {
    private final String scheme;

    /** @param scheme the lower-case URI scheme, e.g. {@code s3} */
    protected BucketStoreProvider(String scheme) {
        this.scheme = scheme;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(scheme);
    }

    @Override
    public ObjectLocation locate(URI uri) {
        String bucket = StorageUris.checkContainer("bucket", uri.getAuthority());
        return new ObjectLocation(URI.create(scheme + "://" + bucket + "/"), StorageUris.key(uri));
    }
}
