// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.hla.Box;
import dev.vss.hla.Keypoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoseTest {
    static List<Keypoint> keypoints(int... present) {
        Keypoint[] k = new Keypoint[18];
        for (int i : present) {
            k[i] = new Keypoint(10 + i, 100 - i, 0.5f);
        }
        return Arrays.asList(k);
    }

    @Test
    void namesAndSkeletonFollowCocoOpenPoseOrder() {
        assertThat(Pose.KEYPOINT_NAMES).hasSize(18).startsWith("nose", "neck", "r_sho").endsWith("r_ear", "l_ear");
        assertThat(Pose.KEYPOINT_NAMES.get(Pose.R_HIP)).isEqualTo("r_hip");
        assertThat(Pose.KEYPOINT_NAMES.get(Pose.L_ANKLE)).isEqualTo("l_ank");
        assertThat(Pose.SKELETON).hasSize(17).doesNotHaveDuplicates();
        // the drawn skeleton is the decoder's limb table without the two ear-shoulder helpers
        assertThat(OpenPoseDecoder.LIMBS.subList(0, 17)).containsExactlyElementsOf(Pose.SKELETON);
        assertThat(new Pose.Limb(Pose.NECK, Pose.NOSE)).hasToString("neck-nose");
        assertThatThrownBy(() -> new Pose.Limb(3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pose.Limb(0, 18)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keypointsAreAnUnmodifiableCopyWithNulls() {
        List<Keypoint> source = new ArrayList<>(keypoints(Pose.NOSE, Pose.NECK, Pose.L_EAR));
        Pose p = Pose.of(0.7f, source);
        source.set(Pose.NECK, null);
        assertThat(p.keypoints()).hasSize(18);
        assertThat(p.keypoint(Pose.NECK)).isNotNull();
        assertThat(p.keypoint(Pose.R_WRIST)).isNull();
        assertThat(p.keypointCount()).isEqualTo(3);
        assertThatThrownBy(() -> p.keypoints().set(0, null)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(p.box()).isEqualTo(Box.ofCorners(10, 100 - 17, 10 + 17, 100)); // nose (10, 100) to l_ear (27, 83)
    }

    @Test
    void invalidPosesAreRejected() {
        Box b = new Box(0, 0, 1, 1);
        assertThatThrownBy(() -> new Pose(0.5f, b, keypoints(0).subList(0, 17))).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("18");
        assertThatThrownBy(() -> new Pose(0.5f, b, Collections.nCopies(18, null))).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> new Pose(1.5f, b, keypoints(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("score");
        assertThatThrownBy(() -> new Pose(Float.NaN, b, keypoints(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pose(0.5f, null, keypoints(0))).isInstanceOf(NullPointerException.class);
    }
}
