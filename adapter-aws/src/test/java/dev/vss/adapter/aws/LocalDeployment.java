// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.runtime.InitStrategy;
import dev.vss.cloud.aws.LocalS3;
import dev.vss.cloud.aws.S3BlobStore;
import dev.vss.hla.pipeline.AnalyzerOptions;
import dev.vss.hla.pipeline.ModelPlan;
import dev.vss.models.CatalogEntry;
import dev.vss.models.ModelCatalog;
import dev.vss.models.ModelFile;
import dev.vss.models.ModelRepository;
import dev.vss.models.Workspace;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a deployed stack holds, on 127.0.0.1: s3proxy with the images bucket (images under incoming/, the encrypted
 * gallery with obama and biden under gallery/) and the models bucket (exactly the files the pipeline loads), and the
 * function's environment as template.yaml sets it (local key instead of KMS: no local KMS exists).
 */
final class LocalDeployment implements AutoCloseable {
    final LocalS3 s3;
    final S3BlobStore cams;
    final Path keyFile;

    LocalDeployment(Path work) throws Exception {
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
    Map<String, String> functionEnv() throws Exception {
        return LambdaHarness.env("AWS_REGION", LocalS3.REGION, "AWS_ACCESS_KEY_ID", LocalS3.ACCESS,
                "AWS_SECRET_ACCESS_KEY", LocalS3.SECRET, "VSS_S3_ENDPOINT", s3.endpoint.toString(),
                "VSS_S3_PATH_STYLE", "true", "VSS_INPUTS", "s3://vss-cams/incoming/",
                "VSS_RESULTS", "s3://vss-cams/results/", "VSS_GALLERY", "s3://vss-cams/gallery/",
                "VSS_GALLERY_KEY", Files.readString(keyFile).strip(), "VSS_MODELS_URI", "s3://vss-models/models/",
                "VSS_THREADS", "2");
    }

    @Override
    public void close() {
        s3.close();
    }
}
