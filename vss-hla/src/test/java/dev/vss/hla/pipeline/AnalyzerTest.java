package dev.vss.hla.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.HlaTestData;
import dev.vss.hla.gallery.Gallery;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole chain on real images: stage skipping on a covered camera, faces from pose keypoints. */
class AnalyzerTest {
    static Analyzer detector;
    static Analyzer fromPose;
    static Gallery gallery;

    @BeforeAll
    static void open() throws Exception {
        detector = Analyzer.create(HlaTestData.context(), AnalyzerOptions.defaults());
        fromPose = Analyzer.create(HlaTestData.context(), AnalyzerOptions.defaults().withFaceSource(FaceSource.POSE));
        gallery = Gallery.empty(detector.embeddingModel(), Gallery.DEFAULT_THRESHOLD)
                .enrol("obama", List.of(detector.enrolmentFace(HlaTestData.image("faces/obama.jpg")).embedding()))
                .enrol("biden", List.of(detector.enrolmentFace(HlaTestData.image("faces/biden.jpg")).embedding()));
    }

    @AfterAll
    static void close() {
        detector.close();
        fromPose.close();
    }

    @Test
    void aCoveredCameraSkipsPoseAndFaces() throws Exception {
        // the lens taped over: the photo of two people under an opaque grey sticker covering the whole frame
        Image img = HlaTestData.image("faces/two_people.jpg").copy();
        Images.rectangle(img, 0, 0, img.width(), img.height(), Images.rgb(120, 118, 110), -1);
        ImageAnalysis a = detector.analyze(img, gallery);
        assertThat(a.coverage().covered()).isTrue();
        assertThat(a.people()).isEmpty();
        assertThat(a.faces()).isEmpty();
        assertThat(a.timingsMs()).containsKey("coverage").doesNotContainKeys("pose", "faces");
        ImageAnalysis clear = detector.analyze(HlaTestData.image("faces/two_people.jpg"), gallery);
        assertThat(clear.coverage().covered()).isFalse();
        assertThat(clear.people()).hasSize(2);
        assertThat(clear.timingsMs()).containsKeys("coverage", "pose", "faces", "total");
        assertThat(clear.models()).containsEntry("pose", "human-pose-estimation-0001/FP16-INT8")
                .containsEntry("person_detection", "person-detection-retail-0013/FP16");
    }

    @Test
    void facesFromPoseKeypointsAreRecognisedToo() throws Exception {
        ImageAnalysis a = fromPose.analyze(HlaTestData.image("faces/two_people.jpg"), gallery);
        List<FaceResult> fs = a.faces().stream().sorted(Comparator.comparingDouble(f -> f.face().box().cx())).toList();
        assertThat(fs).hasSize(2);
        assertThat(fs).extracting(f -> f.match().identity()).containsExactly("obama", "biden");
        assertThat(a.models()).doesNotContainKey("face_detection"); // the detector did not run
        ImageAnalysis stranger = fromPose.analyze(HlaTestData.image("faces/grace_hopper.bmp"), gallery);
        assertThat(stranger.faces()).hasSize(1);
        assertThat(stranger.faces().get(0).match().identity()).isNull();
    }
}
