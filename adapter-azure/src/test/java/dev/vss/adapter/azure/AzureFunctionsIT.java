// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.azure;

import static dev.vss.bl.testing.ResultJsons.comparable;
import static dev.vss.bl.testing.ResultJsons.identities;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobServiceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.runtime.InitStrategy;
import dev.vss.bl.testing.ChildProcesses;
import dev.vss.bl.testing.Emulator;
import dev.vss.bl.testing.ResultJsons;
import dev.vss.cli.VssCli;
import dev.vss.cloud.azure.AzureBlobStore;
import dev.vss.hla.pipeline.AnalyzerOptions;
import dev.vss.hla.pipeline.ModelPlan;
import dev.vss.models.CatalogEntry;
import dev.vss.models.ModelCatalog;
import dev.vss.models.ModelFile;
import dev.vss.models.ModelRepository;
import dev.vss.models.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BUILT zip package (what {@code az functionapp deployment source config-zip} uploads), unpacked as
 * {@code wwwroot} and run by {@link WorkerStandIn} in a child JVM with a function app's environment: recorded Event
 * Grid events (both schemas, a delivery of five with a truncated JPEG, a container that is not configured), the Blob
 * trigger, the HTTP trigger and the warmup trigger, with images, models, gallery and results in Azurite on
 * 127.0.0.1; the bindings that azure-functions:package wrote; the same JSON as {@code vss analyze}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AzureFunctionsIT {
    static final String ACCOUNT = "devstoreaccount1";
    /** Azurite's well-known development account key (published in its documentation; not a secret). */
    static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    @TempDir
    static Path work;
    static Emulator azurite;
    static String blobEndpoint;
    static String connectionString;
    static AzureBlobStore incoming;
    static AzureBlobStore results;
    static Path keyFile;
    static Process worker;
    static int workerPort;
    static Path workerLog;
    static long startNanos;
    static long listeningNanos;

    static Path pkg() {
        Path p = Path.of(System.getProperty("vss.root", "..")).resolve("adapter-azure/target/vss-azure");
        assertThat(p.resolve("host.json")).as("built package; run `mvn package`").isRegularFile();
        return p;
    }

    @BeforeAll
    static void deploy() throws Exception {
        var exe = Emulator.installed("azurite", "azurite/node_modules/.bin/azurite-blob");
        int port = Emulator.freePort();
        azurite = Emulator.start("azurite", port, List.of(exe.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                Integer.toString(port), "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
                "--silent"));
        blobEndpoint = "http://127.0.0.1:" + port + "/" + ACCOUNT;
        connectionString = "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";BlobEndpoint=" + blobEndpoint + ";";
        incoming = container("incoming");
        results = container("results");
        AzureBlobStore models = container("models");
        container("gallery");
        AzureBlobStore other = container("other");
        Path images = Workspace.imagesDir();
        put(incoming, "cam1/2026-11-28T10:00:00Z.jpg", images.resolve("faces/two_people.jpg"));
        put(incoming, "cam2/a.jpg", images.resolve("faces/obama2.jpg"));
        put(incoming, "cam2/b.jpg", images.resolve("no_people/fruits.jpg"));
        byte[] jpeg = Files.readAllBytes(images.resolve("faces/biden.jpg"));
        incoming.put("cam2/c.jpg", Arrays.copyOf(jpeg, jpeg.length / 2)); // truncated in transit
        put(incoming, "cam2/d.png", images.resolve("people/basketball1.png"));
        put(incoming, "cam2/e.jpg", images.resolve("faces/biden.jpg"));
        put(incoming, "cam3/f.jpg", images.resolve("faces/obama2.jpg"));
        put(other, "cam9/x.jpg", images.resolve("faces/biden.jpg")); // readable, but not ours
        ModelRepository local = ModelRepository.fromEnvironment();
        for (CatalogEntry e : ModelPlan.of(ModelCatalog.load(), AnalyzerOptions.defaults()).entries()) {
            for (ModelFile f : e.files()) {
                models.put("models/" + f.path(), Files.readAllBytes(local.dir().resolve(f.path())));
            }
        }
        System.setProperty("vss.azure.connectionString", connectionString);
        keyFile = work.resolve("gallery.key");
        Files.writeString(keyFile, LocalKeyWrapper.newKeyBase64() + "\n");
        Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (VssHandler h = VssHandler.create(VssSettings.builder().optGallery(URI.create("az://" + ACCOUNT + "/gallery/"))
                .optGalleryKeyFile(keyFile).optInit(InitStrategy.LAZY).build())) {
            h.enrol("obama", List.of(ImageRef.of(images.resolve("faces/obama.jpg").toString())));
            h.enrol("biden", List.of(ImageRef.of(images.resolve("faces/biden.jpg").toString())));
        }
        startWorker();
    }

    static AzureBlobStore container(String name) {
        AzureBlobStore s = AzureBlobStore.builder().setContainer(name).optConnectionString(connectionString).build();
        s.client().createIfNotExists();
        return s;
    }

    static void put(AzureBlobStore s, String key, Path file) throws Exception {
        s.put(key, Files.readAllBytes(file));
    }

    /** The package as wwwroot in a fresh JVM with a function app's environment (Linux, Java 17), empty /tmp. */
    static void startWorker() throws Exception {
        Path tmp = Files.createTempDirectory(work, "tmp");
        workerPort = Emulator.freePort();
        workerLog = work.resolve("worker.log");
        ProcessBuilder pb = new ProcessBuilder(ChildProcesses.java(),
                "-Djava.io.tmpdir=" + tmp, "-Xmx1g", "-cp", WorkerStandIn.classPath(), WorkerStandIn.class.getName(),
                pkg().toString(), Integer.toString(workerPort)).directory(pkg().toFile()).redirectErrorStream(true)
                .redirectOutput(workerLog.toFile());
        Map<String, String> e = ChildProcesses.cleanEnvironment(pb, tmp);
        e.put("FUNCTIONS_WORKER_RUNTIME", "java");
        e.put("FUNCTIONS_EXTENSION_VERSION", "~4");
        e.put("WEBSITE_SITE_NAME", "vss");
        e.put("AzureWebJobsStorage", connectionString);
        e.put("VSS_BLOB_CONNECTION", connectionString);
        e.put("VSS_BLOB_PATH", "incoming/{name}");
        e.put("AZURE_STORAGE_CONNECTION_STRING", connectionString);
        e.put("VSS_INPUTS", "az://" + ACCOUNT + "/incoming/");
        e.put("VSS_RESULTS", "az://" + ACCOUNT + "/results/");
        e.put("VSS_GALLERY", "az://" + ACCOUNT + "/gallery/");
        e.put("VSS_GALLERY_KEY", Files.readString(keyFile).strip());
        e.put("VSS_MODELS_URI", "az://" + ACCOUNT + "/models/models/");
        e.put("VSS_THREADS", "2");
        // the natives ship in the package (/home/site/wwwroot/openvino, .../opencv in Azure)
        e.put("VSS_OPENVINO_HOME", pkg().resolve("openvino").toString());
        e.put("VSS_OPENCV_LIB", pkg().resolve("opencv/libopencv_java490.so").toString());
        startNanos = System.nanoTime();
        worker = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            assertThat(worker.isAlive()).as(Files.exists(workerLog) ? Files.readString(workerLog) : "").isTrue();
            try (Socket s = new Socket("127.0.0.1", workerPort)) {
                listeningNanos = System.nanoTime();
                break;
            } catch (java.io.IOException notYet) {
                assertThat(System.nanoTime()).as("worker stand-in did not listen").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void undeploy() throws Exception {
        if (worker != null) {
            worker.destroy();
            worker.waitFor(10, TimeUnit.SECONDS);
            worker.destroyForcibly();
            Files.copy(workerLog, pkg().getParent().resolve("azure-worker.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (azurite != null) {
            azurite.close();
        }
    }

    /** One invocation through the stand-in: {@code status, body, error, logs}. */
    static JsonNode invoke(String function, byte[] payload, String... bindings) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + workerPort + "/invoke/" + function))
                .timeout(Duration.ofMinutes(4)).POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        for (int i = 0; i < bindings.length; i += 2) {
            b.header("x-binding-" + bindings[i], bindings[i + 1]);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode j = ResultJson.mapper().readTree(r.body());
        j = ((ObjectNode) j).put("http", r.statusCode());
        return j;
    }

    static JsonNode ok(JsonNode invocation) throws Exception {
        assertThat(invocation.path("http").asInt()).as("%s\n%s", invocation, Files.readString(workerLog)).isEqualTo(200);
        return invocation;
    }

    static String event(String name) throws Exception {
        return ResultJsons.resource(AzureFunctionsIT.class, "/events/" + name).replace("__BLOB_ENDPOINT__", blobEndpoint);
    }

    static JsonNode stored(String key) throws Exception {
        return ResultJson.mapper().readTree(results.get(key));
    }

    @Test
    @Order(1)
    void eventGridBlobCreatedAnalysedMatchedAndStored() throws Exception {
        JsonNode eg = ResultJson.mapper().readTree(event("eventgrid-blobcreated.json"));
        // the trigger hands the function one event of the delivery
        ok(invoke("vss-eventgrid", eg.get(0).toString().getBytes(StandardCharsets.UTF_8)));
        JsonNode r = stored("cam1/2026-11-28/2026-11-28T10:00:00Z.jpg.json");
        assertThat(r.path("ok").asBoolean()).isTrue();
        assertThat(r.path("image").asText()).isEqualTo("az://devstoreaccount1/incoming/cam1/2026-11-28T10:00:00Z.jpg");
        assertThat(r.path("camera").asText()).isEqualTo("cam1");
        assertThat(r.path("cold_start").asBoolean()).isTrue();
        assertThat(r.path("people")).hasSize(2);
        assertThat(identities(r)).containsExactlyInAnyOrder("obama", "biden");
        assertThat(Files.readString(workerLog)).contains("\"phase\":\"model_fetch\"");
    }

    @Test
    @Order(2)
    void aDeliveryOfFiveWithATruncatedImage() throws Exception {
        JsonNode batch = ResultJson.mapper().readTree(event("eventgrid-batch-5.json"));
        List<JsonNode> answers = new ArrayList<>();
        for (JsonNode e : batch) {
            answers.add(ok(invoke("vss-eventgrid", e.toString().getBytes(StandardCharsets.UTF_8))));
        }
        assertThat(identities(stored("cam2/2026-11-28/a.jpg.json"))).containsExactly("obama");
        assertThat(stored("cam2/2026-11-28/b.jpg.json").path("people")).isEmpty();
        JsonNode c = stored("cam2/2026-11-28/c.jpg.json");
        assertThat(c.path("error").path("code").asText()).isEqualTo("DECODE_FAILED");
        assertThat(stored("cam2/2026-11-28/d.png.json").path("people")).hasSize(2);
        assertThat(identities(stored("cam2/2026-11-28/e.jpg.json"))).containsExactly("biden");
        // only the truncated image's invocation logs a failure, under the event's id
        for (int i = 0; i < 5; i++) {
            if (i == 2) {
                assertThat(answers.get(i).path("logs").get(0).asText()).startsWith("WARNING")
                        .contains("DECODE_FAILED").contains("0a1b2c3d-0003-4000-8000-000000000003");
            } else {
                assertThat(answers.get(i).path("logs")).isEmpty();
            }
        }
    }

    @Test
    @Order(3)
    void aContainerThatIsNotConfiguredIsNeverRead() throws Exception {
        JsonNode a = ok(invoke("vss-eventgrid", event("cloudevent-other-container.json").getBytes(StandardCharsets.UTF_8)));
        assertThat(a.path("logs").get(0).asText()).contains("NOT_ALLOWED").contains("VSS_INPUTS")
                .contains("az://devstoreaccount1/other/cam9/x.jpg");
        JsonNode refused = stored("cam9/2026-11-28/x.jpg.json");
        assertThat(refused.path("error").path("code").asText()).isEqualTo("NOT_ALLOWED");
    }

    @Test
    @Order(4)
    void blobTriggerGoesThroughTheSameHandler() throws Exception {
        byte[] content = incoming.get("cam3/f.jpg");
        ok(invoke("vss-blob", content, "Uri", blobEndpoint + "/incoming/cam3/f.jpg"));
        List<String> keys = results.list("cam3/");
        assertThat(keys).hasSize(1);
        assertThat(identities(stored(keys.get(0)))).containsExactly("obama");
    }

    @Test
    @Order(5)
    void httpTriggerAnswersImagesAndRefusesNonImages() throws Exception {
        Path img = Workspace.imagesDir().resolve("faces/two_people.jpg");
        JsonNode a = ok(invoke("vss-http", Files.readAllBytes(img)));
        assertThat(a.path("status").asInt()).isEqualTo(200);
        JsonNode body = ResultJson.mapper().readTree(a.path("body").asText());
        assertThat(body.path("image").asText()).isEqualTo("/api/analyze");
        assertThat(identities(body)).containsExactlyInAnyOrder("obama", "biden");
        ObjectNode fn = (ObjectNode) comparable(body);
        ObjectNode cli = (ObjectNode) comparable(analyze(img.toString()));
        fn.remove("image");
        cli.remove("image");
        assertThat(fn).isEqualTo(cli);
        JsonNode bad = ok(invoke("vss-http", "this is a text file, not a picture".getBytes(StandardCharsets.UTF_8)));
        assertThat(bad.path("status").asInt()).isEqualTo(400);
        JsonNode err = ResultJson.mapper().readTree(bad.path("body").asText());
        assertThat(err.path("error").path("code").asText()).isEqualTo("DECODE_FAILED");
        assertThat(ok(invoke("vss-http", new byte[0])).path("status").asInt()).isEqualTo(400);
    }

    @Test
    @Order(6)
    void theSameJsonAsVssAnalyze() throws Exception {
        JsonNode viaFunction = stored("cam1/2026-11-28/2026-11-28T10:00:00Z.jpg.json");
        JsonNode viaCli = analyze("az://devstoreaccount1/incoming/cam1/2026-11-28T10:00:00Z.jpg");
        assertThat(comparable(viaFunction)).isEqualTo(comparable(viaCli));
    }

    @Test
    @Order(7)
    void warmupAndAMalformedEvent() throws Exception {
        int models = ModelPlan.of(ModelCatalog.load(), AnalyzerOptions.defaults()).entries().size();
        assertThat(ok(invoke("vss-warmup", new byte[0])).path("logs").get(0).asText())
                .isEqualTo("INFO vss warm: " + models + " models");
        // a malformed event is logged and acknowledged (Event Grid retrying it could not help), the app still serves
        JsonNode bad = ok(invoke("vss-eventgrid", "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(bad.path("logs").get(0).asText()).startsWith("WARNING").contains("bad_event")
                .contains("unrecognised shape").contains("[hello]");
        assertThat(worker.isAlive()).isTrue();
        JsonNode again = ResultJson.mapper().readTree(event("eventgrid-blobcreated.json")).get(0);
        assertThat(ok(invoke("vss-eventgrid", again.toString().getBytes(StandardCharsets.UTF_8))).path("logs")).isEmpty();
    }

    static JsonNode analyze(String what) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VssCli.run(new PrintWriter(out), new PrintWriter(err), "analyze", "--gallery", "az://" + ACCOUNT
                + "/gallery/", "--key-file", keyFile.toString(), "--threads", "2", what);
        assertThat(code).as(err.toString()).isZero();
        return ResultJson.mapper().readTree(out.toString().strip());
    }

    /** A result without what legitimately differs between runs and paths: timings, cold start, event metadata. */
}
