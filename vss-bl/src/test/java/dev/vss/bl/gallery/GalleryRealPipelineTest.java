// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.image.AnalyzeRequest;
import dev.vss.bl.image.BatchResult;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.runtime.FunctionInstance;
import dev.vss.bl.runtime.VssRuntime;
import dev.vss.bl.store.ImageSource;
import dev.vss.bl.store.LocalBlobStore;
import dev.vss.dl.image.Images;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.face.Embedding;
import dev.vss.hla.gallery.Gallery;
import dev.vss.hla.pipeline.AnalyzerOptions;
import dev.vss.hla.pipeline.FaceSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encrypted gallery with real embeddings (OpenVINO, shared models and images): enrol, serve through
 * {@link GalleryCache} to {@link FunctionInstance}, erase; and a gallery made at one precision refused at another.
 */
class GalleryRealPipelineTest {
    static Embedding face(VssRuntime rt, String rel) throws Exception {
        return rt.analyzer().enrolmentFace(Images.read(dev.vss.models.Workspace.imagesDir().resolve(rel))).embedding();
    }

    static List<String> identities(BatchResult r) throws Exception {
        List<String> ids = new ArrayList<>();
        ResultJson.mapper().readTree(ResultJson.line(r.results().get(0))).path("faces")
                .forEach(f -> ids.add(f.path("identity").isNull() ? null : f.path("identity").asText()));
        return ids;
    }

    @Test
    void enrolMatchEraseAndAnotherPrecisionRefused(@TempDir Path dir) throws Exception {
        LocalKeyWrapper key = LocalKeyWrapper.fromBase64(LocalKeyWrapper.newKeyBase64(), "test");
        GalleryStore store = new GalleryStore(new LocalBlobStore(dir), key);
        String model;
        try (VssRuntime rt = VssRuntime.open("openvino", 2, null, AnalyzerOptions.defaults())) {
            model = rt.analyzer().embeddingModel();
            store.enrol("obama", List.of(face(rt, "faces/obama.jpg")));
            store.enrol("biden", List.of(face(rt, "faces/biden.jpg")));
            GalleryCache cache = GalleryCache.builder(new GalleryStore(new LocalBlobStore(dir), key))
                    .optMinInterval(Duration.ZERO).build();
            FunctionInstance fn = FunctionInstance.over(rt);
            AnalyzeRequest twoPeople = AnalyzeRequest.of(List.of(ImageRef.of(
                    dev.vss.models.Workspace.imagesDir().resolve("faces/two_people.jpg").toString())));
            assertThat(identities(fn.invoke(twoPeople, ImageSource.localFiles(), cache.current(), null).result()))
                    .containsExactlyInAnyOrder("obama", "biden");
            assertThat(cache.version()).isEqualTo(2);

            store.erase("obama");
            assertThat(identities(fn.invoke(twoPeople, ImageSource.localFiles(), cache.current(), null).result())).as("after erasure, picked up by the warm cache")
                    .containsExactlyInAnyOrder(null, "biden");
            assertThat(cache.version()).isEqualTo(3);
        }
        assertThat(store.load().gallery().model()).isEqualTo(model).endsWith("/FP16-INT8");

        // the same face embedded at another precision: the stored gallery refuses it for matching and enrolment
        AnalyzerOptions fp16 = new AnalyzerOptions(false, false, true, FaceSource.DETECTOR, false, "FP16");
        try (VssRuntime rt = VssRuntime.open("openvino", 2, null, fp16)) {
            Embedding other = face(rt, "faces/obama2.jpg");
            assertThat(other.model()).isNotEqualTo(model).endsWith("/FP16");
            Gallery loaded = store.load().gallery();
            HlaException m = catchThrowableOfType(HlaException.class, () -> loaded.match(other));
            assertThat(m.code()).isEqualTo(HlaErrorCode.GALLERY_MISMATCH);
            HlaException e = catchThrowableOfType(HlaException.class, () -> store.enrol("obama", List.of(other)));
            assertThat(e.code()).isEqualTo(HlaErrorCode.GALLERY_MISMATCH);
            assertThat(store.load().version()).isEqualTo(3);
        }
    }
}
