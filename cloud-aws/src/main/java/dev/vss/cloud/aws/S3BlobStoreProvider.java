// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.aws;

import dev.vss.bl.store.BlobStore;
import dev.vss.bl.VssSettings;
import dev.vss.bl.store.BucketStoreProvider;
import dev.vss.bl.store.StorageSettings;
import dev.vss.bl.store.RetryPolicy;
import dev.vss.bl.store.StorageUris;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code s3://bucket/prefix} provider. All buckets share one client, built on first use from system properties
 * or environment variables (property first; a changed setting gets a client of its own):
 * <ul>
 * <li>{@code vss.s3.region} / {@code VSS_S3_REGION}, else the SDK's chain ({@code AWS_REGION}, profile);</li>
 * <li>{@code vss.s3.endpoint} / {@code VSS_S3_ENDPOINT}: an S3-compatible endpoint;</li>
 * <li>{@code vss.s3.pathStyle} / {@code VSS_S3_PATH_STYLE}: {@code true} for path-style addressing;</li>
 * <li>{@code vss.s3.sseKmsKeyId} / {@code VSS_S3_SSE_KMS_KEY_ID}: encrypt writes with SSE-KMS under this key;</li>
 * <li>retries and timeouts: {@link RetryPolicy#DEFAULT}.</li>
 * </ul>
 * Credentials come from the SDK's default chain (environment, system properties, profile, container/instance role).
 * Thread-safe.
 */
public final class S3BlobStoreProvider extends BucketStoreProvider {
    /** One client per distinct setting (normally exactly one per process). */
    private final Map<Settings, S3Client> clients = new ConcurrentHashMap<>();

    private record Settings(String region, String endpoint, boolean pathStyle, RetryPolicy retries) {
    }

    public S3BlobStoreProvider() {
        super("s3");
    }

    @Override
    public BlobStore openContainer(URI container) {
        return openContainer(container, VssSettings.storageFromEnvironment());
    }

    @Override
    public BlobStore openContainer(URI container, StorageSettings settings) {
        return S3BlobStore.builder().setBucket(container.getAuthority()).optClient(client(settings))
                .optSseKmsKeyId(settings.s3SseKmsKeyId()).build();
    }

    private S3Client client(StorageSettings st) {
        Settings s = new Settings(st.s3Region(), st.s3Endpoint(), st.s3PathStyle(), RetryPolicy.DEFAULT);
        return clients.computeIfAbsent(s, k -> S3BlobStore.newClient(k.region(),
                k.endpoint() == null ? null : StorageUris.parse("VSS_S3_ENDPOINT", k.endpoint()), k.pathStyle(), null,
                k.retries()));
    }
}
