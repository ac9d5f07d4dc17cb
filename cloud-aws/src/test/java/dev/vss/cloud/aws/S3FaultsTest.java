// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.bl.gallery.GalleryStore;
import dev.vss.bl.image.BatchResult;
import dev.vss.bl.image.ErrorCode;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ImageResult;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.store.PrefixedBlobStore;
import dev.vss.bl.store.ResultWriter;
import dev.vss.bl.store.RetryPolicy;
import dev.vss.bl.testing.BlobStoreContract;
import dev.vss.bl.testing.FaultProxy.Fault;
import dev.vss.bl.testing.FaultProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Storage faults between the S3 client and s3proxy, injected by a {@link FaultProxy} on 127.0.0.1: 500, 503 SlowDown,
 * 429, a reset connection and a delay past the attempt timeout are retried (with jittered backoff) and the call
 * succeeds; 403 and 404 are not retried and are reported; a gallery write whose answer is lost is not applied twice;
 * a gallery write that keeps failing leaves the previous gallery whole; result writes are idempotent.
 */
class S3FaultsTest {
    /** Quick retries for a test: 4 attempts, 10-200 ms pauses, 1 s an attempt. */
    static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(200),
            Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(20));
    static LocalS3 s3;
    static FaultProxy proxy;
    static S3Client client;
    static S3BlobStore store;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        s3.bucket("faults");
        proxy = new FaultProxy(s3.port());
        client = LocalS3.clientTo(proxy.port(), FAST);
        store = S3BlobStore.builder().setBucket("faults").optClient(client).build();
    }

    @AfterEach
    void noRulesLeft() {
        proxy.clearRules();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        proxy.close();
        s3.close();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void errorStatusesAreRetriedWithBackoff() throws Exception {
        store.put("r/a.jpg", b("jpeg-a"));
        proxy.inject("GET", "/faults/r/a\\.jpg.*", Fault.STATUS_500, 1)
                .inject("GET", "/faults/r/a\\.jpg.*", Fault.SLOW_DOWN_503, 1)
                .inject("GET", "/faults/r/a\\.jpg.*", Fault.TOO_MANY_429, 1);
        assertThat(store.get("r/a.jpg")).isEqualTo(b("jpeg-a"));
        assertThat(outcomes("GET", "/faults/r/a\\.jpg.*")).containsExactly("injected 500", "injected 503", "injected 429",
                "forwarded 200");
    }

    @Test
    void aResetConnectionAndADelayPastTheTimeoutAreRetried() throws Exception {
        store.put("r/b.jpg", b("jpeg-b"));
        proxy.inject("GET", "/faults/r/b\\.jpg.*", Fault.RESET_BEFORE, 1)
                .delay("GET", "/faults/r/b\\.jpg.*", Duration.ofSeconds(3), 1);
        assertThat(store.get("r/b.jpg", 1000)).isEqualTo(b("jpeg-b"));
        assertThat(outcomes("GET", "/faults/r/b\\.jpg.*")).containsExactly("reset before forwarding", "delayed 3000 ms",
                "forwarded 200");
    }

    @Test
    void permanentFaultsAreReportedAtOnce() throws Exception {
        store.put("r/c.jpg", b("jpeg-c"));
        proxy.inject("GET", "/faults/r/c\\.jpg.*", Fault.FORBIDDEN_403, 5);
        assertThatThrownBy(() -> store.get("r/c.jpg")).isInstanceOf(IOException.class).hasMessageContaining("403")
                .hasMessageContaining("s3://faults/r/c.jpg");
        assertThat(proxy.count("GET", "/faults/r/c\\.jpg.*")).as("403 is not retried").isEqualTo(1);
        proxy.clearRules();
        proxy.inject("GET", "/faults/r/c\\.jpg.*", Fault.NOT_FOUND_404, 5);
        assertThatThrownBy(() -> store.get("r/c.jpg")).isInstanceOf(NoSuchFileException.class);
        assertThat(proxy.count("GET", "/faults/r/c\\.jpg.*")).as("404 is not retried").isEqualTo(2);
    }

    @Test
    void transientFaultsThatOutlastTheRetriesAreReported() throws Exception {
        store.put("r/d.jpg", b("jpeg-d"));
        proxy.inject("GET", "/faults/r/d\\.jpg.*", Fault.SLOW_DOWN_503, 10);
        assertThatThrownBy(() -> store.get("r/d.jpg")).isInstanceOf(IOException.class).hasMessageContaining("503");
        assertThat(proxy.count("GET", "/faults/r/d\\.jpg.*")).as("maxAttempts").isEqualTo(FAST.maxAttempts());
    }

    @Test
    void aGalleryWriteWhoseAnswerIsLostIsAppliedOnce() throws Exception {
        KeyWrapper key = BlobStoreContract.newKey();
        GalleryStore g = new GalleryStore(new PrefixedBlobStore(store, "lost"), key);
        Random r = new Random(1);
        g.enrol("alice", List.of(BlobStoreContract.vector(r)));
        // the PUT reaches S3 and is applied, the answer never arrives; the SDK sends it again, If-Match now fails
        proxy.inject("PUT", "/faults/lost/gallery\\.json\\.enc.*", Fault.RESET_AFTER, 1);
        GalleryStore.Versioned v = g.enrol("bob", List.of(BlobStoreContract.vector(r)));
        assertThat(v.version()).as("one write, not two").isEqualTo(2);
        assertThat(outcomes("PUT", "/faults/lost/gallery\\.json\\.enc.*"))
                .containsExactly("forwarded 200", "applied 200, then reset", "forwarded 412");
        GalleryStore.Versioned back = new GalleryStore(new PrefixedBlobStore(store, "lost"), key).load();
        assertThat(back.version()).isEqualTo(2);
        assertThat(back.gallery().ids()).containsExactly("alice", "bob");
        assertThat(back.gallery().embeddings("bob")).hasSize(1);
    }

    @Test
    void aConditionalPutWhoseAnswerIsLostAndWhoseRetryGets412IsReportedAsWritten() throws Exception {
        byte[] first = "version one".getBytes(StandardCharsets.UTF_8);
        byte[] second = "version two".getBytes(StandardCharsets.UTF_8);
        String v1 = store.putIf("cond/blob", first, null);
        proxy.inject("PUT", "/faults/cond/blob.*", Fault.RESET_AFTER, 1);
        // the first attempt is applied, its answer lost; the SDK's retry finds the ETag changed (412): the store
        // reads the object back, finds its own bytes and reports the write, not a conflict
        String v2 = store.putIf("cond/blob", second, v1);
        assertThat(v2).isNotEqualTo(v1);
        assertThat(outcomes("PUT", "/faults/cond/blob.*")).containsExactly("forwarded 200", "applied 200, then reset",
                "forwarded 412");
        assertThat(store.get("cond/blob")).isEqualTo(second);
        // a real conflict after a retry is still one: v1 is stale and the bytes there are not these
        proxy.inject("PUT", "/faults/cond/blob.*", Fault.RESET_AFTER, 1);
        assertThatThrownBy(() -> store.putIf("cond/blob", first, v1))
                .isInstanceOf(dev.vss.bl.store.BlobConflictException.class);
    }

    @Test
    void aGalleryWriteThatKeepsFailingLeavesThePreviousGalleryWhole() throws Exception {
        KeyWrapper key = BlobStoreContract.newKey();
        GalleryStore g = new GalleryStore(new PrefixedBlobStore(store, "whole"), key);
        Random r = new Random(2);
        g.enrol("alice", List.of(BlobStoreContract.vector(r)));
        proxy.inject("PUT", "/faults/whole/gallery\\.json\\.enc.*", Fault.STATUS_500, 10);
        IOException e = catchThrowableOfType(IOException.class, () -> g.enrol("bob", List.of(BlobStoreContract.vector(r))));
        assertThat(e).hasMessageContaining("500");
        GalleryStore.Versioned v = new GalleryStore(new PrefixedBlobStore(store, "whole"), key).load();
        assertThat(v.version()).isEqualTo(1);
        assertThat(v.gallery().ids()).containsExactly("alice");
        proxy.clearRules();
        assertThat(g.enrol("bob", List.of(BlobStoreContract.vector(r))).version()).isEqualTo(2);
    }

    @Test
    void resultWritesAreIdempotentUnderFaultsAndRedelivery() throws Exception {
        ResultWriter w = new ResultWriter(store, "results/", Clock.systemUTC());
        List<ImageResult> results = List.of(
                ImageResult.failed(new ImageRef("s3://faults/cam1/a.jpg", null, "2026-11-28T10:00:00Z"), ErrorCode.DECODE_FAILED, "x", false),
                ImageResult.failed(new ImageRef("s3://faults/cam1/b.jpg", null, "2026-11-28T10:00:01Z"), ErrorCode.NOT_FOUND, "y", false),
                ImageResult.failed(new ImageRef("s3://faults/cam1/c.jpg", null, "2026-11-28T10:00:02Z"), ErrorCode.BAD_IMAGE, "z", false));
        BatchResult batch = new BatchResult(results, false, false);
        proxy.inject("PUT", "/faults/results/.*", Fault.RESET_AFTER, 1)
                .inject("PUT", "/faults/results/.*", Fault.SLOW_DOWN_503, 1)
                .inject("PUT", "/faults/results/.*", Fault.RESET_BEFORE, 1);
        List<String> keys = w.write(batch);
        List<String> again = w.write(batch); // the event is delivered a second time
        assertThat(again).isEqualTo(keys);
        assertThat(store.list("results/")).as("one object per image, no duplicates").containsExactlyInAnyOrderElementsOf(keys);
        for (int i = 0; i < keys.size(); i++) {
            JsonNode j = ResultJson.mapper().readTree(store.get(keys.get(i))); // whole JSON, never a part
            assertThat(j.path("image").asText()).isEqualTo(results.get(i).ref().uri());
            assertThat(j.path("error").path("code").asText()).isEqualTo(results.get(i).errorCode().name());
        }
    }

    @Test
    void inABatchPermanentFaultsFailTheirItemAndTransientOnesAreRetried() throws Exception {
        java.nio.file.Path images = dev.vss.models.Workspace.imagesDir();
        for (String k : List.of("cam2/ok.jpg", "cam2/denied.jpg", "cam2/slow.jpg")) {
            store.put(k, java.nio.file.Files.readAllBytes(images.resolve("people/messi5.jpg")));
        }
        proxy.inject("GET", "/faults/cam2/denied\\.jpg.*", Fault.FORBIDDEN_403, 5)
                .inject("GET", "/faults/cam2/slow\\.jpg.*", Fault.SLOW_DOWN_503, 2);
        dev.vss.bl.store.ImageSource source = new dev.vss.bl.store.InputGuard(new dev.vss.bl.store.StorageImageSource(
                java.util.Map.of(java.net.URI.create("s3://faults/"), store)), List.of(), 20L << 20);
        try (dev.vss.bl.runtime.VssRuntime rt = dev.vss.bl.runtime.VssRuntime.open("openvino", 2, null,
                dev.vss.hla.pipeline.AnalyzerOptions.defaults())) {
            dev.vss.bl.runtime.FunctionInstance fn = dev.vss.bl.runtime.FunctionInstance.over(rt);
            BatchResult b = fn.invoke(dev.vss.bl.image.AnalyzeRequest.of(List.of(ImageRef.of("s3://faults/cam2/ok.jpg"),
                    ImageRef.of("s3://faults/cam2/denied.jpg"), ImageRef.of("s3://faults/cam2/slow.jpg"),
                    ImageRef.of("s3://faults/cam2/missing.jpg"))), source).result();
            assertThat(b.results()).extracting(ImageResult::errorCode)
                    .containsExactly(null, ErrorCode.READ_FAILED, null, ErrorCode.NOT_FOUND);
            assertThat(b.results().get(1).errorMessage()).contains("403");
            assertThat(b.results().get(2).analysis().people()).isNotEmpty();
            assertThat(outcomes("GET", "/faults/cam2/slow\\.jpg.*")).containsExactly("injected 503", "injected 503",
                    "forwarded 200");
        }
    }

    /** The outcomes of the requests matching, in order. */
    static List<String> outcomes(String method, String pathRegex) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(pathRegex);
        return proxy.seen().stream().filter(s -> s.method().equals(method) && p.matcher(s.path()).matches())
                .map(FaultProxy.Seen::outcome).toList();
    }
}
