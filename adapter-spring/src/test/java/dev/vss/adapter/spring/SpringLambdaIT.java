// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.spring;

import static dev.vss.bl.testing.ResultJsons.comparable;
import static dev.vss.bl.testing.ResultJsons.identities;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.adapter.aws.LambdaHarness;
import dev.vss.adapter.aws.RuntimeApi;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.runtime.InitStrategy;
import dev.vss.bl.testing.ResultJsons;
import dev.vss.cli.VssCli;
import dev.vss.cloud.aws.LocalS3;
import dev.vss.cloud.aws.S3BlobStore;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BUILT Spring route zip with adapter-aws's BUILT layers in the real Lambda runtime interface client, handler
 * Spring Cloud Function's {@code FunctionInvoker}, against adapter-aws's Runtime API on 127.0.0.1 and s3proxy: the
 * recorded events of adapter-aws's tests (its test jar) give the same answers as the plain handler, and the same
 * JSON as {@code vss analyze}. Also checks that neither Lambda zip carries another cloud's SDK.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpringLambdaIT {
    static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";
    static final Duration WAIT = Duration.ofMinutes(3);
    @TempDir
    static Path work;
    static LocalS3 s3;
    static RuntimeApi api;
    static LambdaHarness lambda;
    static S3BlobStore cams;
    static Path keyFile;

    static Path zip() {
        Path z = Path.of(System.getProperty("vss.root", "..")).resolve("adapter-spring/target/vss-spring-lambda-function.zip");
        assertThat(z).as("built zip; run `mvn package`").isRegularFile();
        return z;
    }

    @BeforeAll
    static void deploy() throws Exception {
        s3 = new LocalS3();
        cams = s3.bucket("vss-cams");
        S3BlobStore models = s3.bucket("vss-models");
        S3BlobStore other = s3.bucket("other-bucket");
        Path images = Workspace.imagesDir();
        put(cams, "incoming/cam1/2026-11-28T10:00:00Z.jpg", images.resolve("faces/two_people.jpg"));
        put(cams, "incoming/cam2/a.jpg", images.resolve("faces/obama2.jpg"));
        put(cams, "incoming/cam2/b.jpg", images.resolve("no_people/fruits.jpg"));
        byte[] jpeg = Files.readAllBytes(images.resolve("faces/biden.jpg"));
        cams.put("incoming/cam2/c.jpg", Arrays.copyOf(jpeg, jpeg.length / 2)); // truncated in transit
        put(cams, "incoming/cam2/d.png", images.resolve("people/basketball1.png"));
        put(cams, "incoming/cam2/e.jpg", images.resolve("faces/biden.jpg"));
        ModelRepository local = ModelRepository.fromEnvironment();
        for (CatalogEntry e : ModelPlan.of(ModelCatalog.load(), AnalyzerOptions.defaults()).entries()) {
            for (ModelFile f : e.files()) {
                models.put("models/" + f.path(), Files.readAllBytes(local.dir().resolve(f.path())));
            }
        }
        System.setProperty("vss.s3.endpoint", s3.endpoint.toString());
        System.setProperty("vss.s3.pathStyle", "true");
        System.setProperty("vss.s3.region", LocalS3.REGION);
        System.setProperty("aws.accessKeyId", LocalS3.ACCESS);
        System.setProperty("aws.secretAccessKey", LocalS3.SECRET);
        keyFile = work.resolve("gallery.key");
        Files.writeString(keyFile, LocalKeyWrapper.newKeyBase64() + "\n");
        Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (VssHandler h = VssHandler.create(VssSettings.builder().optGallery(URI.create("s3://vss-cams/gallery/"))
                .optGalleryKeyFile(keyFile).optInit(InitStrategy.LAZY).build())) {
            h.enrol("obama", List.of(ImageRef.of(images.resolve("faces/obama.jpg").toString())));
            h.enrol("biden", List.of(ImageRef.of(images.resolve("faces/biden.jpg").toString())));
        }
        api = new RuntimeApi();
        lambda = new LambdaHarness(work.resolve("lambda"), api, zip(), HANDLER, LambdaHarness.env(
                "MAIN_CLASS", VssSpringApplication.class.getName(), "AWS_REGION", LocalS3.REGION,
                "AWS_ACCESS_KEY_ID", LocalS3.ACCESS, "AWS_SECRET_ACCESS_KEY", LocalS3.SECRET,
                "VSS_S3_ENDPOINT", s3.endpoint.toString(), "VSS_S3_PATH_STYLE", "true",
                "VSS_INPUTS", "s3://vss-cams/incoming/", "VSS_RESULTS", "s3://vss-cams/results/",
                "VSS_GALLERY", "s3://vss-cams/gallery/", "VSS_GALLERY_KEY", Files.readString(keyFile).strip(),
                "VSS_MODELS_URI", "s3://vss-models/models/", "VSS_THREADS", "2"), List.of("-Xmx512m"));
    }

    static void put(S3BlobStore s, String key, Path file) throws Exception {
        s.put(key, Files.readAllBytes(file));
    }

    @AfterAll
    static void undeploy() throws Exception {
        if (lambda != null) {
            lambda.close();
            Files.copy(lambda.log, zip().resolveSibling("spring-function.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (api != null) {
            api.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    /** adapter-aws's recorded events, from its test jar. */
    static String event(String name) throws Exception {
        return ResultJsons.resource(LambdaHarness.class, "/events/" + name);
    }

    static JsonNode invoke(String event) throws Exception {
        RuntimeApi.Answer a = api.invoke(event, WAIT);
        assertThat(a.error()).as("function error: %s\n%s", a.body(), lambda.logText()).isFalse();
        return ResultJson.mapper().readTree(a.body());
    }

    @Test
    @Order(1)
    void s3NotificationThroughSpring() throws Exception {
        JsonNode r = invoke(event("s3-put.json"));
        assertThat(r.path("format").asText()).isEqualTo("S3_NOTIFICATION");
        assertThat(r.path("cold_start").asBoolean()).isTrue();
        JsonNode result = r.path("results").get(0);
        assertThat(result.path("image").asText()).isEqualTo("s3://vss-cams/incoming/cam1/2026-11-28T10:00:00Z.jpg");
        assertThat(result.path("people")).hasSize(2);
        assertThat(identities(result)).containsExactlyInAnyOrder("obama", "biden");
        assertThat(r.path("locations").get(0).asText())
                .isEqualTo("s3://vss-cams/results/cam1/2026-11-28/2026-11-28T10:00:00Z.jpg.json");
        // the Spring context, and the handler in it, were built in the init phase
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
        assertThat(identities(ResultJson.mapper().readTree(cams.get("results/cam2/2026-11-28/a.jpg.json"))))
                .containsExactly("obama");
        assertThat(ResultJson.mapper().readTree(cams.get("results/cam2/2026-11-28/c.jpg.json")).path("error")
                .path("code").asText()).isEqualTo("DECODE_FAILED");
        assertThat(identities(ResultJson.mapper().readTree(cams.get("results/cam2/2026-11-28/e.jpg.json"))))
                .containsExactly("biden");
    }

    @Test
    @Order(3)
    void aBucketThatIsNotConfiguredIsNeverRead() throws Exception {
        JsonNode r = invoke(event("s3-put-other-bucket.json"));
        assertThat(r.path("results").get(0).path("error").path("code").asText()).isEqualTo("NOT_ALLOWED");
        assertThat(r.path("failures").get(0).path("message").asText()).contains("VSS_INPUTS");
    }

    @Test
    @Order(4)
    void theSameJsonAsVssAnalyze() throws Exception {
        String uri = "s3://vss-cams/incoming/cam1/2026-11-28T10:00:00Z.jpg";
        JsonNode viaSpring = invoke(event("s3-put.json")).path("results").get(0);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VssCli.run(new PrintWriter(out), new PrintWriter(err), "analyze", "--gallery", "s3://vss-cams/gallery/",
                "--key-file", keyFile.toString(), "--threads", "2", uri);
        assertThat(code).as(err.toString()).isZero();
        assertThat(comparable(viaSpring)).isEqualTo(comparable(ResultJson.mapper().readTree(out.toString().strip())));
    }

    @Test
    void lambdaZipsCarryOnlyAwsSdk() throws Exception {
        for (Path z : List.of(zip(), LambdaHarness.target().resolve("vss-lambda-function.zip"))) {
            List<String> classes = new ArrayList<>();
            Path dir = Files.createTempDirectory(work, "zip");
            LambdaHarness.unzip(z, dir);
            try (var jars = Files.walk(dir)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    try (ZipFile j = new ZipFile(jar.toFile())) {
                        j.stream().map(ZipEntry::getName).forEach(classes::add);
                    }
                }
            }
            assertThat(classes).as(z.toString()).anyMatch(n -> n.startsWith("software/amazon/awssdk/services/s3/"));
            assertThat(classes).as(z.toString()).filteredOn(n -> n.startsWith("com/azure/")
                    || n.startsWith("com/microsoft/azure/") || n.startsWith("com/google/cloud/")
                    || n.startsWith("com/google/api/gax/")).isEmpty();
            boolean spring = z.equals(zip());
            assertThat(classes.stream().anyMatch(n -> n.startsWith("org/springframework/"))).as(z.toString())
                    .isEqualTo(spring); // Spring only in the Spring route
        }
    }

    /** A result without what legitimately differs between runs and paths: timings, cold start, event metadata. */
}
