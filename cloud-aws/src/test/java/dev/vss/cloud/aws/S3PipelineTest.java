// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.events.EventParser;
import dev.vss.bl.image.AnalyzeRequest;
import dev.vss.bl.image.BatchResult;
import dev.vss.bl.image.ErrorCode;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ImageResult;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.runtime.FunctionInstance;
import dev.vss.bl.runtime.VssRuntime;
import dev.vss.bl.store.BlobStores;
import dev.vss.bl.store.ImageSource;
import dev.vss.bl.store.ResultWriter;
import dev.vss.bl.store.StorageImageSource;
import dev.vss.hla.pipeline.AnalyzerOptions;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance of issue 4 on S3: the shared images are uploaded to a bucket of a real S3 server (s3proxy on
 * 127.0.0.1), S3 event notifications in the recorded format announce N = 1, 5 and 10 of them (one a truncated
 * JPEG in the middle of the batch), the real pipeline (OpenVINO, the shared models) analyses them through an
 * ImageSource over the bucket, and the results are written back to the bucket and read back from it.
 */
class S3PipelineTest {
    static final String BUCKET = "vss-cams";
    static final String CORRUPT = "cam1/corrupt 0001.jpg";
    /** Object key → shared image; the key with spaces checks URL-decoding end to end. */
    static final Map<String, String> IMAGES = new LinkedHashMap<>();

    static {
        IMAGES.put("cam1/two_people.jpg", "faces/two_people.jpg");
        IMAGES.put("cam1/fruits.jpg", "no_people/fruits.jpg");
        IMAGES.put("cam1/front door squat.bmp", "people/squat.bmp");
        IMAGES.put("cam1/obama.jpg", "faces/obama.jpg");
        IMAGES.put("cam1/building.jpg", "no_people/building.jpg");
        IMAGES.put("cam1/messi5.jpg", "people/messi5.jpg");
        IMAGES.put("cam1/biden.jpg", "faces/biden.jpg");
        IMAGES.put("cam1/hot_dog.jpg", "no_people/hot_dog.jpg");
        IMAGES.put("cam1/basketball1.png", "people/basketball1.png");
    }

    static LocalS3 s3;
    static S3BlobStore bucket;
    static VssRuntime rt;

