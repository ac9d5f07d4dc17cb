// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vss.hla.Keypoint;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OpenPose decoder on synthetic maps with known answers; no native library involved. */
class OpenPoseDecoderTest {
    /** The real network's map size (256x456 input at stride 8). */
    static final int H = 32;
    static final int W = 57;

    final OpenPoseDecoder decoder = OpenPoseDecoder.defaults();

    static void assertMatches(Pose pose, float[][] truth, float tolerance) {
        for (int k = 0; k < 18; k++) {
            Keypoint kp = pose.keypoint(k);
            assertThat(kp).as(Pose.KEYPOINT_NAMES.get(k)).isNotNull();
            assertThat(Math.hypot(kp.x() - truth[k][0], kp.y() - truth[k][1])).as(Pose.KEYPOINT_NAMES.get(k))
                    .isLessThan(tolerance);
        }
    }

    @Test
    void tablesAreOmzOnes() {
        assertThat(OpenPoseDecoder.LIMBS).hasSize(19);
        for (int l = 0; l < 19; l++) {
            assertThat(OpenPoseDecoder.LIMBS.get(l)).isEqualTo(
                    new Pose.Limb(SyntheticMaps.OMZ_LIMBS[l][0], SyntheticMaps.OMZ_LIMBS[l][1]));
            assertThat(OpenPoseDecoder.pafChannelX(l)).as("limb " + l).isEqualTo(SyntheticMaps.OMZ_PAF_X[l]);
        }
    }

    @Test
    void onePersonIsFoundWithSubPixelKeypoints() {
        float[][] truth = SyntheticMaps.person(20.37f, 3.2f);
        List<Pose> poses = decoder.decode(new SyntheticMaps(H, W).draw(truth).input());

        assertThat(poses).hasSize(1);
        Pose p = poses.get(0);
        assertThat(p.keypointCount()).isEqualTo(18);
        assertMatches(p, truth, 0.5f);
        // The blobs are exact Gaussians, so the log-parabola refinement should be far better than the 0.5 asked for.
        assertMatches(p, truth, 0.02f);
        assertThat(p.score()).isBetween(0.7f, 0.9f);
        // the box spans the keypoints: right wrist to left wrist, right eye/left eye to the lower ankle
        assertThat(p.box().x()).isCloseTo(truth[Pose.R_WRIST][0], within(0.02f));
        assertThat(p.box().x1()).isCloseTo(truth[Pose.L_WRIST][0], within(0.02f));
        assertThat(p.box().y()).isCloseTo(truth[Pose.L_EYE][1], within(0.02f));
        assertThat(p.box().y1()).isCloseTo(truth[Pose.R_ANKLE][1], within(0.02f));
    }

    @Test
    void twoPeopleSideBySideKeepTheirOwnKeypoints() {
        // 13 cells apart: the wrists facing each other are only about 6 cells apart.
        float[][] left = SyntheticMaps.person(20.37f, 3.2f);
        float[][] right = SyntheticMaps.person(33.61f, 4.7f);
        List<Pose> poses = decoder.decode(new SyntheticMaps(H, W).draw(left).draw(right).input());

        assertThat(poses).hasSize(2);
        List<Pose> byX = poses.stream().sorted(Comparator.comparingDouble(p -> p.box().cx())).toList();
        assertMatches(byX.get(0), left, 0.05f);
        assertMatches(byX.get(1), right, 0.05f);
    }

    @Test
    void limbWithReversedFieldIsNotConnected() {
        float[][] truth = SyntheticMaps.person(20.37f, 3.2f);
        // limb 3 is r_elb -> r_wri, the only limb that reaches the right wrist
        assertThat(OpenPoseDecoder.LIMBS.get(3)).isEqualTo(new Pose.Limb(Pose.R_ELBOW, Pose.R_WRIST));
        List<Pose> poses = decoder.decode(new SyntheticMaps(H, W).draw(truth).reverse(3).input());

        assertThat(poses).hasSize(1);
        Pose p = poses.get(0);
        assertThat(p.keypoint(Pose.R_WRIST)).isNull();
        assertThat(p.keypoint(Pose.R_ELBOW)).isNotNull();
        assertThat(p.keypointCount()).isEqualTo(17);
    }

    @Test
    void fieldAcrossTheGapDoesNotJoinTwoPeople() {
        // Same two people, plus a strong blob of a third neck between them with no PAF: it must stay alone.
        float[][] left = SyntheticMaps.person(15.2f, 3.2f);
        float[][] right = SyntheticMaps.person(40.8f, 3.2f);
        SyntheticMaps maps = new SyntheticMaps(H, W).draw(left).draw(right).blob(Pose.NECK, 28.1f, 7.4f, 0.9f);
        List<Pose> poses = decoder.decode(maps.input());
        assertThat(poses).hasSize(2);
        assertThat(poses).allSatisfy(p -> assertThat(p.keypointCount()).isEqualTo(18));
    }

    @Test
    void emptyMapsGiveNoPose() {
        assertThat(decoder.decode(new SyntheticMaps(H, W).input())).isEmpty();
    }

