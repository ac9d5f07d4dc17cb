// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.aws;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: s3proxy on 127.0.0.1 (an ephemeral port) over its in-memory blob store, with SigV4
 * authentication and dummy credentials, plus a real SDK v2 client with endpoint override and path-style URLs.
 */
public final class LocalS3 implements AutoCloseable {
    public static final String ACCESS = "vss-test-access";
    public static final String SECRET = "vss-test-secret";
    public static final String REGION = "us-east-1";
    private final S3Proxy proxy;
    public final URI endpoint;
    public final S3Client client;

    public LocalS3() throws Exception {
        proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(20);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        client = S3BlobStore.newClient(REGION, endpoint, true, credentials());
    }

    /** s3proxy's port (to put a {@link dev.vss.bl.testing.FaultProxy} in front of it). */
    public int port() {
        return endpoint.getPort();
    }

    /** A client to another endpoint on this machine (a proxy in front of s3proxy) with these retries. */
    public static S3Client clientTo(int port, dev.vss.bl.store.RetryPolicy retries) {
        return S3BlobStore.newClient(REGION, URI.create("http://127.0.0.1:" + port), true, credentials(), retries);
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET));
    }

    public S3BlobStore bucket(String name) {
        client.createBucket(b -> b.bucket(name));
        return S3BlobStore.builder().setBucket(name).optClient(client).build();
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }
}
