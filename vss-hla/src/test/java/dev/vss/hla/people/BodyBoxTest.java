// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vss.hla.Box;
import dev.vss.hla.Keypoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole-body boxes from keypoints, on synthetic standing people (no natives). */
class BodyBoxTest {
    /** A standing person whose head top is at {@code top} and who is {@code h} tall, centred at x = 100. */
    static List<Keypoint> standing(float top, float h) {
        List<Keypoint> k = new ArrayList<>(Arrays.asList(new Keypoint[18]));
        for (int i = 0; i < 18; i++) {
            float side = (i == 2 || i == 3 || i == 4 || i == 8 || i == 9 || i == 10 || i == 14 || i == 16) ? -1 : 1;
            float x = i == 0 || i == 1 ? 100 : 100 + side * 0.08f * h;
            k.set(i, new Keypoint(x, top + BodyBox.HEIGHT_SHARE[i] * h, 0.8f));
        }
        return k;
    }

    @Test
    void wholeBodyFromAllKeypoints() {
        Box b = BodyBox.of(standing(50, 80), 768, 576);
        assertThat(b.y()).isCloseTo(50f, within(0.5f));
        assertThat(b.h()).isCloseTo(80f, within(0.5f));
        assertThat(b.cx()).isCloseTo(100f, within(0.5f));
        assertThat(b.w()).isCloseTo(Math.max(0.34f * 80, 0.16f * 80 + 0.12f * 80), within(0.5f));
    }

    @Test
    void upperBodyIsExtrapolatedToTheFeet() {
        List<Keypoint> k = standing(100, 120);
        for (int i : new int[] {8, 9, 10, 11, 12, 13}) {
            k.set(i, null); // hips and legs hidden
        }
        Box b = BodyBox.of(k, 768, 576);
        assertThat(b.y()).isCloseTo(100f, within(0.5f));
        assertThat(b.h()).isCloseTo(120f, within(0.5f));
    }

    @Test
    void aHeadAloneGetsTheKeypointsBoxGrown() {
        List<Keypoint> k = new ArrayList<>(Arrays.asList(new Keypoint[18]));
        k.set(0, new Keypoint(50, 50, 0.9f));
        k.set(14, new Keypoint(46, 48, 0.9f));
        k.set(15, new Keypoint(54, 48, 0.9f));
        Box b = BodyBox.of(k, 768, 576);
        assertThat(b.h()).isGreaterThan(2f).isLessThan(30f);
        assertThat(b.cx()).isCloseTo(50f, within(0.5f));
    }

    @Test
    void clippedToTheImageAndValidated() {
        Box b = BodyBox.of(standing(500, 150), 768, 576);
        assertThat(b.y1()).isLessThanOrEqualTo(576f);
        assertThatThrownBy(() -> BodyBox.of(Arrays.asList(new Keypoint[18]), 10, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> BodyBox.of(List.of(), 10, 10)).hasMessageContaining("18");
    }
}
