// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.events.EventFormat;
import dev.vss.bl.gallery.GalleryStore;
import dev.vss.bl.image.ErrorCode;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.runtime.InitStrategy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composition root on the real pipeline (OpenVINO, shared models and images): enrolment and matching through one
 * handler, per-record failures with ids, the input allow-list, results stored where they cannot re-trigger, HTTP
 * bodies, keep-warm, fail-fast init and restore.
 */
class VssHandlerTest {
    @TempDir
    static Path dir;
    static Path inputs;
    static Path galleryDir;
    static String key;

    @BeforeAll
    static void setUp() throws Exception {
        inputs = Files.createDirectories(dir.resolve("incoming/cam1"));
        for (String rel : List.of("faces/two_people.jpg", "faces/obama2.jpg", "no_people/fruits.jpg")) {
            Files.copy(dev.vss.models.Workspace.imagesDir().resolve(rel), inputs.resolve(Path.of(rel).getFileName()));
        }
        byte[] jpeg = Files.readAllBytes(inputs.resolve("obama2.jpg"));
        Files.write(inputs.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
        galleryDir = dir.resolve("gallery");
        key = LocalKeyWrapper.newKeyBase64();
        try (VssHandler h = VssHandler.builder(settings().optInit(InitStrategy.LAZY).build()).build()) {
            h.enrol("obama", List.of(ImageRef.of(dev.vss.models.Workspace.imagesDir().resolve("faces/obama.jpg").toString())));
            GalleryStore.Versioned v = h.enrol("biden",
                    List.of(ImageRef.of(dev.vss.models.Workspace.imagesDir().resolve("faces/biden.jpg").toUri().toString())));
            assertThat(v.version()).isEqualTo(2);
            assertThat(v.gallery().ids()).containsExactlyInAnyOrder("obama", "biden");
        }
    }

    static VssSettings.Builder settings() {
        return VssSettings.builder().optThreads(2).optGallery(galleryDir.toUri()).optGalleryKey(key);
    }

    static String direct(String... uris) {
        return "{\"id\":\"req-1\",\"images\":[" + String.join(",", Arrays.stream(uris).map(u -> "\"" + u + "\"").toList())
                + "]}";
    }

    static String uri(String name) {
        return inputs.resolve(name).toUri().toString();
    }

    @Test
    void oneEventIdentitiesPerItemFailuresAndStoredResults() throws Exception {
        Path results = dir.resolve("results");
        VssSettings s = settings().optInputs(List.of(dir.resolve("incoming").toUri())).optResults(results.toUri()).build();
        try (VssHandler h = VssHandler.builder(s).optRequireInputs(true).build()) {
            String outside = dev.vss.models.Workspace.imagesDir().resolve("faces/obama2.jpg").toUri().toString();
            HandlerResponse r = h.handle(direct(uri("two_people.jpg"), uri("truncated.jpg"), outside, uri("fruits.jpg")));
            assertThat(r.format()).isEqualTo(EventFormat.DIRECT);
            assertThat(r.coldStart()).isTrue();
            assertThat(r.results()).hasSize(4);
            JsonNode two = ResultJson.mapper().readTree(ResultJson.line(r.results().get(0)));
            List<String> ids = new ArrayList<>();
            two.path("faces").forEach(f -> ids.add(f.path("identity").asText()));
            assertThat(ids).containsExactlyInAnyOrder("obama", "biden");
            assertThat(two.path("people")).hasSize(2);
            assertThat(r.results().get(1).errorCode()).isEqualTo(ErrorCode.DECODE_FAILED);
            assertThat(r.results().get(2).errorCode()).isEqualTo(ErrorCode.NOT_ALLOWED);
            assertThat(r.results().get(3).ok()).isTrue();
            assertThat(r.results().get(3).analysis().people()).isEmpty();
            assertThat(r.failures()).extracting(HandlerResponse.Failure::code)
                    .containsExactly(ErrorCode.DECODE_FAILED, ErrorCode.NOT_ALLOWED);
            assertThat(r.failedRecordIds()).containsExactly("req-1");
            // each result stored under <camera>/<date>/<name>.json, failures too, and the response says where
            assertThat(r.locations()).hasSize(4).doesNotContainNull();
            Path stored = Path.of(URI.create(r.locations().get(0)));
            assertThat(stored).startsWith(results).hasFileName("two_people.jpg.json");
            assertThat(stored.getParent().getParent().getFileName().toString()).isEqualTo("cam1");
            JsonNode back = ResultJson.mapper().readTree(Files.readString(stored));
            assertThat(back.path("faces")).hasSize(2);
            assertThat(Files.readString(Path.of(URI.create(r.locations().get(1))))).contains("DECODE_FAILED");
            // the same event again rewrites the same objects: warm, nothing duplicated
            HandlerResponse again = h.handle(direct(uri("two_people.jpg")));
            assertThat(again.coldStart()).isFalse();
            assertThat(again.locations()).containsExactly(r.locations().get(0));
            try (var files = Files.walk(results)) {
                assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(4);
            }
        }
    }

    @Test
    void badRecordsFailAloneUnderTheirSqsMessageIds() throws Exception {
        VssSettings s = settings().optInputs(List.of(dir.resolve("incoming").toUri())).build();
        try (VssHandler h = VssHandler.builder(s).build()) {
            String good = "{\"images\":[\"" + uri("fruits.jpg") + "\"]}";
            String bad = "{\"images\":[\"" + uri("truncated.jpg") + "\"]}";
            String sqs = "{\"Records\":[" + sqs("m-1", good) + "," + sqs("m-2", bad) + "," + sqs("m-3", "not json")
                    + "," + sqs("m-4", good) + "]}";
            HandlerResponse r = h.handle(sqs);
            assertThat(r.format()).isEqualTo(EventFormat.SQS);
            assertThat(r.results()).extracting(x -> x.ref().recordId()).containsExactly("m-1", "m-2", "m-4");
            assertThat(r.failedRecordIds()).containsExactlyInAnyOrder("m-2", "m-3");
            assertThat(r.hasUnattributedFailure()).isFalse();
            assertThat(r.failures()).filteredOn(f -> f.recordId().equals("m-3")).singleElement()
                    .satisfies(f -> assertThat(f.code()).isEqualTo(ErrorCode.BAD_RECORD));
        }
    }

    static String sqs(String id, String body) {
        return "{\"messageId\":\"" + id + "\",\"eventSource\":\"aws:sqs\",\"body\":"
                + ResultJson.mapper().valueToTree(body) + "}";
    }

    @Test
    void httpBodiesKeepWarmAndRestore() throws Exception {
        try (VssHandler h = VssHandler.builder(settings().optInit(InitStrategy.LAZY).build()).build()) {
            HandlerResponse ping = h.handle("{\"keep_warm\": true}");
            assertThat(ping.ping()).isTrue();
            assertThat(h.instance().initialized()).as("a ping builds nothing").isFalse();
            HttpAnswer ok = h.http(Files.readAllBytes(inputs.resolve("two_people.jpg")), "upload.jpg");
            assertThat(ok.status()).isEqualTo(200);
            JsonNode j = ResultJson.mapper().readTree(ok.json());
            assertThat(j.path("image").asText()).isEqualTo("upload.jpg");
            assertThat(j.path("faces")).hasSize(2);
            assertThat(j.path("cold_start").asBoolean()).as("the ping was the cold start").isFalse();
            HttpAnswer text = h.http("hello, I am not an image".getBytes(), "x.jpg");
            assertThat(text.status()).isEqualTo(400);
            assertThat(ResultJson.mapper().readTree(text.json()).path("error").path("code").asText())
                    .isEqualTo("DECODE_FAILED");
            assertThat(h.http(new byte[0], null).status()).isEqualTo(400);
            h.afterRestore();
            assertThat(h.http(Files.readAllBytes(inputs.resolve("fruits.jpg")), "f.jpg").status()).isEqualTo(200);
        }
        VssSettings small = settings().optMaxImageBytes(1000).build();
        try (VssHandler h = VssHandler.builder(small).build()) {
            HttpAnswer big = h.http(Files.readAllBytes(inputs.resolve("fruits.jpg")), "f.jpg");
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.json()).contains("IMAGE_TOO_LARGE").contains("VSS_MAX_IMAGE_BYTES");
            HandlerResponse r = h.analyze(List.of(ImageRef.of(uri("fruits.jpg"))));
            assertThat(r.results().get(0).errorCode()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
        }
    }

    @Test
    void initFailsFastOnMismatchMissingKeyAndUnsafeLocations() throws Exception {
        // a gallery made with FP16-INT8 embeddings, a pipeline at FP16: refused before anything is compiled
        assertThatThrownBy(() -> VssHandler.builder(settings().optPrecision("FP16").build()).build())
                .isInstanceOf(VssException.class).hasMessageContaining("MISMATCH").hasMessageContaining("/FP16-INT8");
        // the gallery exists but no key is configured
        VssSettings noKey = VssSettings.builder().optGallery(galleryDir.toUri())
                .optGalleryKeyFile(dir.resolve("missing.key")).build();
        assertThatThrownBy(() -> VssHandler.builder(noKey).build()).isInstanceOf(VssException.class)
                .hasMessageContaining("no key").hasMessageContaining("missing.key");
        // the wrong key
        VssSettings wrong = settings().optGalleryKey(LocalKeyWrapper.newKeyBase64()).build();
        assertThatThrownBy(() -> VssHandler.builder(wrong).build()).isInstanceOf(VssException.class)
                .hasMessageContaining("WRONG_KEY");
        // a function without input locations, and results inside an input
        assertThatThrownBy(() -> VssHandler.builder(VssSettings.builder().build()).optRequireInputs(true).build())
                .hasMessageContaining("VSS_INPUTS");
        VssSettings loop = VssSettings.builder().optInputs(List.of(dir.toUri())).optResults(dir.resolve("out").toUri())
                .build();
        assertThatThrownBy(() -> VssHandler.builder(loop).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trigger the function again");
    }

    @Test
    void localScopeBuildsInEveryCallAndEraseReachesTheWarmGallery() throws Exception {
        Path g2 = dir.resolve("gallery-copy");
        Files.createDirectories(g2);
        try (var files = Files.list(galleryDir)) {
            for (Path f : files.toList()) {
                Files.copy(f, g2.resolve(f.getFileName()));
            }
        }
        VssSettings s = settings().optGallery(g2.toUri()).optInit(InitStrategy.LOCAL)
                .optGalleryRefresh(java.time.Duration.ZERO).build();
        try (VssHandler h = VssHandler.builder(s).build()) {
            HandlerResponse first = h.analyze(List.of(ImageRef.of(uri("obama2.jpg"))));
            assertThat(first.init()).as("local scope: init inside the call").isNotNull();
            assertThat(first.results().get(0).analysis().faces().get(0).match().identity()).isEqualTo("obama");
            assertThat(h.erase("obama").gallery().ids()).containsExactly("biden");
            HandlerResponse second = h.analyze(List.of(ImageRef.of(uri("obama2.jpg"))));
            assertThat(second.init()).isNotNull();
            assertThat(second.coldStart()).isFalse();
            assertThat(second.results().get(0).analysis().faces().get(0).match().identity()).as("erased: unknown now").isNull();
        }
    }

    @Test
    void theSmallestPersonIsSetPerCamera() throws Exception {
        // the same street frame from two cameras: one finds people down to the default size, one only taller than 300 px
        Path street = Files.createDirectories(dir.resolve("percam/street"));
        Path lobby = Files.createDirectories(dir.resolve("percam/lobby"));
        Path frame = dev.vss.models.Workspace.imagesDir().resolve("people/vtest_frame0000.png");
        Files.copy(frame, street.resolve("f.png"));
        Files.copy(frame, lobby.resolve("f.png"));
        VssSettings s = settings().optInputs(List.of(dir.resolve("percam").toUri()))
                .optMinPersonPx(PersonSizes.parse("lobby=300,0")).build();
        try (VssHandler h = VssHandler.builder(s).build()) {
            HandlerResponse r = h.analyze(List.of(ImageRef.of(street.resolve("f.png").toUri().toString()),
                    ImageRef.of(lobby.resolve("f.png").toUri().toString())));
            assertThat(r.results().get(0).ref().camera()).isEqualTo("street");
            assertThat(r.results().get(0).analysis().people()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(r.results().get(1).ref().camera()).isEqualTo("lobby");
            assertThat(r.results().get(1).analysis().people()).as("nobody is 300 px tall in this frame").isEmpty();
        }
    }
}
