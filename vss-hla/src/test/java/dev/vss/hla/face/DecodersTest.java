// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vss.hla.Box;
import dev.vss.hla.Keypoint;
import dev.vss.hla.Point;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The similarity transform, landmarks, pose-derived faces, embeddings and quality gates on synthetic data. */
class DecodersTest {
    @Test
    void similarityRecoversAKnownTransform() {
        double angle = Math.toRadians(20);
        double s = 1.7;
        double[] truth = {s * Math.cos(angle), -s * Math.sin(angle), 12, s * Math.sin(angle), s * Math.cos(angle), -5};
        List<Point> src = List.of(new Point(30, 40), new Point(70, 40), new Point(50, 60), new Point(35, 80), new Point(65, 80));
        List<Point> dst = src.stream().map(p -> Similarity.apply(truth, p)).toList();
        double[] m = Similarity.estimate(src, dst);
        for (int i = 0; i < 6; i++) {
            assertThat(m[i]).isCloseTo(truth[i], within(1e-4));
        }
        assertThatThrownBy(() -> Similarity.estimate(List.of(new Point(1, 1), new Point(1, 1)), dst.subList(0, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coincide");
    }

    @Test
    void alignmentMapsLandmarksOntoTheReidTemplate() {
        // an upright face whose landmarks are the template scaled by 2 and shifted: alignment undoes exactly that
        List<Point> t = FaceEmbedder.template();
        List<Point> face = t.stream().map(p -> new Point(p.x() * 2 + 100, p.y() * 2 + 50)).toList();
        double[] m = Similarity.estimate(face, t);
        for (int i = 0; i < 5; i++) {
            Point mapped = Similarity.apply(m, face.get(i));
            assertThat(mapped.distance(t.get(i))).isLessThan(1e-3f);
        }
        assertThat(m[0]).isCloseTo(0.5, within(1e-6));
        assertThat(m[1]).isCloseTo(0, within(1e-6));
    }

    @Test
    void landmarksAreMappedFromCropToImage() {
        float[] v = {0.3f, 0.4f, 0.7f, 0.4f, 0.5f, 0.6f, 0.35f, 0.8f, 0.65f, 0.8f};
        Landmarks lm = LandmarksDetector.decode(v, 100, 200, 50);
        assertThat(lm.leftEye()).isEqualTo(new Point(115, 220));
        assertThat(lm.nose()).isEqualTo(new Point(125, 230));
        assertThat(lm.eyeDistance()).isCloseTo(20f, within(1e-4f));
    }

    static List<Keypoint> pose() {
        Keypoint[] k = new Keypoint[18];
        k[0] = new Keypoint(100, 110, 0.9f); // nose
        k[14] = new Keypoint(90, 100, 0.9f); // right eye
        k[15] = new Keypoint(110, 100, 0.9f); // left eye
        return Arrays.asList(k);
    }

    @Test
    void poseKeypointsGiveAHeadBox() {
        Box b = PoseFaceLocator.locate(pose(), 640, 480).orElseThrow();
        assertThat(b.w()).isCloseTo(50f, within(1e-3f)); // 2.5 x 20 px eye distance
        assertThat(b.cx()).isCloseTo(100f, within(1e-3f));
        assertThat(b.cy()).isCloseTo(105f, within(1e-3f)); // between eyes (100) and nose (110)
        List<Keypoint> ears = new ArrayList<>(pose());
        ears.set(16, new Keypoint(75, 105, 0.8f));
        ears.set(17, new Keypoint(125, 105, 0.8f));
        assertThat(PoseFaceLocator.locate(ears, 640, 480).orElseThrow().w()).isCloseTo(55f, within(1e-3f));
        List<Keypoint> none = Arrays.asList(new Keypoint[18]);
        assertThat(PoseFaceLocator.locate(none, 640, 480)).isEmpty();
        assertThatThrownBy(() -> PoseFaceLocator.locate(List.of(), 10, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void embeddingsAreNormalisedAndModelBound() {
        Embedding a = new Embedding(new float[] {3, 4}, "m/FP16");
        assertThat(a.vector()).containsExactly(0.6f, 0.8f);
        assertThat(a.cosine(new Embedding(new float[] {4, -3}, "m/FP16"))).isCloseTo(0f, within(1e-6f));
        assertThatThrownBy(() -> a.cosine(new Embedding(new float[] {1, 0}, "m/FP32")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Embedding(new float[] {0, 0}, "m")).hasMessageContaining("zero");
        assertThat(a.toString()).doesNotContain("0.6");
    }

    @Test
    void qualityGates() {
        assertThat(FaceQuality.DEFAULT.reject(20, 500)).isEqualTo("TOO_SMALL");
        assertThat(FaceQuality.DEFAULT.reject(100, 5)).isEqualTo("TOO_BLURRED");
        assertThat(FaceQuality.DEFAULT.reject(100, 500)).isNull();
    }
}