    @Test
    void heatmapsBelowThresholdGiveNoPose() {
        SyntheticMaps maps = new SyntheticMaps(H, W);
        float[][] truth = SyntheticMaps.person(20.37f, 3.2f);
        for (int k = 0; k < 18; k++) {
            maps.blob(k, truth[k][0], truth[k][1], 0.09f); // just under the 0.1 peak threshold
        }
        assertThat(decoder.decode(maps.input())).isEmpty();
    }

    @Test
    void keypointsWithoutFieldsGiveNoPose() {
        SyntheticMaps maps = new SyntheticMaps(H, W);
        float[][] truth = SyntheticMaps.person(20.37f, 3.2f);
        for (int k = 0; k < 18; k++) {
            maps.blob(k, truth[k][0], truth[k][1], SyntheticMaps.PEAK);
        }
        assertThat(decoder.decode(maps.input())).isEmpty();
    }

    @Test
    void tooFewKeypointsGiveNoPose() {
        // nose - neck - right shoulder: 3 keypoints pass the default minimum, 2 do not
        float[][] t = SyntheticMaps.person(20.37f, 3.2f);
        SyntheticMaps two = new SyntheticMaps(H, W).blob(Pose.NECK, t[1][0], t[1][1], 0.9f)
                .blob(Pose.R_SHOULDER, t[2][0], t[2][1], 0.9f).paf(12, t[1][0], t[1][1], t[2][0], t[2][1]);
        assertThat(decoder.decode(two.input())).isEmpty();
        SyntheticMaps three = two.blob(Pose.NOSE, t[0][0], t[0][1], 0.9f).paf(28, t[1][0], t[1][1], t[0][0], t[0][1]);
        List<Pose> poses = decoder.decode(three.input());
        assertThat(poses).hasSize(1);
        assertThat(poses.get(0).keypointCount()).isEqualTo(3);
        assertThat(OpenPoseDecoder.builder().optMinKeypoints(4).build().decode(three.input())).isEmpty();
    }

    /** A faint person at (0.18 keypoint + 0.3 limb) per keypoint = 0.5, with or without legs. */
    static SyntheticMaps faintPerson(boolean legs) {
        SyntheticMaps maps = new SyntheticMaps(H, W);
        float[][] truth = SyntheticMaps.person(20.37f, 3.2f);
        java.util.Set<Integer> legKeypoints = java.util.Set.of(9, 10, 12, 13);
        for (int k = 0; k < 18; k++) {
            if (legs || !legKeypoints.contains(k)) {
                maps.blob(k, truth[k][0], truth[k][1], 0.2f);
            }
        }
        for (int l = 0; l < 19; l++) {
            float[] a = truth[SyntheticMaps.OMZ_LIMBS[l][0]];
            float[] b = truth[SyntheticMaps.OMZ_LIMBS[l][1]];
            maps.paf(SyntheticMaps.OMZ_PAF_X[l], a[0], a[1], b[0], b[1]);
        }
        for (int i = 0; i < maps.pafs.length; i++) {
            maps.pafs[i] *= 0.3f;
        }
        return maps;
    }

    @Test
    void weakPartialPersonIsDroppedByTheMinimumPoseScore() {
        SyntheticMaps maps = faintPerson(false); // 14 keypoints, no knees or ankles: clutter-like
        assertThat(decoder.decode(maps.input())).isEmpty();
        assertThat(OpenPoseDecoder.builder().optMinPoseScore(0.2f).build().decode(maps.input())).hasSize(1);
    }

    @Test
    void weakWholeBodyIsKeptAtTheLowerScore() {
        SyntheticMaps maps = faintPerson(true); // all 18 keypoints: a distant pedestrian
        List<Pose> poses = decoder.decode(maps.input());
        assertThat(poses).hasSize(1);
        assertThat(poses.get(0).keypointCount()).isEqualTo(18);
        // the relaxation never makes a configured minimum stricter, and never goes below OMZ's 0.2
        assertThat(OpenPoseDecoder.builder().optMinPoseScore(0.6f).build().decode(maps.input())).hasSize(1);
        SyntheticMaps fainter = faintPerson(true);
        for (int i = 0; i < fainter.pafs.length; i++) {
            fainter.pafs[i] = 0;
        }
        assertThat(decoder.decode(fainter.input())).isEmpty(); // no limbs: no person at all
    }

    @ParameterizedTest
    @ValueSource(floats = {-0.45f, -0.31f, -0.12f, 0f, 0.08f, 0.27f, 0.44f})
    void subPixelRefinementRecoversAnOffGridPeak(float d) {
        // samples of a Gaussian at -1, 0, 1 around a centre offset by d
        double s2 = 2 * SyntheticMaps.SIGMA * SyntheticMaps.SIGMA;
        float l = (float) Math.exp(-(-1 - d) * (-1 - d) / s2);
        float c = (float) Math.exp(-d * d / s2);
        float r = (float) Math.exp(-(1 - d) * (1 - d) / s2);
        assertThat(OpenPoseDecoder.offset(l, c, r)).isCloseTo(d, within(1e-4f));
    }

