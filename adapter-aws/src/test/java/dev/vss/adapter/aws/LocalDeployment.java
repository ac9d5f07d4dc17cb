// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import static dev.vss.bl.testing.ResultJsons.comparable;
import static dev.vss.bl.testing.ResultJsons.identities;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a deployed stack holds, on 127.0.0.1: s3proxy with the images bucket (images under incoming/, the encrypted
 * gallery with obama and biden under gallery/) and the models bucket (exactly the files the pipeline loads), and the
 * function's environment as template.yaml sets it (local key instead of KMS: no local KMS exists). Public in the
 * test jar: adapter-spring deploys its route onto the same stack.
 */
public final class LocalDeployment implements AutoCloseable {
    /** How long an invocation may take: a cold start fetches the models and loads the gallery. */
    public static final Duration WAIT = Duration.ofMinutes(3);
    public final LocalS3 s3;
    public final S3BlobStore cams;
    public final Path keyFile;

    public LocalDeployment(Path work) throws Exception {
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
        ModelRepository local = ModelRepository.fromEnvironment();
        for (CatalogEntry e : ModelPlan.of(ModelCatalog.load(), AnalyzerOptions.defaults()).entries()) {
            for (ModelFile f : e.files()) {
                models.put("models/" + f.path(), Files.readAllBytes(local.dir().resolve(f.path())));
            }
        }
        // this JVM reaches s3proxy too: enrol through the same handler code, into the bucket
        System.setProperty("vss.s3.endpoint", s3.endpoint.toString());
        System.setProperty("vss.s3.pathStyle", "true");
        System.setProperty("vss.s3.region", LocalS3.REGION);
        System.setProperty("aws.accessKeyId", LocalS3.ACCESS);
        System.setProperty("aws.secretAccessKey", LocalS3.SECRET);
        keyFile = work.resolve("gallery.key");
        Files.writeString(keyFile, LocalKeyWrapper.newKeyBase64() + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        VssSettings enrolment = VssSettings.builder().optGallery(URI.create("s3://vss-cams/gallery/"))
                .optGalleryKeyFile(keyFile).optInit(InitStrategy.LAZY).build();
        try (VssHandler h = VssHandler.create(enrolment)) {
            h.enrol("obama", List.of(ImageRef.of(images.resolve("faces/obama.jpg").toString())));
            h.enrol("biden", List.of(ImageRef.of(images.resolve("faces/biden.jpg").toString())));
        }
    }

    private void put(String key, Path file) throws Exception {
        cams.put(key, Files.readAllBytes(file));
    }

    /** The function's environment: template.yaml's variables, pointed at this deployment. */
    public Map<String, String> functionEnv() throws Exception {
        return LambdaHarness.env("AWS_REGION", LocalS3.REGION, "AWS_ACCESS_KEY_ID", LocalS3.ACCESS,
                "AWS_SECRET_ACCESS_KEY", LocalS3.SECRET, "VSS_S3_ENDPOINT", s3.endpoint.toString(),
                "VSS_S3_PATH_STYLE", "true", "VSS_INPUTS", "s3://vss-cams/incoming/",
                "VSS_RESULTS", "s3://vss-cams/results/", "VSS_GALLERY", "s3://vss-cams/gallery/",
                "VSS_GALLERY_KEY", Files.readString(keyFile).strip(), "VSS_MODELS_URI", "s3://vss-models/models/",
                "VSS_THREADS", "2");
    }

    /** A recorded event of this module's tests (its test jar carries them for adapter-spring). */
    public static String event(String name) throws Exception {
        return ResultJsons.resource(LocalDeployment.class, "/events/" + name);
    }

    /** Invokes the function and reads its answer; a function error fails with the function's log. */
    public static JsonNode invoke(RuntimeApi api, LambdaHarness lambda, String event) throws Exception {
        RuntimeApi.Answer a = api.invoke(event, WAIT);
        assertThat(a.error()).as("function error: %s\n%s", a.body(), lambda.logText()).isFalse();
        return ResultJson.mapper().readTree(a.body());
    }

    /** Stops the function (its log kept as {@code keptLog}, for reading after the run), the API and this stack. */
    public static void undeploy(LambdaHarness lambda, RuntimeApi api, AutoCloseable stack, Path keptLog)
            throws Exception {
        if (lambda != null) {
            lambda.close();
            Files.copy(lambda.log, keptLog, StandardCopyOption.REPLACE_EXISTING);
        }
        if (api != null) {
            api.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * The answer to sqs-batch-5.json: exactly the truncated image (c.jpg) reported for retry, and the stored results
     * of a, c and e.
     */
    public void assertSqsBatchOfFive(JsonNode r) throws Exception {
        assertThat(r.fieldNames()).toIterable().containsExactly("batchItemFailures");
        assertThat(r.path("batchItemFailures")).hasSize(1);
        assertThat(r.path("batchItemFailures").get(0).path("itemIdentifier").asText())
                .isEqualTo("059f36b4-87a3-44ab-83d2-661975905403");
        // the good images have their results stored, the bad one its error
        assertThat(identities(stored("results/cam2/2026-11-28/a.jpg.json"))).containsExactly("obama");
        assertThat(stored("results/cam2/2026-11-28/c.jpg.json").path("error").path("code").asText())
                .isEqualTo("DECODE_FAILED");
        assertThat(identities(stored("results/cam2/2026-11-28/e.jpg.json"))).containsExactly("biden");
    }

    /** A stored result in the images bucket. */
    public JsonNode stored(String key) throws Exception {
        return ResultJson.mapper().readTree(cams.get(key));
    }

    /** The answer to s3-put-other-bucket.json: the bucket is not under VSS_INPUTS, so never read. */
    public static void assertNotAllowed(JsonNode r) {
        assertThat(r.path("results").get(0).path("error").path("code").asText()).isEqualTo("NOT_ALLOWED");
        assertThat(r.path("failures").get(0).path("message").asText()).contains("VSS_INPUTS");
    }

    /**
     * {@code vss analyze} of s3-put.json's image on this stack gives the function's result in {@code answer} (its
     * answer to s3-put.json), but for what differs by run.
     */
    public void assertSameAsVssAnalyze(JsonNode answer) throws Exception {
        String uri = "s3://vss-cams/incoming/cam1/2026-11-28T10:00:00Z.jpg";
        JsonNode viaFunction = answer.path("results").get(0);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VssCli.run(new PrintWriter(out), new PrintWriter(err), "analyze", "--gallery", "s3://vss-cams/gallery/",
                "--key-file", keyFile.toString(), "--threads", "2", uri);
        assertThat(code).as(err.toString()).isZero();
        assertThat(comparable(viaFunction)).isEqualTo(comparable(ResultJson.mapper().readTree(out.toString().strip())));
    }

    @Override
    public void close() {
        s3.close();
    }
}
