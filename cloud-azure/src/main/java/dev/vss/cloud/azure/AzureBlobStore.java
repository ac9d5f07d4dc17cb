// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.HttpClientOptions;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.vss.bl.store.BlobConflictException;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.store.BoundedRead;
import dev.vss.bl.store.ConditionalWrites;
import dev.vss.bl.store.ContentTypes;
import dev.vss.bl.store.Listings;
import dev.vss.bl.store.Keys;
import dev.vss.bl.store.ObjectTooLargeException;
import dev.vss.bl.store.RetryPolicy;
import dev.vss.bl.store.StorageUris;
import dev.vss.bl.store.StoreBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.function.Supplier;
import java.util.Locale;

/**
 * A {@link BlobStore} over one Azure Blob Storage container (azure-storage-blob, sync clients). Objects are block
 * blobs; a write replaces the blob. Credentials: a connection string, a shared account key, a SAS token or any
 * {@link TokenCredential} (for managed identity add azure-identity and pass its credential), else anonymous access
 * (public containers). Thread-safe, like the SDK clients, which need no closing.
 *
 * <pre>{@code
 * AzureBlobStore s = AzureBlobStore.builder().setAccount("vsscams").setContainer("images")
 *         .optConnectionString(settings.storage().azureConnectionString()).build(); // settings: VssSettings
 * }</pre>
 */
public final class AzureBlobStore implements BlobStore {
    private final BlobContainerClient container;

    /** A store over a ready container client. */
    public AzureBlobStore(BlobContainerClient container) {
        this.container = java.util.Objects.requireNonNull(container, "container");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The SDK container client (e.g. to create the container). */
    public BlobContainerClient client() {
        return container;
    }

    /** {@code az://account/container/}. */
    public String uri() {
        return StorageUris.of("az", container.getAccountName().toLowerCase(Locale.ROOT), container.getBlobContainerName() + "/");
    }

    private BlobClient blob(String key) {
        return container.getBlobClient(Keys.checkAzure(key));
    }

    /** The blob's URI for messages ({@code az://account/container/key}, percent-encoded). */
    private String uri(String key) {
        return StorageUris.of("az", container.getAccountName().toLowerCase(Locale.ROOT),
                container.getBlobContainerName() + "/" + key);
    }

    @Override
    public byte[] get(String key) throws IOException {
        return getVersioned(key).data();
    }

    @Override
    public Blob getVersioned(String key) throws IOException {
        BlobClient b = blob(key);
        try {
            BlobDownloadContentResponse r = b.downloadContentWithResponse(null, null, null, Context.NONE);
            return new Blob(r.getValue().toBytes(), r.getDeserializedHeaders().getETag());
        } catch (RuntimeException e) {
            throw readFailure("get", key, e);
        }
    }

    /**
     * The blob's properties first (size and ETag), then exactly that many bytes of exactly that version
     * ({@code If-Match} on the ETag): a blob replaced in between is read again, never mixed.
     */
    @Override
    public byte[] get(String key, long maxBytes) throws IOException {
        BoundedRead.checkLimit(maxBytes);
        BlobClient b = blob(key);
        for (int attempt = 1; ; attempt++) {
            try {
                BlobProperties p = b.getProperties();
                long size = p.getBlobSize();
                if (size > maxBytes) {
                    throw new ObjectTooLargeException(uri(key), size, maxBytes);
                }
                if (size == 0) {
                    return new byte[0];
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
                b.downloadStreamWithResponse(out, new BlobRange(0, size), null,
                        new BlobRequestConditions().setIfMatch(p.getETag()), false, null, Context.NONE);
                if (out.size() > maxBytes) {
                    throw new ObjectTooLargeException(uri(key), out.size(), maxBytes);
                }
                return out.toByteArray();
            } catch (BlobStorageException e) {
                if (e.getStatusCode() == 412 && attempt < 3) {
                    continue; // replaced between the properties and the download: size it again
                }
                throw readFailure("get", key, e);
            } catch (RuntimeException e) {
                throw readFailure("get", key, e);
            }
        }
    }

    @Override
    public long size(String key) throws IOException {
        BlobClient b = blob(key);
        try {
            return b.getProperties().getBlobSize();
        } catch (RuntimeException e) {
            throw readFailure("properties", key, e);
        }
    }

    /**
     * A conditional Put Blob: {@code If-Match: <ETag>}, or {@code If-None-Match: *} to create. Azure answers 412
     * ConditionNotMet when the blob changed, 409 BlobAlreadyExists when it exists, 404 when it was deleted: all mean
     * another writer got there first — unless after a 412/409 the blob holds our bytes (a retried attempt of ours was
     * applied), which counts as written.
     */
    @Override
    public String putIf(String key, byte[] data, String expectedVersion) throws IOException {
        BlobClient b = blob(key);
        BlobRequestConditions when = expectedVersion == null ? new BlobRequestConditions().setIfNoneMatch("*")
                : new BlobRequestConditions().setIfMatch(expectedVersion);
        try {
            return b.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(data))
                    .setHeaders(new BlobHttpHeaders().setContentType(contentType(key))).setRequestConditions(when),
                    null, Context.NONE).getValue().getETag();
        } catch (BlobStorageException e) {
            int status = e.getStatusCode();
            if (status == 412 || status == 409 || status == 404) {
                BlobConflictException refusal = ConditionalWrites.conflict(uri(key), expectedVersion, "version",
                        " (Azure " + status + " " + e.getErrorCode() + ")", e);
                if (status == 404) {
                    throw refusal;
                }
                // the client may have retried an attempt that was applied: our bytes there mean written
                return ConditionalWrites.refusedUnlessOurs(this, key, data, refusal);
            }
            throw io("put", key, e);
        } catch (RuntimeException e) {
            throw io("put", key, e);
        }
    }

