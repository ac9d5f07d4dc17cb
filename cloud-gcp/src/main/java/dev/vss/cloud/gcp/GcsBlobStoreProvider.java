// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.gcp;

import com.google.cloud.storage.Storage;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.VssSettings;
import dev.vss.bl.store.BucketStoreProvider;
import dev.vss.bl.store.StorageSettings;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code gs://bucket/prefix} provider. Settings, system property first, then environment variable:
 * {@code vss.gcs.host} / {@code STORAGE_EMULATOR_HOST} (an emulator; no credentials are then sent) and
 * {@code vss.gcs.projectId} / {@code GOOGLE_CLOUD_PROJECT}. Otherwise credentials are Application Default
 * Credentials (the function's service account on Cloud Functions). All buckets share one client per setting.
 * Thread-safe.
 */
public final class GcsBlobStoreProvider extends BucketStoreProvider {
    private final Map<List<String>, Storage> clients = new ConcurrentHashMap<>();

    public GcsBlobStoreProvider() {
        super("gs");
    }

    @Override
    public BlobStore openContainer(URI container) {
        return openContainer(container, VssSettings.storageFromEnvironment());
    }

    @Override
    public BlobStore openContainer(URI container, StorageSettings settings) {
        String host = settings.gcsHost();
        String project = settings.gcsProject();
        Storage s = clients.computeIfAbsent(Arrays.asList(host, project), k -> GcsBlobStore.newClient(host, project, null));
        return GcsBlobStore.builder().setBucket(locate(container).container().getAuthority()).optStorage(s).build();
    }
}
