// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.gcp;

import static dev.vss.bl.testing.ResultJsons.comparable;
import static dev.vss.bl.testing.ResultJsons.identities;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.runtime.InitStrategy;
import dev.vss.bl.testing.Emulator;
import dev.vss.bl.testing.ResultJsons;
import dev.vss.cli.VssCli;
import dev.vss.cloud.gcp.GcsBlobStore;
import dev.vss.hla.pipeline.AnalyzerOptions;
import dev.vss.hla.pipeline.ModelPlan;
import dev.vss.models.CatalogEntry;
import dev.vss.models.ModelCatalog;
import dev.vss.models.ModelFile;
import dev.vss.models.ModelRepository;
import dev.vss.models.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BUILT deployment folder in the real Functions Framework invoker (child JVMs on free ports, called on
 * 127.0.0.1): the Cloud Storage function with CloudEvents in binary and structured mode, the HTTP function with
 * image bodies; images, models, gallery and results in fake-gcs-server on 127.0.0.1. Also: a run of five events
 * with a truncated JPEG, a bucket that is not configured, and the same JSON as {@code vss analyze}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GcpFunctionsIT {
    static final String PROJECT = "vss-test";
    @TempDir
    static Path work;
    static Emulator gcs;
    static String host;
    static Storage storage;
    static GcsBlobStore cams;
    static Path keyFile;
    static InvokerProcess events;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void deploy() throws Exception {
        var exe = Emulator.installed("fake-gcs", "fake-gcs/bin/fake-gcs-server"); // as cloud-gcp's storage tests
        int port = Emulator.freePort();
        gcs = Emulator.start("fake-gcs-server", port, List.of(exe.toString(), "-scheme", "http", "-host", "127.0.0.1",
                "-port", Integer.toString(port), "-backend", "memory", "-public-host", "127.0.0.1:" + port,
                "-log-level", "warn"));
        host = "http://127.0.0.1:" + port;
        storage = GcsBlobStore.newClient(host, PROJECT, null);
        cams = bucket("vss-cams");
        GcsBlobStore models = bucket("vss-models");
        GcsBlobStore other = bucket("other-cams");
        Path images = Workspace.imagesDir();
        put(cams, "incoming/cam1/2026-11-28T10:00:00Z.jpg", images.resolve("faces/two_people.jpg"));
        put(cams, "incoming/cam2/a.jpg", images.resolve("faces/obama2.jpg"));
        put(cams, "incoming/cam2/b.jpg", images.resolve("no_people/fruits.jpg"));
        byte[] jpeg = Files.readAllBytes(images.resolve("faces/biden.jpg"));
        cams.put("incoming/cam2/c.jpg", Arrays.copyOf(jpeg, jpeg.length / 2)); // truncated in transit
        put(cams, "incoming/cam2/d.png", images.resolve("people/basketball1.png"));
        put(cams, "incoming/cam2/e.jpg", images.resolve("faces/biden.jpg"));
        put(other, "incoming/cam9/x.jpg", images.resolve("faces/biden.jpg")); // readable, but not ours
        ModelRepository local = ModelRepository.fromEnvironment();
        for (CatalogEntry e : ModelPlan.of(ModelCatalog.load(), AnalyzerOptions.defaults()).entries()) {
            for (ModelFile f : e.files()) {
                models.put("models/" + f.path(), Files.readAllBytes(local.dir().resolve(f.path())));
            }
        }
        // this JVM reaches the emulator too: enrol the gallery through the same handler code, into the bucket
        System.setProperty("vss.gcs.host", host);
        System.setProperty("vss.gcs.projectId", PROJECT);
        keyFile = work.resolve("gallery.key");
        Files.writeString(keyFile, LocalKeyWrapper.newKeyBase64() + "\n");
        Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (VssHandler h = VssHandler.create(VssSettings.builder().optGallery(URI.create("gs://vss-cams/gallery/"))
                .optGalleryKeyFile(keyFile).optInit(InitStrategy.LAZY).build())) {
            h.enrol("obama", List.of(ImageRef.of(images.resolve("faces/obama.jpg").toString())));
            h.enrol("biden", List.of(ImageRef.of(images.resolve("faces/biden.jpg").toString())));
        }
        events = new InvokerProcess(work.resolve("events"), "dev.vss.adapter.gcp.VssStorageFunction",
                Emulator.freePort(), functionEnv(Map.of("VSS_INPUTS", "gs://vss-cams/incoming/",
                        "VSS_RESULTS", "gs://vss-cams/results/"))).awaitListening(300);
    }

    static Map<String, String> functionEnv(Map<String, String> extra) throws Exception {
        Map<String, String> m = new java.util.LinkedHashMap<>(Map.of("GOOGLE_CLOUD_PROJECT", PROJECT,
                "STORAGE_EMULATOR_HOST", host, "VSS_GALLERY", "gs://vss-cams/gallery/",
                "VSS_GALLERY_KEY", Files.readString(keyFile).strip(), "VSS_MODELS_URI", "gs://vss-models/models/",
                "VSS_THREADS", "2"));
        m.putAll(extra);
        return m;
    }

    static GcsBlobStore bucket(String name) {
        storage.create(BucketInfo.of(name));
        return GcsBlobStore.builder().setBucket(name).optStorage(storage).build();
    }

    static void put(GcsBlobStore s, String key, Path file) throws Exception {
        s.put(key, Files.readAllBytes(file));
    }

    @AfterAll
    static void undeploy() throws Exception {
        if (events != null) {
            events.close();
            Files.copy(events.log, InvokerProcess.deployFolder().getParent().resolve("gcp-events-function.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (storage != null) {
            storage.close();
        }
        if (gcs != null) {
            gcs.close();
        }
    }

    static String resource(String name) throws Exception {
        return ResultJsons.resource(GcpFunctionsIT.class, "/events/" + name);
    }

    static String object(String bucket, String name) throws Exception {
        return resource("gcs-object.json").replace("__BUCKET__", bucket).replace("__NAME__", name);
    }

    /** Binary mode: the attributes as ce- headers, the object resource as the body. */
    static HttpResponse<String> binary(String bucket, String name) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + events.port + "/"))
                .header("ce-specversion", "1.0").header("ce-id", UUID.randomUUID().toString())
                .header("ce-type", "google.cloud.storage.object.v1.finalized")
                .header("ce-source", "//storage.googleapis.com/projects/_/buckets/" + bucket)
                .header("ce-subject", "objects/" + name).header("ce-time", "2026-11-28T10:00:00.123Z")
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofString(object(bucket, name))).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** Structured mode: the whole CloudEvent as the JSON body. */
    static HttpResponse<String> structured(String id, String bucket, String name) throws Exception {
        String ce = resource("gcs-finalized-structured.json").replace("__ID__", id).replace("__BUCKET__", bucket)
                .replace("__NAME__", name).replace("__DATA__", object(bucket, name));
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + events.port + "/"))
                .header("Content-Type", "application/cloudevents+json").timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofString(ce)).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode stored(String key) throws Exception {
        return ResultJson.mapper().readTree(cams.get(key));
    }

    @Test
    @Order(1)
    void binaryModeEventAnalysedMatchedAndStored() throws Exception {
        HttpResponse<String> r = binary("vss-cams", "incoming/cam1/2026-11-28T10:00:00Z.jpg");
        assertThat(r.statusCode()).as(events.logText()).isEqualTo(200);
        JsonNode result = stored("results/cam1/2026-11-28/2026-11-28T10:00:00Z.jpg.json");
        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(result.path("image").asText()).isEqualTo("gs://vss-cams/incoming/cam1/2026-11-28T10:00:00Z.jpg");
        assertThat(result.path("camera").asText()).isEqualTo("cam1");
        assertThat(result.path("cold_start").asBoolean()).isTrue();
        assertThat(result.path("people")).hasSize(2);
        assertThat(identities(result)).containsExactlyInAnyOrder("obama", "biden");
        // global scope: the pipeline was built, with models fetched from the bucket, before the port opened
        assertThat(events.logEvents("init")).anySatisfy(l -> assertThat(l).contains("\"phase\":\"model_fetch\""));
        assertThat(events.logEvents("invocation")).hasSize(1);
    }

    @Test
    @Order(2)
    void structuredModeRunOfFiveWithATruncatedImage() throws Exception {
        for (String n : List.of("a.jpg", "b.jpg", "c.jpg", "d.png", "e.jpg")) {
            HttpResponse<String> r = structured("evt-" + n, "vss-cams", "incoming/cam2/" + n);
            assertThat(r.statusCode()).as("%s: %s", n, r.body()).isEqualTo(200); // acknowledged: a retry fails alike
        }
        assertThat(identities(stored("results/cam2/2026-11-28/a.jpg.json"))).containsExactly("obama");
        assertThat(stored("results/cam2/2026-11-28/b.jpg.json").path("people")).isEmpty();
        JsonNode c = stored("results/cam2/2026-11-28/c.jpg.json");
        assertThat(c.path("ok").asBoolean()).isFalse();
        assertThat(c.path("error").path("code").asText()).isEqualTo("DECODE_FAILED");
        assertThat(stored("results/cam2/2026-11-28/d.png.json").path("people")).hasSize(2);
        assertThat(identities(stored("results/cam2/2026-11-28/e.jpg.json"))).containsExactly("biden");
        // the failure is logged under the CloudEvent's id, once
        assertThat(events.logEvents("failures")).singleElement().satisfies(l -> assertThat(l)
                .contains("\"id\":\"evt-c.jpg\"").contains("DECODE_FAILED").contains("gs://vss-cams/incoming/cam2/c.jpg"));
    }

    @Test
    @Order(3)
    void aBucketThatIsNotConfiguredIsNeverRead() throws Exception {
        HttpResponse<String> r = binary("other-cams", "incoming/cam9/x.jpg");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(events.logEvents("failures")).anySatisfy(l -> assertThat(l).contains("NOT_ALLOWED")
                .contains("VSS_INPUTS").contains("gs://other-cams/incoming/cam9/x.jpg"));
        // nothing is lost: the refusal itself is stored, with no analysis in it
        List<String> keys = cams.list("results/").stream().filter(k -> k.endsWith("/x.jpg.json")).toList();
        assertThat(keys).hasSize(1);
        JsonNode refused = stored(keys.get(0));
        assertThat(refused.path("error").path("code").asText()).isEqualTo("NOT_ALLOWED");
        assertThat(refused.path("people").isMissingNode() || refused.path("people").isEmpty()).isTrue();
    }

    @Test
    @Order(4)
    void aNonStorageEventIsLoggedAndTheFunctionStillServes() throws Exception {
        HttpRequest bad = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + events.port + "/"))
                .header("ce-specversion", "1.0").header("ce-id", "odd-1").header("ce-type", "com.example.someone.else")
                .header("ce-source", "//example.com").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hello\":1}")).build();
        assertThat(HTTP.send(bad, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(events.logEvents("bad_event")).singleElement().satisfies(l -> assertThat(l).contains("odd-1")
                .contains("com.example.someone.else"));
        assertThat(events.alive()).isTrue();
        assertThat(binary("vss-cams", "incoming/cam2/a.jpg").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void theSameJsonAsVssAnalyze() throws Exception {
        String uri = "gs://vss-cams/incoming/cam1/2026-11-28T10:00:00Z.jpg";
        JsonNode viaFunction = stored("results/cam1/2026-11-28/2026-11-28T10:00:00Z.jpg.json");
        JsonNode viaCli = analyze(uri);
        assertThat(comparable(viaFunction)).isEqualTo(comparable(viaCli));
    }

    @Test
    @Order(6)
    void httpFunctionAnswersImageBodiesAndRefusesNonImages() throws Exception {
        Path img = Workspace.imagesDir().resolve("faces/two_people.jpg");
        try (InvokerProcess http = new InvokerProcess(work.resolve("http"), "dev.vss.adapter.gcp.VssHttpFunction",
                Emulator.freePort(), functionEnv(Map.of("VSS_MAX_IMAGE_BYTES", "1000000"))).awaitListening(300)) {
            String base = "http://127.0.0.1:" + http.port;
            HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/analyze"))
                    .header("Content-Type", "image/jpeg").timeout(Duration.ofMinutes(3))
                    .POST(HttpRequest.BodyPublishers.ofFile(img)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).as(http.logText()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
            JsonNode body = ResultJson.mapper().readTree(ok.body());
            assertThat(body.path("image").asText()).isEqualTo("/analyze");
            assertThat(identities(body)).containsExactlyInAnyOrder("obama", "biden");
            // the same JSON as `vss analyze` of the same bytes
            ObjectNode cli = (ObjectNode) analyze(img.toString());
            ObjectNode fn = (ObjectNode) comparable(body);
            fn.remove("image");
            ObjectNode c = (ObjectNode) comparable(cli);
            c.remove("image");
            assertThat(fn).isEqualTo(c);
            HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/analyze"))
                    .POST(HttpRequest.BodyPublishers.ofString("this is a text file, not a picture")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            JsonNode err = ResultJson.mapper().readTree(bad.body());
            assertThat(err.path("ok").asBoolean()).isFalse();
            assertThat(err.path("error").path("code").asText()).isEqualTo("DECODE_FAILED");
            HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/analyze")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("Allow")).hasValue("POST");
            // over VSS_MAX_IMAGE_BYTES: refused after reading one byte past the limit, not the whole body
            HttpResponse<String> big = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/analyze"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1_500_000])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(big.statusCode()).isEqualTo(413);
            assertThat(ResultJson.mapper().readTree(big.body()).path("error").path("code").asText())
                    .isEqualTo("IMAGE_TOO_LARGE");
        }
    }

    static JsonNode analyze(String what) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VssCli.run(new PrintWriter(out), new PrintWriter(err), "analyze", "--gallery", "gs://vss-cams/gallery/",
                "--key-file", keyFile.toString(), "--threads", "2", what);
        assertThat(code).as(err.toString()).isZero();
        return ResultJson.mapper().readTree(out.toString().strip());
    }

    /** A result without what legitimately differs between runs and paths: timings, cold start, event metadata. */
}