    private IOException readFailure(String op, String key, RuntimeException e) {
        if (e instanceof BlobStorageException s && notFound(s)) {
            return new NoSuchFileException(uri(key));
        }
        return io(op, key, e);
    }

    @Override
    public void put(String key, byte[] data) throws IOException {
        BlobClient b = blob(key);
        // no request conditions: the upload overwrites an existing blob, as BlobStore.put promises
        call("put", key, () -> b.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(data))
                .setHeaders(new BlobHttpHeaders().setContentType(contentType(key))), null, Context.NONE));
    }

    @Override
    public boolean exists(String key) throws IOException {
        BlobClient b = blob(key);
        return call("exists", key, b::exists);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Listings.checkPrefix(prefix);
        // the paged iterable follows continuation markers across pages
        return call("list", prefix, () -> Listings.sorted(keys -> container.listBlobs(new ListBlobsOptions()
                .setPrefix(prefix.isEmpty() ? null : prefix), null).forEach(item -> keys.accept(item.getName()))));
    }

    @Override
    public void delete(String key) throws IOException {
        BlobClient b = blob(key);
        call("delete", key, b::deleteIfExists);
    }

    private static boolean notFound(BlobStorageException e) {
        return e.getStatusCode() == 404 || BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())
                || BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode());
    }

    /** Runs one client call; a failure of it becomes an {@link IOException} naming the operation. */
    private <T> T call(String op, String key, Supplier<T> c) throws IOException {
        try {
            return c.get();
        } catch (RuntimeException e) {
            throw io(op, key, e);
        }
    }

    private IOException io(String op, String key, RuntimeException e) {
        if (e instanceof UncheckedIOException u) {
            return u.getCause();
        }
        return new IOException("azure blob " + op + " " + uri(key) + " failed: " + e.getMessage(), e);
    }

    static String contentType(String key) {
        return ContentTypes.of(key);
    }

    /**
     * Builds an {@link AzureBlobStore}: {@code setContainer} and either {@code setAccount} or a connection string
     * are required. The endpoint defaults to {@code https://<account>.blob.core.windows.net}; give
     * {@link #optEndpoint} for an emulator ({@code http://127.0.0.1:10000/devstoreaccount1}) or another cloud.
     * {@link #optRetries} maps onto the SDK's EXPONENTIAL retry policy (tries, per-try timeout, delays) and the HTTP
     * client's connect and response timeouts.
     */
    public static final class Builder extends StoreBuilder<Builder> {
        private String account;
        private String container;
        private String endpoint;
        private String connectionString;
        private String accountKey;
        private String sasToken;
        private TokenCredential tokenCredential;

        private Builder() {
        }

        public Builder setAccount(String account) {
            this.account = StorageUris.checkContainer("account", account);
            return this;
        }

        public Builder setContainer(String container) {
            this.container = StorageUris.checkContainer("container", container);
            return this;
        }

        public Builder optEndpoint(String endpoint) {
            this.endpoint = blankToNull(endpoint);
            return this;
        }

        /** A storage connection string; it carries the account, key and endpoints. */
        public Builder optConnectionString(String connectionString) {
            this.connectionString = blankToNull(connectionString);
            return this;
        }

        public Builder optAccountKey(String accountKey) {
            this.accountKey = blankToNull(accountKey);
            return this;
        }

        public Builder optSasToken(String sasToken) {
            this.sasToken = blankToNull(sasToken);
            return this;
        }

        /** An Entra ID credential (e.g. azure-identity's DefaultAzureCredential for a managed identity). */
        public Builder optCredential(TokenCredential credential) {
            this.tokenCredential = credential;
            return this;
        }

        /** The service client these settings describe (share it among containers of the account). */
        public BlobServiceClient serviceClient() {
            BlobServiceClientBuilder b = new BlobServiceClientBuilder()
                    .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, retries().maxAttempts(),
                            retries().attemptTimeout(), retries().baseDelay(), retries().maxDelay(), null))
                    .clientOptions(new HttpClientOptions().setConnectTimeout(retries().connectTimeout())
                            .setResponseTimeout(retries().attemptTimeout()).setReadTimeout(retries().attemptTimeout()));
            if (connectionString != null) {
                b.connectionString(connectionString);
                if (endpoint != null) {
                    b.endpoint(endpoint);
                }
            } else {
                if (account == null) {
                    throw new IllegalArgumentException("account: not set (setAccount) and no connection string given");
                }
                b.endpoint(endpoint != null ? endpoint : "https://" + account + ".blob.core.windows.net");
                if (accountKey != null) {
                    b.credential(new StorageSharedKeyCredential(account, accountKey));
                } else if (sasToken != null) {
                    b.sasToken(sasToken);
                } else if (tokenCredential != null) {
                    b.credential(tokenCredential);
                }
            }
            BlobServiceClient svc = b.buildClient();
            if (account != null && !account.equalsIgnoreCase(svc.getAccountName())) {
                throw new IllegalArgumentException("account: '" + account + "' but the connection string/endpoint is for '"
                        + svc.getAccountName() + "'");
            }
            return svc;
        }

        /** @throws IllegalArgumentException if the container or the account is missing */
        public AzureBlobStore build() {
            if (container == null) {
                throw new IllegalArgumentException("container: not set (setContainer)");
            }
            return new AzureBlobStore(serviceClient().getBlobContainerClient(container));
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