    static Path images() {
        return dev.vss.models.Workspace.imagesDir();
    }

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        bucket = s3.bucket(BUCKET);
        for (var e : IMAGES.entrySet()) {
            bucket.put(e.getKey(), Files.readAllBytes(images().resolve(e.getValue())));
        }
        byte[] jpg = Files.readAllBytes(images().resolve("faces/obama.jpg"));
        bucket.put(CORRUPT, Arrays.copyOf(jpg, jpg.length / 3)); // a JPEG cut off mid-scan
        rt = VssRuntime.open("openvino", 2, null, AnalyzerOptions.defaults());
    }

    @AfterAll
    static void stop() {
        if (rt != null) {
            rt.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    /** An S3 notification with one record per key, from the recorded sample, keys URL-encoded as S3 does. */
    static String s3Event(List<String> keys, String eventTime) throws Exception {
        ObjectNode event;
        try (InputStream in = S3PipelineTest.class.getResourceAsStream("/events/s3-put.json")) {
            event = (ObjectNode) ResultJson.mapper().readTree(in);
        }
        ObjectNode template = (ObjectNode) event.get("Records").get(0);
        ArrayNode records = event.putArray("Records");
        for (String key : keys) {
            ObjectNode r = template.deepCopy();
            r.put("eventTime", eventTime);
            ((ObjectNode) r.get("s3").get("bucket")).put("name", BUCKET).put("arn", "arn:aws:s3:::" + BUCKET);
            ((ObjectNode) r.get("s3").get("object")).put("key", URLEncoder.encode(key, StandardCharsets.UTF_8))
                    .put("size", bucket.get(key).length);
            records.add(r);
        }
        return event.toString();
    }

    /** Parses the event, runs the entry point over the bucket, writes the results back; returns them by key. */
    static Map<String, JsonNode> run(List<String> keys, String eventTime, ImageSource source) throws Exception {
        String json = s3Event(keys, eventTime);
        AnalyzeRequest req = EventParser.parse(json);
        assertThat(req.images()).hasSize(keys.size());
        assertThat(req.images()).allSatisfy(r -> assertThat(r.camera()).isEqualTo("cam1"));
        BatchResult batch = FunctionInstance.over(rt).invoke(req, source).result();
        assertThat(batch.results()).hasSize(keys.size());
        List<String> written = new ResultWriter(bucket).write(batch);
        String date = eventTime.substring(0, 10);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        List<String> stored = bucket.list("results/cam1/" + date + "/");
        for (int i = 0; i < keys.size(); i++) {
            String name = keys.get(i).substring("cam1/".length());
            String resultKey = "results/cam1/" + date + "/" + name + ".json";
            assertThat(written.get(i)).isEqualTo(resultKey);
            assertThat(stored).contains(resultKey);
            // read back from the server, not from memory
            JsonNode j = ResultJson.mapper().readTree(bucket.get(resultKey));
            assertThat(j.path("image").asText()).isEqualTo(req.images().get(i).uri());
            out.put(keys.get(i), j);
        }
        assertThat(batch.failures()).allSatisfy(f -> assertThat(f.ref().uri()).contains("corrupt"));
        return out;
    }

    static ImageSource source() {
        return new StorageImageSource(Map.of(URI.create("s3://" + BUCKET + "/"), bucket));
    }

    static void assertGood(JsonNode j) {
        assertThat(j.path("ok").asBoolean()).as(j.path("image").asText()).isTrue();
        assertThat(j.path("error").isNull()).isTrue();
        assertThat(j.path("width").asInt()).isPositive();
        assertThat(j.path("height").asInt()).isPositive();
        assertThat(j.path("timings_ms").path("total").asDouble()).isPositive();
        assertThat(j.path("models").path("pose").asText()).isNotEmpty();
    }

    static void assertCorrupt(JsonNode j) {
        assertThat(j.path("ok").asBoolean()).isFalse();
        assertThat(j.path("error").path("code").asText()).isEqualTo(ErrorCode.DECODE_FAILED.name());
        assertThat(j.path("error").path("message").asText()).isNotBlank();
    }

    @Test
    void oneKey() throws Exception {
        Map<String, JsonNode> r = run(List.of("cam1/two_people.jpg"), "2026-11-01T10:00:00.000Z", source());
        JsonNode j = r.get("cam1/two_people.jpg");
        assertGood(j);
        assertThat(j.path("people")).hasSize(2);
        assertThat(j.path("faces")).hasSize(2);
        assertThat(j.path("camera").asText()).isEqualTo("cam1");
        assertThat(j.path("timestamp").asText()).isEqualTo("2026-11-01T10:00:00.000Z");
    }

    @Test
    void fiveKeysWithACorruptObjectInTheMiddle_throughTheS3Provider() throws Exception {
        List<String> keys = List.of("cam1/fruits.jpg", "cam1/front door squat.bmp", CORRUPT, "cam1/obama.jpg", "cam1/building.jpg");
        // this batch reads the bucket through the s3:// provider (BlobStores + system-property settings)
        List<Map<String, JsonNode>> r = new ArrayList<>();
        S3BlobStoreTest.withS3Settings(s3, () -> r.add(run(keys, "2026-11-05T10:00:00.000Z", new StorageImageSource())));
        Map<String, JsonNode> res = r.get(0);
        assertThat(res.values()).extracting(j -> j.path("ok").asBoolean()).containsExactly(true, true, false, true, true);
        assertCorrupt(res.get(CORRUPT));
        res.entrySet().stream().filter(e -> !e.getKey().equals(CORRUPT)).forEach(e -> assertGood(e.getValue()));
        assertThat(res.get("cam1/fruits.jpg").path("people")).isEmpty();
        assertThat(res.get("cam1/fruits.jpg").path("faces")).isEmpty();
        assertThat(res.get("cam1/building.jpg").path("people")).isEmpty();
        JsonNode squat = res.get("cam1/front door squat.bmp");
        assertThat(squat.path("image").asText()).isEqualTo("s3://vss-cams/cam1/front%20door%20squat.bmp");
        assertThat(squat.path("width").asInt()).isEqualTo(500);
        assertThat(squat.path("people")).hasSize(1);
        assertThat(res.get("cam1/obama.jpg").path("faces")).hasSize(1);
    }

    @Test
    void tenKeysWithACorruptObjectInTheMiddle() throws Exception {
        List<String> keys = new ArrayList<>(IMAGES.keySet());
        keys.add(4, CORRUPT);
        assertThat(keys).hasSize(10);
        Map<String, JsonNode> res = run(keys, "2026-11-10T10:00:00.000Z", source());
        List<Boolean> ok = res.values().stream().map(j -> j.path("ok").asBoolean()).toList();
        assertThat(ok).containsExactly(true, true, true, true, false, true, true, true, true, true);
        assertCorrupt(res.get(CORRUPT));
        assertThat(res.get("cam1/two_people.jpg").path("people")).hasSize(2);
        assertThat(res.get("cam1/two_people.jpg").path("faces")).hasSize(2);
        assertThat(res.get("cam1/basketball1.png").path("people")).hasSize(2);
        assertThat(res.get("cam1/messi5.jpg").path("people")).hasSize(1);
        for (String none : List.of("cam1/fruits.jpg", "cam1/building.jpg", "cam1/hot_dog.jpg")) {
            assertThat(res.get(none).path("people")).as(none).isEmpty();
        }
        // every result object of the three dates is in the bucket: 1 + 5 + 10 when all tests ran, at least these 10
        assertThat(bucket.list("results/cam1/2026-11-10/")).hasSize(10);
    }

    @Test
    void keyValidationRejectsTraversal() throws Exception {
        // in the event: the parser refuses that record, naming it; no image is requested for it
        String evil = s3Event(List.of("cam1/obama.jpg"), "2026-11-11T00:00:00Z").replace("cam1%2Fobama.jpg", "cam1%2F..%2F..%2Fetc%2Fpasswd");
        var parsed = EventParser.read(evil);
        assertThat(parsed.images()).isEmpty();
        assertThat(parsed.rejected()).singleElement().satisfies(r -> assertThat(r.message())
                .contains("Records[0].s3.object.key").contains("'..'"));
        // in the store: refused before any request
        assertThatThrownBy(() -> bucket.get("cam1/../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket.put("../outside.json", new byte[1])).isInstanceOf(IllegalArgumentException.class);
        // a hand-made reference that climbs out fails alone; its batch neighbour still succeeds
        BatchResult b = FunctionInstance.over(rt).invoke(AnalyzeRequest.of(List.of(
                ImageRef.of("s3://vss-cams/cam1/%2E%2E/%2E%2E/etc/passwd"), ImageRef.of("s3://vss-cams/cam1/fruits.jpg"),
                ImageRef.of("s3://vss-cams/cam1/missing.jpg"))), source()).result();
        assertThat(b.results()).extracting(ImageResult::ok).containsExactly(false, true, false);
        assertThat(b.results().get(0).errorCode()).isEqualTo(ErrorCode.READ_FAILED);
        assertThat(b.results().get(0).errorMessage()).contains("'..'");
        assertThat(b.results().get(2).errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(BlobStores.schemes()).contains("s3");
    }
}
