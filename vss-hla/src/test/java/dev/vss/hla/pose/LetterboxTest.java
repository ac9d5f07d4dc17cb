// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LetterboxTest {
    @Test
    void tallImageFillsTheHeight() {
        Letterbox lb = Letterbox.fit(500, 610, 456, 256);
        assertThat(lb.contentHeight()).isEqualTo(256);
        assertThat(lb.contentWidth()).isEqualTo(210); // 500 * 256 / 610 = 209.8
        assertThat(lb.contentX()).isZero();
        assertThat(lb.contentY()).isZero();
    }

    @Test
    void wideImageFillsTheWidth() {
        Letterbox lb = Letterbox.fit(1000, 200, 456, 256);
        assertThat(lb.contentWidth()).isEqualTo(456);
        assertThat(lb.contentHeight()).isEqualTo(91); // 200 * 0.456
        Letterbox hd = Letterbox.fit(1280, 720, 456, 256);
        assertThat(hd.contentHeight()).isEqualTo(256);
        assertThat(hd.contentWidth()).isEqualTo(455);
    }

    @Test
    void exactSizeIsIdentity() {
        Letterbox lb = Letterbox.fit(456, 256, 456, 256);
        assertThat(lb.isIdentity()).isTrue();
        assertThat(lb.toImageX(17.25f)).isCloseTo(17.25f, within(1e-5f));
        assertThat(Letterbox.identity(57, 32).toImageY(3.5f)).isCloseTo(3.5f, within(1e-6f));
    }

    @Test
    void mappingFollowsPixelCentres() {
        Letterbox lb = Letterbox.fit(500, 610, 456, 256);
        // the image's corners map to the content's corners (pixel edges at -0.5 and size - 0.5)
        assertThat(lb.toImageX(-0.5f)).isCloseTo(-0.5f, within(1e-4f));
        assertThat(lb.toImageX(209.5f)).isCloseTo(499.5f, within(1e-3f));
        assertThat(lb.toImageY(255.5f)).isCloseTo(609.5f, within(1e-3f));
        for (float x : new float[] {0, 12.3f, 250, 499}) {
            assertThat(lb.toImageX(lb.toInputX(x))).isCloseTo(x, within(1e-3f));
            assertThat(lb.toImageY(lb.toInputY(x))).isCloseTo(x, within(1e-3f));
        }
    }

    @Test
    void invalidGeometryIsRejected() {
        assertThatThrownBy(() -> Letterbox.fit(0, 10, 456, 256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image");
        assertThatThrownBy(() -> new Letterbox(10, 10, 456, 256, 400, 0, 100, 256)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("content");
    }
}
