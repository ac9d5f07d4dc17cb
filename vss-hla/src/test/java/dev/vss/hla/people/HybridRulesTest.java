// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.people;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.hla.Box;
import dev.vss.hla.Keypoint;
import dev.vss.hla.pose.Pose;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hybrid method's matching rules on synthetic boxes and poses (no natives). */
class HybridRulesTest {
    static Pose pose(float... xy) {
        List<Keypoint> k = new ArrayList<>(Arrays.asList(new Keypoint[18]));
        for (int i = 0; i < xy.length / 2; i++) {
            k.set(i, new Keypoint(xy[2 * i], xy[2 * i + 1], 0.8f));
        }
        return Pose.of(0.8f, k);
    }

    @Test
    void aBoxHoldsAPoseWhenMostKeypointsAreInside() {
        Box box = new Box(100, 100, 40, 100);
        assertThat(PeopleFinder.holds(box, pose(110, 110, 120, 130, 130, 190))).isTrue();
        // 2 of 3 inside (67 % >= 60 %)
        assertThat(PeopleFinder.holds(box, pose(110, 110, 120, 130, 300, 300))).isTrue();
        // 1 of 3 inside
        assertThat(PeopleFinder.holds(box, pose(110, 110, 300, 130, 300, 300))).isFalse();
        // a hand 3 px beyond the side is still in (margin 10 % of the width)
        assertThat(PeopleFinder.holds(box, pose(143, 150))).isTrue();
        assertThat(PeopleFinder.holds(box, pose(150, 150))).isFalse();
    }

    @Test
    void aBoxInsideAWholeFramePersonIsAPartOfIt() {
        List<Box> bodies = List.of(new Box(0, 0, 500, 600));
        assertThat(PeopleFinder.insideAny(new Box(100, 200, 200, 300), bodies)).isTrue(); // a torso box
        assertThat(PeopleFinder.insideAny(new Box(400, 200, 200, 300), bodies)).isFalse(); // half outside
        assertThat(PeopleFinder.insideAny(new Box(100, 200, 200, 300), List.of())).isFalse();
    }
}
