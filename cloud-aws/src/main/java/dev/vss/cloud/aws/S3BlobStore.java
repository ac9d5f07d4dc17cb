// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.aws;

import dev.vss.bl.BlobStore;
import dev.vss.bl.Keys;
import dev.vss.bl.store.StorageUris;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * A {@link BlobStore} over one S3 bucket with the AWS SDK v2 sync client and the JDK URLConnection HTTP client
 * (the fastest to start on a cold function instance). Region, endpoint (for S3-compatible servers such as s3proxy
 * or MinIO), path-style addressing and credentials are configurable; when an SSE-KMS key is configured every write
 * asks S3 to encrypt the object with it ({@code x-amz-server-side-encryption: aws:kms}).
 * <p>
 * Ownership: a store built without {@link Builder#optClient} owns its client and closes it in {@link #close()}; a
 * store given a client leaves it open (share one client among buckets). Thread-safe, like the S3 client.
 *
 * <pre>{@code
 * try (S3BlobStore s = S3BlobStore.builder().setBucket("cams").optRegion("eu-west-1").build()) {
 *     byte[] jpg = s.get("cam1/2026-11-28T10-00-00.jpg");
 * }
 * }</pre>
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
    private final S3Client s3;
    private final boolean ownsClient;
    private final String bucket;
    private final String sseKmsKeyId;

    private S3BlobStore(S3Client s3, boolean ownsClient, String bucket, String sseKmsKeyId) {
        this.s3 = s3;
        this.ownsClient = ownsClient;
        this.bucket = bucket;
        this.sseKmsKeyId = sseKmsKeyId;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The bucket. */
    public String bucket() {
        return bucket;
    }

    /** The KMS key that writes are encrypted with, or null when SSE-KMS is not configured. */
    public String sseKmsKeyId() {
        return sseKmsKeyId;
    }

    /** The SDK client (for operations this interface does not cover, e.g. creating a bucket in a test). */
    public S3Client client() {
        return s3;
    }

    @Override
    public byte[] get(String key) throws IOException {
        Keys.check(key);
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(uri(key));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(uri(key));
            }
            throw io("get", key, e);
        } catch (SdkException e) {
            throw io("get", key, e);
        }
    }

    @Override
    public void put(String key, byte[] data) throws IOException {
        Keys.check(key);
        PutObjectRequest req = putRequest(key, data.length);
        try {
            s3.putObject(req, RequestBody.fromBytes(data));
        } catch (SdkException e) {
            throw io("put", key, e);
        }
    }

    /** The PutObject request of a write: SSE-KMS headers when a key is configured. Package-private for tests. */
    PutObjectRequest putRequest(String key, long length) {
        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(bucket).key(key).contentLength(length)
                .contentType(contentType(key));
        if (sseKmsKeyId != null) {
            b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(sseKmsKeyId);
        }
        return b.build();
    }

    @Override
    public boolean exists(String key) throws IOException {
        Keys.check(key);
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw io("head", key, e);
        } catch (SdkException e) {
            throw io("head", key, e);
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isEmpty()) {
            Keys.check(prefix);
        }
        List<String> keys = new ArrayList<>();
        try {
            // the paginator follows continuation tokens: a camera folder easily holds more than 1000 images
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
                for (S3Object o : page.contents()) {
                    keys.add(o.key());
                }
            }
        } catch (SdkException e) {
            throw io("list", prefix, e);
        }
        Collections.sort(keys);
        return keys;
    }

    @Override
    public void delete(String key) throws IOException {
        Keys.check(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw io("delete", key, e);
        }
    }

    /** Closes the client if this store built it. Idempotent. */
    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }

    private String uri(String key) {
        return StorageUris.of("s3", bucket, key);
    }

    private IOException io(String op, String key, SdkException e) {
        return new IOException("s3 " + op + " s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }

    static String contentType(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        if (k.endsWith(".json")) {
            return "application/json";
        }
        if (k.endsWith(".jsonl")) {
            return "application/x-ndjson";
        }
        if (k.endsWith(".jpg") || k.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (k.endsWith(".png")) {
            return "image/png";
        }
        return "application/octet-stream";
    }

    /**
     * Builds an {@link S3BlobStore}. {@code set*} is required, {@code opt*} optional. Without
     * {@link #optClient}, a client is built from the options: region (else the SDK's default chain, e.g.
     * {@code AWS_REGION}), endpoint override, path-style, credentials (else the SDK default chain).
     */
    public static final class Builder {
        private String bucket;
        private S3Client client;
        private String region;
        private URI endpoint;
        private boolean pathStyle;
        private AwsCredentialsProvider credentials;
        private String sseKmsKeyId;

        private Builder() {
        }

        public Builder setBucket(String bucket) {
            this.bucket = StorageUris.checkContainer("bucket", bucket);
            return this;
        }

        /** A client to use (not closed by the store); the region/endpoint/credentials options are then ignored. */
        public Builder optClient(S3Client client) {
            this.client = client;
            return this;
        }

        public Builder optRegion(String region) {
            this.region = region;
            return this;
        }

        /** An S3-compatible endpoint such as {@code http://127.0.0.1:9000}. */
        public Builder optEndpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Path-style URLs ({@code endpoint/bucket/key}) instead of virtual-hosted ({@code bucket.endpoint/key}). */
        public Builder optPathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        public Builder optCredentials(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Encrypt every write with SSE-KMS under this key (id, ARN or alias); null for the bucket default. */
        public Builder optSseKmsKeyId(String keyId) {
            this.sseKmsKeyId = keyId == null || keyId.isBlank() ? null : keyId;
            return this;
        }

        /** @throws IllegalArgumentException if the bucket is missing */
        public S3BlobStore build() {
            if (bucket == null) {
                throw new IllegalArgumentException("bucket: not set (setBucket)");
            }
            if (client != null) {
                return new S3BlobStore(client, false, bucket, sseKmsKeyId);
            }
            return new S3BlobStore(newClient(region, endpoint, pathStyle, credentials), true, bucket, sseKmsKeyId);
        }
    }

    /** An S3 client over the URLConnection HTTP client; null arguments take the SDK defaults. */
    public static S3Client newClient(String region, URI endpoint, boolean pathStyle, AwsCredentialsProvider credentials) {
        S3ClientBuilder b = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .forcePathStyle(pathStyle)
                .credentialsProvider(credentials != null ? credentials : DefaultCredentialsProvider.builder().build());
        if (region != null && !region.isBlank()) {
            b.region(Region.of(region));
        }
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return b.build();
    }
}
