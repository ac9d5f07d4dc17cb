// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.image.AnalyzeRequest;
import dev.vss.bl.image.BatchResult;
import dev.vss.bl.image.ErrorCode;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ImageResult;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.store.ImageSource;
import dev.vss.dl.image.Images;
import dev.vss.hla.HlaException;
import dev.vss.hla.face.Embedding;
import dev.vss.hla.gallery.Gallery;
import dev.vss.hla.pipeline.AnalyzerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instance's analysis loop on real images and models: contract fields, per-item failures, cold start, keep-warm. */
class InstanceAnalysisTest {
    static VssRuntime rt;
    static Gallery gallery;

    static Path images() {
        return dev.vss.models.Workspace.imagesDir();
    }

    @BeforeAll
    static void open() throws Exception {
        rt = VssRuntime.open("openvino", 2, null, AnalyzerOptions.defaults());
        gallery = Gallery.empty(rt.analyzer().embeddingModel(), Gallery.DEFAULT_THRESHOLD)
                .enrol("obama", List.of(face("faces/obama.jpg"))).enrol("biden", List.of(face("faces/biden.jpg")));
    }

    static Embedding face(String rel) throws Exception {
        return rt.analyzer().enrolmentFace(Images.read(images().resolve(rel))).embedding();
    }

    @AfterAll
    static void close() {
        rt.close();
    }

    static JsonNode json(ImageResult r) throws Exception {
        return ResultJson.mapper().readTree(ResultJson.line(r));
    }

    static BatchResult analyse(FunctionInstance fn, AnalyzeRequest req) throws Exception {
        return fn.invoke(req, ImageSource.localFiles(), gallery, null).result();
    }

    @Test
    void oneBadItemNeverFailsItsBatch(@TempDir Path tmp) throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.jpg"));
        Path truncated = tmp.resolve("truncated.jpg");
        byte[] jpg = Files.readAllBytes(images().resolve("faces/obama.jpg"));
        Files.write(truncated, java.util.Arrays.copyOf(jpg, jpg.length / 3));
        Path text = Files.writeString(tmp.resolve("notes.png"), "not an image");
        Path tiny = tmp.resolve("tiny.png");
        Images.write(Images.fromBgr(new byte[2 * 2 * 3], 2, 2), tiny);
        // a real PNG whose header claims 40000 x 40000 (1.6 gigapixels): refused before decoding
        Path huge = tmp.resolve("huge.png");
        Images.write(Images.fromBgr(new byte[8 * 8 * 3], 8, 8), huge);
        byte[] png = Files.readAllBytes(huge);
        java.nio.ByteBuffer.wrap(png, 16, 8).putInt(40000).putInt(40000);
        Files.write(huge, png);
        List<ImageRef> refs = new ArrayList<>();
        for (Path p : List.of(images().resolve("faces/two_people.jpg"), empty, truncated, tmp.resolve("missing.jpg"), text,
                tiny, images().resolve("no_people/fruits.jpg"), huge)) {
            refs.add(ImageRef.of(p.toString()));
        }
        BatchResult b = analyse(FunctionInstance.over(rt), AnalyzeRequest.of(refs));
        assertThat(b.results()).hasSize(8);
        assertThat(b.results()).extracting(ImageResult::ok).containsExactly(true, false, false, false, false, true, true, false);
        assertThat(b.failures()).extracting(ImageResult::errorCode).containsExactly(ErrorCode.DECODE_FAILED,
                ErrorCode.DECODE_FAILED, ErrorCode.NOT_FOUND, ErrorCode.DECODE_FAILED, ErrorCode.DECODE_FAILED);
        assertThat(b.results().get(7).errorMessage()).contains("40000");
        assertThat(b.failures()).allSatisfy(f -> assertThat(f.errorMessage()).isNotBlank());
        JsonNode good = json(b.results().get(0));
        assertThat(good.path("faces")).hasSize(2);
        assertThat(good.path("faces").get(0).path("identity").asText() + "," + good.path("faces").get(1).path("identity").asText())
                .isIn("obama,biden", "biden,obama");
        JsonNode bad = json(b.results().get(1));
        assertThat(bad.path("ok").asBoolean()).isFalse();
        assertThat(bad.path("error").path("code").asText()).isEqualTo("DECODE_FAILED");
        JsonNode tinyJson = json(b.results().get(5));
        assertThat(tinyJson.path("people")).isEmpty();
        assertThat(tinyJson.path("faces")).isEmpty();
    }

    @Test
    void resultCarriesTheContractFields() throws Exception {
        FunctionInstance fn = FunctionInstance.over(rt);
        BatchResult first = analyse(fn, AnalyzeRequest.of(List.of(new ImageRef(images().resolve("people/squat.bmp").toString(),
                "cam7", "2026-11-28T10:00:00Z"))));
        assertThat(first.coldStart()).isTrue();
        JsonNode j = json(first.results().get(0));
        for (String f : List.of("image", "ok", "error", "width", "height", "coverage", "people", "faces", "cold_start",
                "timings_ms", "models")) {
            assertThat(j.has(f)).as(f).isTrue();
        }
        assertThat(j.path("width").asInt()).isEqualTo(500);
        assertThat(j.path("height").asInt()).isEqualTo(610);
        assertThat(j.path("camera").asText()).isEqualTo("cam7");
        assertThat(j.path("coverage").path("covered").asBoolean()).isFalse();
        assertThat(j.path("people")).hasSize(1);
        JsonNode kps = j.path("people").get(0).path("keypoints");
        assertThat(kps).hasSize(18);
        assertThat(j.path("people").get(0).path("box")).hasSize(4);
        // added field: which method found the person (the detector's box, keypoints from the pose network)
        assertThat(j.path("people").get(0).path("found_by").asText()).isEqualTo("detector+pose");
        for (String t : List.of("decode", "coverage", "pose", "faces", "total")) {
            assertThat(j.path("timings_ms").path(t).asDouble()).as(t).isPositive();
        }
        assertThat(j.path("models").path("pose").asText()).isEqualTo("human-pose-estimation-0001/FP16-INT8");
        assertThat(j.path("cold_start").asBoolean()).isTrue();
        BatchResult second = analyse(fn, AnalyzeRequest.of(List.of(ImageRef.of(images().resolve("people/squat.bmp").toString()))));
        assertThat(json(second.results().get(0)).path("cold_start").asBoolean()).isFalse();
        BatchResult ping = analyse(fn, AnalyzeRequest.keepWarm());
        assertThat(ping.ping()).isTrue();
        assertThat(ping.results()).isEmpty();
    }

    @Test
    void aGalleryOfAnotherModelIsRefused() throws Exception {
        Gallery other = Gallery.empty("face-reidentification-retail-0095/FP16", 0.45f);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.match(face("faces/obama2.jpg")))
                .isInstanceOf(HlaException.class).hasMessageContaining("FP16");
    }
}
