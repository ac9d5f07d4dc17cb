// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.ImageRef;
import dev.vss.bl.ResultJson;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.cloud.aws.LocalS3;
import dev.vss.cloud.aws.S3BlobStore;
import dev.vss.cli.VssCli;
import dev.vss.hla.pipeline.AnalyzerOptions;
import dev.vss.hla.pipeline.ModelPlan;
import dev.vss.models.CatalogEntry;
import dev.vss.models.ModelCatalog;
import dev.vss.models.ModelFile;
import dev.vss.models.ModelRepository;
import dev.vss.models.Workspace;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BUILT function and layer zips in the real Lambda runtime interface client (child JVM, task root as working
 * directory) against a Runtime API on 127.0.0.1; images, models, gallery and results in s3proxy on 127.0.0.1.
 * Recorded event shapes: S3 notification, SQS batch of 5 with a truncated JPEG, EventBridge, API Gateway v2 with an
 * image body, a bucket that is not configured, a malformed event — and the same JSON as {@code vss analyze}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VssLambdaIT {
    static final Duration WAIT = Duration.ofMinutes(3);
    @TempDir
    static Path work;
    static LocalS3 s3;
    static RuntimeApi api;
    static LambdaHarness lambda;
    static S3BlobStore cams;
    static Path keyFile;

    @BeforeAll
    static void deploy() throws Exception {
        s3 = new LocalS3();
        cams = s3.bucket("vss-cams");
        S3BlobStore models = s3.bucket("vss-models");
        Path images = Workspace.imagesDir();
        put("incoming/cam1/2026-11-28T10:00:00Z.jpg", images.resolve("faces/two_people.jpg"));
        put("incoming/cam2/a.jpg", images.resolve("faces/obama2.jpg"));
        put("incoming/cam2/b.jpg", images.resolve("no_people/fruits.jpg"));
        byte[] jpeg = Files.readAllBytes(images.resolve("faces/biden.jpg"));
        cams.put("incoming/cam2/c.jpg", Arrays.copyOf(jpeg, jpeg.length / 2)); // truncated in transit
        put("incoming/cam2/d.png", images.resolve("people/basketball1.png"));
        put("incoming/cam2/e.jpg", images.resolve("faces/biden.jpg"));
        put("incoming/cam3/2026-11-28T10:10:00Z.jpg", images.resolve("faces/obama2.jpg"));
        // the deployment's model bucket: exactly the files the default pipeline loads
        ModelRepository local = ModelRepository.fromEnvironment();
        for (CatalogEntry e : ModelPlan.of(ModelCatalog.load(), AnalyzerOptions.defaults()).entries()) {
            for (ModelFile f : e.files()) {
                models.put("models/" + f.path(), Files.readAllBytes(local.dir().resolve(f.path())));
            }
        }
        // this JVM reaches s3proxy too: enrol the gallery through the same handler code, into the bucket
        System.setProperty("vss.s3.endpoint", s3.endpoint.toString());
        System.setProperty("vss.s3.pathStyle", "true");
        System.setProperty("vss.s3.region", LocalS3.REGION);
        System.setProperty("aws.accessKeyId", LocalS3.ACCESS);
        System.setProperty("aws.secretAccessKey", LocalS3.SECRET);
        keyFile = work.resolve("gallery.key");
        Files.writeString(keyFile, LocalKeyWrapper.newKeyBase64() + "\n");
        Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        VssSettings enrolment = VssSettings.builder().optGallery(URI.create("s3://vss-cams/gallery/"))
                .optGalleryKeyFile(keyFile).optInit(dev.vss.bl.InitStrategy.LAZY).build();
        try (VssHandler h = VssHandler.create(enrolment)) {
            h.enrol("obama", List.of(ImageRef.of(images.resolve("faces/obama.jpg").toString())));
            h.enrol("biden", List.of(ImageRef.of(images.resolve("faces/biden.jpg").toString())));
        }
        api = new RuntimeApi();
        lambda = new LambdaHarness(work.resolve("lambda"), api, functionEnv(), List.of("-Xmx512m"));
    }

    static Map<String, String> functionEnv() throws Exception {
        return LambdaHarness.env("AWS_REGION", LocalS3.REGION, "AWS_ACCESS_KEY_ID", LocalS3.ACCESS,
                "AWS_SECRET_ACCESS_KEY", LocalS3.SECRET, "VSS_S3_ENDPOINT", s3.endpoint.toString(),
                "VSS_S3_PATH_STYLE", "true", "VSS_INPUTS", "s3://vss-cams/incoming/",
                "VSS_RESULTS", "s3://vss-cams/results/", "VSS_GALLERY", "s3://vss-cams/gallery/",
                "VSS_GALLERY_KEY", Files.readString(keyFile).strip(), "VSS_MODELS_URI", "s3://vss-models/models/",
                "VSS_THREADS", "2");
    }

    static void put(String key, Path file) throws Exception {
        cams.put(key, Files.readAllBytes(file));
    }

    @AfterAll
    static void undeploy() throws Exception {
        if (lambda != null) {
            lambda.close();
            // kept for reading after the run: the function's own log (init phases, invocations)
            Files.copy(lambda.log, LambdaHarness.target().resolve("lambda-function.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (api != null) {
            api.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    static String event(String name) throws Exception {
        try (InputStream in = VssLambdaIT.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static JsonNode invoke(String event) throws Exception {
        RuntimeApi.Answer a = api.invoke(event, WAIT);
        assertThat(a.error()).as("function error: %s\n%s", a.body(), lambda.logText()).isFalse();
        return ResultJson.mapper().readTree(a.body());
    }

    static List<String> identities(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.path("faces").forEach(f -> ids.add(f.path("identity").isNull() ? null : f.path("identity").asText()));
        return ids;
    }

    @Test
    @Order(1)
    void s3NotificationAnalysedMatchedAndStored() throws Exception {
        JsonNode r = invoke(event("s3-put.json"));
        assertThat(r.path("cold_start").asBoolean()).isTrue();
        JsonNode result = r.path("results").get(0);
        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(result.path("image").asText()).isEqualTo("s3://vss-cams/incoming/cam1/2026-11-28T10:00:00Z.jpg");
        assertThat(result.path("camera").asText()).isEqualTo("cam1");
        assertThat(result.path("people")).hasSize(2);
        assertThat(identities(result)).containsExactlyInAnyOrder("obama", "biden");
        assertThat(r.path("failures")).isEmpty();
        // stored below results/, outside the input prefix, dated by the event
        String where = r.path("locations").get(0).asText();
        assertThat(where).isEqualTo("s3://vss-cams/results/cam1/2026-11-28/2026-11-28T10:00:00Z.jpg.json");
        JsonNode stored = ResultJson.mapper().readTree(cams.get("results/cam1/2026-11-28/2026-11-28T10:00:00Z.jpg.json"));
        assertThat(identities(stored)).containsExactlyInAnyOrder("obama", "biden");
        // init happened before the first request (global scope), with models fetched from the bucket
        assertThat(lambda.logEvents("init")).anySatisfy(l -> assertThat(l).contains("\"phase\":\"model_fetch\""));
    }

    @Test
    @Order(2)
    void sqsBatchReportsExactlyTheTruncatedImage() throws Exception {
        JsonNode r = invoke(event("sqs-batch-5.json"));
        assertThat(r.fieldNames()).toIterable().containsExactly("batchItemFailures");
        assertThat(r.path("batchItemFailures")).hasSize(1);
        assertThat(r.path("batchItemFailures").get(0).path("itemIdentifier").asText())
                .isEqualTo("059f36b4-87a3-44ab-83d2-661975905403");
        // the four good images have their results stored, the bad one its error
        JsonNode a = ResultJson.mapper().readTree(cams.get("results/cam2/2026-11-28/a.jpg.json"));
        assertThat(identities(a)).containsExactly("obama");
        JsonNode c = ResultJson.mapper().readTree(cams.get("results/cam2/2026-11-28/c.jpg.json"));
        assertThat(c.path("error").path("code").asText()).isEqualTo("DECODE_FAILED");
        JsonNode d = ResultJson.mapper().readTree(cams.get("results/cam2/2026-11-28/d.png.json"));
        assertThat(d.path("people")).hasSize(2);
        assertThat(identities(ResultJson.mapper().readTree(cams.get("results/cam2/2026-11-28/e.jpg.json"))))
                .containsExactly("biden");
        assertThat(ResultJson.mapper().readTree(cams.get("results/cam2/2026-11-28/b.jpg.json")).path("people")).isEmpty();
    }

    @Test
    @Order(3)
    void eventBridgeObjectCreated() throws Exception {
        JsonNode r = invoke(event("eventbridge-object-created.json"));
        assertThat(r.path("cold_start").asBoolean()).isFalse();
        assertThat(identities(r.path("results").get(0))).containsExactly("obama");
    }

    @Test
    @Order(4)
    void apiGatewayImageBodyAndANonImage() throws Exception {
        byte[] img = Files.readAllBytes(Workspace.imagesDir().resolve("faces/two_people.jpg"));
        JsonNode r = invoke(event("apigw-v2-image.json").replace("__BODY__", Base64.getEncoder().encodeToString(img)));
        assertThat(r.path("statusCode").asInt()).isEqualTo(200);
        JsonNode body = ResultJson.mapper().readTree(r.path("body").asText());
        assertThat(body.path("image").asText()).isEqualTo("/analyze");
        assertThat(identities(body)).containsExactlyInAnyOrder("obama", "biden");
        String text = Base64.getEncoder().encodeToString("this is a text file, not a picture".getBytes());
        JsonNode bad = invoke(event("apigw-v2-image.json").replace("__BODY__", text));
        assertThat(bad.path("statusCode").asInt()).isEqualTo(400);
        JsonNode err = ResultJson.mapper().readTree(bad.path("body").asText());
        assertThat(err.path("ok").asBoolean()).isFalse();
        assertThat(err.path("error").path("code").asText()).isEqualTo("DECODE_FAILED");
    }

    @Test
    @Order(5)
    void aBucketThatIsNotConfiguredIsNeverRead() throws Exception {
        JsonNode r = invoke(event("s3-put-other-bucket.json"));
        assertThat(r.path("results").get(0).path("error").path("code").asText()).isEqualTo("NOT_ALLOWED");
        assertThat(r.path("failures").get(0).path("message").asText()).contains("VSS_INPUTS");
    }

    @Test
    @Order(6)
    void malformedEventIsAClearErrorAndTheFunctionStillAnswers() throws Exception {
        RuntimeApi.Answer a = api.invoke(event("malformed.json"), WAIT);
        assertThat(a.error()).isTrue();
        JsonNode err = ResultJson.mapper().readTree(a.body());
        assertThat(err.path("errorType").asText()).contains("IllegalArgumentException");
        assertThat(err.path("errorMessage").asText()).contains("unrecognised shape").contains("[hello, note]");
        assertThat(lambda.alive()).isTrue();
        JsonNode again = invoke(event("eventbridge-object-created.json"));
        assertThat(identities(again.path("results").get(0))).containsExactly("obama");
    }

    @Test
    @Order(7)
    void theSameJsonAsVssAnalyze() throws Exception {
        String uri = "s3://vss-cams/incoming/cam1/2026-11-28T10:00:00Z.jpg";
        JsonNode viaLambda = invoke(event("s3-put.json")).path("results").get(0);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VssCli.run(new PrintWriter(out), new PrintWriter(err), "analyze", "--gallery", "s3://vss-cams/gallery/",
                "--key-file", keyFile.toString(), "--threads", "2", uri);
        assertThat(code).as(err.toString()).isZero();
        JsonNode viaCli = ResultJson.mapper().readTree(out.toString().strip());
        assertThat(comparable(viaLambda)).isEqualTo(comparable(viaCli));
    }

    /** A result without what legitimately differs between runs and paths: timings, cold start, event metadata. */
    static JsonNode comparable(JsonNode r) {
        ObjectNode o = r.deepCopy();
        o.remove(List.of("timings_ms", "cold_start", "camera", "timestamp"));
        return o;
    }
}