    @Test
    void subPixelRefinementOfOneBlobInTheMaps() {
        // One neck-shoulder-elbow arm at (10.5 - 0.38, 7.0 + 0.29) etc.: every keypoint off the grid by 0.2-0.45
        float[][] t = {{0, 0}, {10.12f, 7.29f}, {14.44f, 7.61f}, {18.23f, 7.77f}};
        SyntheticMaps maps = new SyntheticMaps(H, W).blob(1, t[1][0], t[1][1], 0.9f).blob(2, t[2][0], t[2][1], 0.9f)
                .blob(3, t[3][0], t[3][1], 0.9f).paf(12, t[1][0], t[1][1], t[2][0], t[2][1])
                .paf(14, t[2][0], t[2][1], t[3][0], t[3][1]);
        Pose p = decoder.decode(maps.input()).get(0);
        for (int k = 1; k <= 3; k++) {
            assertThat(p.keypoint(k).x()).isCloseTo(t[k][0], within(0.01f));
            assertThat(p.keypoint(k).y()).isCloseTo(t[k][1], within(0.01f));
        }
    }

    @Test
    void refinementFallsBackOnFlatOrNonPositiveValues() {
        assertThat(OpenPoseDecoder.offset(0.5f, 0.5f, 0.5f)).isZero();
        // zeros beside the peak: the plain parabola through (−1, 0), (0, 1), (1, 0.5) peaks at +1/6
        assertThat(OpenPoseDecoder.offset(0f, 1f, 0.5f)).isCloseTo(1 / 6f, within(1e-6f));
        assertThat(OpenPoseDecoder.offset(0.9f, 1f, -0.2f)).isBetween(-0.5f, 0f);
    }

    @Test
    void keypointsAreMappedBackThroughTheLetterbox() {
        // a 500x610 portrait letterboxed into 456x256: content 210x256 at the left, maps 57x32 at stride 8
        Letterbox lb = Letterbox.fit(500, 610, 456, 256);
        float[][] inMap = SyntheticMaps.person(12f, 2f); // built in map cells, then expressed in image pixels
        float[][] truth = new float[18][2];
        for (int k = 0; k < 18; k++) {
            // map cell i covers input pixels [8i, 8i + 8): its centre is input pixel 8i + 3.5
            float inputX = (inMap[k][0] + 0.5f) * 8 - 0.5f;
            float inputY = (inMap[k][1] + 0.5f) * 8 - 0.5f;
            truth[k][0] = lb.toImageX(inputX);
            truth[k][1] = lb.toImageY(inputY);
            // and the inverse mapping agrees
            assertThat(lb.toInputX(truth[k][0])).isCloseTo(inputX, within(1e-3f));
            assertThat(lb.toInputY(truth[k][1])).isCloseTo(inputY, within(1e-3f));
        }
        List<Pose> poses = decoder.decode(new SyntheticMaps(H, W).draw(inMap).input(lb));
        assertThat(poses).hasSize(1);
        // 0.02 cells of refinement error is 0.02 * 8 / 0.42 = 0.4 image pixels
        assertMatches(poses.get(0), truth, 0.5f);
        assertThat(truth[Pose.L_ANKLE][1]).isGreaterThan(0.7f * 610); // the person really spans the portrait
    }

    @Test
    void smoothingKeepsOnePerson() {
        float[][] truth = SyntheticMaps.person(20.37f, 3.2f);
        OpenPoseDecoder smooth = OpenPoseDecoder.builder().optSmoothingSigma(0.7f).optMinPoseScore(0.5f).build();
        List<Pose> poses = smooth.decode(new SyntheticMaps(H, W).draw(truth).input());
        assertThat(poses).hasSize(1);
        // a symmetric blur of a single blob does not move its centre
        assertMatches(poses.get(0), truth, 0.05f);
    }

    @Test
    void inputIsValidated() {
        float[] heat = new float[19 * H * W];
        float[] paf = new float[38 * H * W];
        Letterbox lb = Letterbox.identity(W, H);
        assertThatThrownBy(() -> new OpenPoseDecoder.Input(new float[17 * H * W], paf, H, W, lb))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heatmaps");
        assertThatThrownBy(() -> new OpenPoseDecoder.Input(heat, new float[19 * H * W], H, W, lb))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pafs");
        assertThatThrownBy(() -> new OpenPoseDecoder.Input(heat, paf, 0, W, lb))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> new OpenPoseDecoder.Input(heat, paf, H, W, null))
                .isInstanceOf(NullPointerException.class);
        // 18 heatmaps without the background channel are accepted
        assertThat(decoder.decode(new OpenPoseDecoder.Input(new float[18 * H * W], paf, H, W, lb))).isEmpty();
        assertThatThrownBy(() -> OpenPoseDecoder.builder().optPeakThreshold(0)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> OpenPoseDecoder.builder().optMinKeypoints(1)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("count");
    }
}
