// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.gcp;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import com.google.cloud.storage.StorageRetryStrategy;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.store.Keys;
import dev.vss.bl.store.ObjectTooLargeException;
import dev.vss.bl.store.BoundedRead;
import dev.vss.bl.store.ConditionalWrites;
import dev.vss.bl.store.ContentTypes;
import dev.vss.bl.store.Listings;
import dev.vss.bl.store.BlobConflictException;
import dev.vss.bl.store.RetryPolicy;
import dev.vss.bl.store.StorageUris;
import dev.vss.bl.store.StoreBuilder;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link BlobStore} over one Google Cloud Storage bucket (google-cloud-storage, JSON API over HTTP). Credentials
 * are Application Default Credentials unless given; against an emulator ({@link Builder#optHost}) no credentials
 * are sent. Ownership: a store built without {@link Builder#optStorage} owns its client and closes it. Thread-safe,
 * like the client.
 *
 * <pre>{@code
 * try (GcsBlobStore s = GcsBlobStore.builder().setBucket("vss-cams").build()) {
 *     byte[] jpg = s.get("cam1/2026-11-28T10-00-00.jpg");
 * }
 * }</pre>
 */
public final class GcsBlobStore implements BlobStore, AutoCloseable {
    private final Storage storage;
    private final boolean ownsClient;
    private final String bucket;

    private GcsBlobStore(Storage storage, boolean ownsClient, String bucket) {
        this.storage = storage;
        this.ownsClient = ownsClient;
        this.bucket = bucket;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The bucket. */
    public String bucket() {
        return bucket;
    }

    /** The SDK client (e.g. to create the bucket in a test). */
    public Storage client() {
        return storage;
    }

    private BlobId id(String key) {
        return BlobId.of(bucket, checkKey(key));
    }

    /** {@link Keys#checkUtf8Length} plus GCS's own rule: no object under {@code .well-known/acme-challenge/}. */
    static String checkKey(String key) {
        Keys.checkUtf8Length(key);
        if (key.startsWith(".well-known/acme-challenge/")) {
            throw new IllegalArgumentException("key: '" + Keys.quote(key) + "' is under .well-known/acme-challenge/,"
                    + " which GCS reserves");
        }
        return key;
    }

    private String uri(String key) {
        return StorageUris.of("gs", bucket, key);
    }

    @Override
    public byte[] get(String key) throws IOException {
        return getVersioned(key).data();
    }

    /**
     * The object's metadata (generation, size), then the bytes of exactly that generation: an object replaced in
     * between is read again, never mixed.
     */
    @Override
    public Blob getVersioned(String key) throws IOException {
        return read(key, -1);
    }

    @Override
    public byte[] get(String key, long maxBytes) throws IOException {
        return read(key, BoundedRead.checkLimit(maxBytes)).data();
    }

    /** @param maxBytes the byte limit, checked from the metadata before reading; -1 for none */
    private Blob read(String key, long maxBytes) throws IOException {
        BlobId id = id(key);
        for (int attempt = 1; ; attempt++) {
            try {
                com.google.cloud.storage.Blob meta = storage.get(id);
                if (meta == null) {
                    throw new NoSuchFileException(uri(key));
                }
                Long size = meta.getSize();
                if (maxBytes >= 0 && size != null && size > maxBytes) {
                    throw new ObjectTooLargeException(uri(key), size, maxBytes);
                }
                byte[] data = storage.readAllBytes(id, Storage.BlobSourceOption.generationMatch(meta.getGeneration()));
                if (maxBytes >= 0 && data.length > maxBytes) {
                    throw new ObjectTooLargeException(uri(key), data.length, maxBytes);
                }
                return new Blob(data, Long.toString(meta.getGeneration()));
            } catch (StorageException e) {
                if (e.getCode() == 412 && attempt < 3) {
                    continue; // replaced between the metadata and the read: look again
                }
                if (e.getCode() == 404) {
                    throw new NoSuchFileException(uri(key));
                }
                throw io("get", key, e);
            }
        }
    }

    @Override
    public long size(String key) throws IOException {
        BlobId id = id(key);
        com.google.cloud.storage.Blob meta = call("metadata", key, () -> storage.get(id));
        if (meta == null) {
            throw new NoSuchFileException(uri(key));
        }
        return meta.getSize();
    }

    /**
     * A conditional insert: {@code ifGenerationMatch=<generation>}, or {@code ifGenerationMatch=0} (does not exist)
     * to create. GCS answers 412 when the generation differs: another writer got there first, unless the object now
     * holds our bytes (a retried attempt of ours was applied), which counts as written.
     */
    @Override
    public String putIf(String key, byte[] data, String expectedVersion) throws IOException {
        BlobId id = id(key);
        Storage.BlobTargetOption when;
        if (expectedVersion == null) {
            when = Storage.BlobTargetOption.doesNotExist();
        } else {
            try {
                when = Storage.BlobTargetOption.generationMatch(Long.parseLong(expectedVersion));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expectedVersion: '" + expectedVersion + "' is not a GCS generation");
            }
        }
        try {
            com.google.cloud.storage.Blob b = storage.create(BlobInfo.newBuilder(id).setContentType(contentType(key))
                    .build(), data, when);
            return Long.toString(b.getGeneration());
        } catch (StorageException e) {
            if (e.getCode() == 412 || e.getCode() == 409) {
                // the client may have retried an attempt that was applied: our bytes there mean written
                return ConditionalWrites.refusedUnlessOurs(this, key, data, ConditionalWrites.conflict(uri(key),
                        expectedVersion, "generation", " (GCS " + e.getCode() + ")", e));
            }
            throw io("put", key, e);
        }
    }

    @Override
    public void put(String key, byte[] data) throws IOException {
        BlobId id = id(key);
        call("put", key, () -> storage.create(BlobInfo.newBuilder(id).setContentType(contentType(key)).build(), data));
    }

    @Override
    public boolean exists(String key) throws IOException {
        BlobId id = id(key);
        return call("exists", key, () -> storage.get(id) != null);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Listings.checkPrefix(prefix);
        // iterateAll() follows page tokens
        return call("list", prefix, () -> Listings.sorted(keys -> storage.list(bucket,
                Storage.BlobListOption.prefix(prefix)).iterateAll().forEach(b -> keys.accept(b.getName()))));
    }

    @Override
    public void delete(String key) throws IOException {
        BlobId id = id(key);
        call("delete", key, () -> storage.delete(id)); // false when absent: deleting is idempotent
    }

    /** Closes the client if this store built it. */
    @Override
    public void close() {
        if (ownsClient) {
            try {
                storage.close();
            } catch (Exception e) {
                throw new IllegalStateException("gcs client did not close: " + e.getMessage(), e);
            }
        }
    }

    /** Runs one client call; a {@link StorageException} becomes an {@link IOException} naming the operation. */
    private <T> T call(String op, String key, Supplier<T> c) throws IOException {
        try {
            return c.get();
        } catch (StorageException e) {
            throw io(op, key, e);
        }
    }

    private IOException io(String op, String key, StorageException e) {
        return new IOException("gcs " + op + " " + uri(key) + " failed (" + e.getCode() + "): " + e.getMessage(), e);
    }

    static String contentType(String key) {
        return ContentTypes.of(key);
    }

    /**
     * The client for these settings: a host (an emulator such as {@code http://127.0.0.1:9023}) means no
     * credentials; else the given credentials or Application Default Credentials.
     */
    public static Storage newClient(String host, String projectId, Credentials credentials) {
        return newClient(host, projectId, credentials, RetryPolicy.DEFAULT);
    }

    /**
     * As {@link #newClient(String, String, Credentials)} with explicit retries and timeouts: every call is retried
     * on transient faults (the uniform strategy: vss's unconditional writes are idempotent — the same bytes to the
     * same key — and its conditional ones carry ifGenerationMatch), with jittered exponential backoff, and the HTTP
     * transport's connect and read timeouts.
     */
    public static Storage newClient(String host, String projectId, Credentials credentials, RetryPolicy retries) {
        StorageOptions.Builder b = StorageOptions.newBuilder()
                .setStorageRetryStrategy(StorageRetryStrategy.getUniformStorageRetryStrategy())
                .setRetrySettings(RetrySettings.newBuilder().setMaxAttempts(retries.maxAttempts())
                        .setInitialRetryDelayDuration(retries.baseDelay()).setRetryDelayMultiplier(2.0)
                        .setMaxRetryDelayDuration(retries.maxDelay()).setTotalTimeoutDuration(retries.totalTimeout())
                        .setInitialRpcTimeoutDuration(retries.attemptTimeout()).setRpcTimeoutMultiplier(1.0)
                        .setMaxRpcTimeoutDuration(retries.attemptTimeout()).build())
                .setTransportOptions(HttpTransportOptions.newBuilder()
                        .setConnectTimeout((int) retries.connectTimeout().toMillis())
                        .setReadTimeout((int) retries.attemptTimeout().toMillis()).build());
        if (projectId != null) {
            b.setProjectId(projectId);
        }
        if (host != null) {
            b.setHost(host.contains("://") ? host : "http://" + host);
            b.setCredentials(credentials != null ? credentials : NoCredentials.getInstance());
            if (projectId == null) {
                b.setProjectId("vss-local");
            }
        } else if (credentials != null) {
            b.setCredentials(credentials);
        }
        return b.build().getService();
    }

    /** Builds a {@link GcsBlobStore}; {@code setBucket} is required. */
    public static final class Builder extends StoreBuilder<Builder> {
        private String bucket;
        private Storage storage;
        private String host;
        private String projectId;
        private Credentials credentials;

        private Builder() {
        }

        public Builder setBucket(String bucket) {
            this.bucket = StorageUris.checkContainer("bucket", bucket);
            return this;
        }

        /** A client to use (not closed by the store); the other options are then ignored. */
        public Builder optStorage(Storage storage) {
            this.storage = storage;
            return this;
        }

        /** The JSON API host of an emulator, e.g. {@code http://127.0.0.1:9023} (as STORAGE_EMULATOR_HOST). */
        public Builder optHost(String host) {
            this.host = host == null || host.isBlank() ? null : host.trim();
            return this;
        }

        public Builder optProjectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        public Builder optCredentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** @throws IllegalArgumentException if the bucket is missing */
        public GcsBlobStore build() {
            if (bucket == null) {
                throw new IllegalArgumentException("bucket: not set (setBucket)");
            }
            if (storage != null) {
                return new GcsBlobStore(storage, false, bucket);
            }
            return new GcsBlobStore(newClient(host, projectId, credentials, retries()), true, bucket);
        }
    }
}
