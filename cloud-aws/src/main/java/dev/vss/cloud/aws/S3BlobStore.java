// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.aws;

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
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
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
        return getResponse(key).asByteArray();
    }

    @Override
    public Blob getVersioned(String key) throws IOException {
        ResponseBytes<GetObjectResponse> r = getResponse(key);
        if (r.response().eTag() == null) {
            throw new IOException("s3 get " + uri(key) + ": the answer carries no ETag, so it cannot be written "
                    + "conditionally");
        }
        return new Blob(r.asByteArray(), r.response().eTag());
    }

    private ResponseBytes<GetObjectResponse> getResponse(String key) throws IOException {
        Keys.checkUtf8Length(key);
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw readFailure("get", key, e);
        }
    }

    /** One GET: the size comes with the response headers, before any of the body is read. */
    @Override
    public byte[] get(String key, long maxBytes) throws IOException {
        Keys.checkUtf8Length(key);
        BoundedRead.checkLimit(maxBytes);
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            Long length = in.response().contentLength();
            if (length != null && length > maxBytes) {
                in.abort(); // do not drain the body: drop the connection
                throw new ObjectTooLargeException(uri(key), length, maxBytes);
            }
            try {
                return BoundedRead.readAtMost(in, maxBytes, uri(key));
            } catch (ObjectTooLargeException e) {
                in.abort();
                throw e;
            }
        } catch (SdkException e) {
            throw readFailure("get", key, e);
        }
    }

    @Override
    public long size(String key) throws IOException {
        Keys.checkUtf8Length(key);
        try {
            return s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
        } catch (SdkException e) {
            throw readFailure("head", key, e);
        }
    }

    @Override
    public void put(String key, byte[] data) throws IOException {
        Keys.checkUtf8Length(key);
        PutObjectRequest req = putRequest(key, data.length);
        call("put", key, () -> s3.putObject(req, RequestBody.fromBytes(data)));
    }

    /**
     * A conditional PUT: {@code If-Match: <ETag>}, or {@code If-None-Match: *} to create. S3 answers 412 when the
     * object changed (404 when it was deleted), and 409 when another conditional write to it is in flight; all
     * three mean another writer got there first.
     */
    @Override
    public String putIf(String key, byte[] data, String expectedVersion) throws IOException {
        Keys.checkUtf8Length(key);
        PutObjectRequest.Builder b = putRequest(key, data.length).toBuilder();
        if (expectedVersion == null) {
            b.ifNoneMatch("*");
        } else {
            b.ifMatch(expectedVersion);
        }
        try {
            return s3.putObject(b.build(), RequestBody.fromBytes(data)).eTag();
        } catch (S3Exception e) {
            int status = e.statusCode();
            Integer attempts = e.numAttempts();
            if ((status == 412 || status == 409) && attempts != null && attempts > 1) {
                // the SDK retried: an earlier attempt may have been applied and made this precondition fail
                return afterAmbiguousPut(key, data, expectedVersion, e);
            }
            if (status == 412 || status == 409 || status == 404) {
                throw ConditionalWrites.conflict(uri(key), expectedVersion, "version",
                        " (S3 " + status + " " + errorCode(e) + ")", e);
            }
            throw io("put", key, e);
        } catch (SdkException e) {
            // no answer (e.g. the server refused the precondition before reading the body and closed the
            // connection): decide from what the object is now
            return afterAmbiguousPut(key, data, expectedVersion, e);
        }
    }

    /** A conditional PUT whose outcome is unknown: decided by {@link ConditionalWrites#resolveAmbiguous}. */
    private String afterAmbiguousPut(String key, byte[] data, String expectedVersion, SdkException cause)
            throws IOException {
        return ConditionalWrites.resolveAmbiguous(this, key, uri(key), data, expectedVersion, "version",
                io("put", key, cause));
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
    }

    /** Not found as {@link NoSuchFileException}, the rest as an IOException naming the operation. */
    private IOException readFailure(String op, String key, SdkException e) {
        if (e instanceof NoSuchKeyException || e instanceof S3Exception s && s.statusCode() == 404) {
            return new NoSuchFileException(uri(key));
        }
        return io(op, key, e);
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
        Keys.checkUtf8Length(key);
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
        Listings.checkPrefix(prefix);
        // the paginator follows continuation tokens: a camera folder easily holds more than 1000 images
        // encoding-type=url: a key holding a character XML 1.0 cannot carry (a control character) would otherwise
        // make the whole listing unparseable; the SDK decodes the keys again (form decoding: '+' is a space)
        return call("list", prefix, () -> Listings.sorted(keys -> s3.listObjectsV2Paginator(b -> b.bucket(bucket)
                .prefix(prefix).encodingType(EncodingType.URL)).contents().forEach(o -> keys.accept(o.key()))));
    }

    @Override
    public void delete(String key) throws IOException {
        Keys.checkUtf8Length(key);
        call("delete", key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
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

    /** Runs one client call; an {@link SdkException} becomes an {@link IOException} naming the operation. */
    private <T> T call(String op, String key, Supplier<T> c) throws IOException {
        try {
            return c.get();
        } catch (SdkException e) {
            throw io(op, key, e);
        }
    }

    private IOException io(String op, String key, SdkException e) {
        return new IOException("s3 " + op + " " + uri(key) + " failed: " + e.getMessage(), e);
    }

    static String contentType(String key) {
        return ContentTypes.of(key);
    }

    /**
     * Builds an {@link S3BlobStore}. {@code set*} is required, {@code opt*} optional. Without
     * {@link #optClient}, a client is built from the options: region (else the SDK's default chain, e.g.
     * {@code AWS_REGION}), endpoint override, path-style, credentials (else the SDK default chain).
     */
    public static final class Builder extends StoreBuilder<Builder> {
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
            return new S3BlobStore(newClient(region, endpoint, pathStyle, credentials, retries()), true, bucket, sseKmsKeyId);
        }
    }

    /** {@link #newClient(String, URI, boolean, AwsCredentialsProvider, RetryPolicy)} with {@link RetryPolicy#DEFAULT}. */
    public static S3Client newClient(String region, URI endpoint, boolean pathStyle, AwsCredentialsProvider credentials) {
        return newClient(region, endpoint, pathStyle, credentials, RetryPolicy.DEFAULT);
    }

    /**
     * An S3 client over the URLConnection HTTP client; null arguments take the SDK defaults. Retries and timeouts are
     * set explicitly from {@code retries}: the SDK's standard strategy (500, 503 SlowDown, 429 and I/O errors are
     * retried; the circuit breaker is off so that one bad minute does not stop retries for the whole process) with
     * full-jitter exponential backoff, and connect / attempt / call timeouts.
     */
    public static S3Client newClient(String region, URI endpoint, boolean pathStyle, AwsCredentialsProvider credentials,
                                     RetryPolicy retries) {
        StandardRetryStrategy strategy = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(retries.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(retries.baseDelay(), retries.maxDelay()))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(retries.baseDelay().multipliedBy(5),
                        retries.maxDelay()))
                .circuitBreakerEnabled(false).build();
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(retries.connectTimeout())
                        .socketTimeout(retries.attemptTimeout()))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(strategy)
                        .apiCallAttemptTimeout(retries.attemptTimeout()).apiCallTimeout(retries.totalTimeout()).build())
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
