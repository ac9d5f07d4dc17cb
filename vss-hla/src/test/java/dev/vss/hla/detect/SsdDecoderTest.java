// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vss.hla.Box;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SSD decoding and NMS on synthetic rows, without natives (moved from face/DecodersTest with the decoder). */
class SsdDecoderTest {
    static float[] rows(float[]... r) {
        float[] out = new float[(r.length + 1) * 7];
        for (int i = 0; i < r.length; i++) {
            System.arraycopy(r[i], 0, out, i * 7, 7);
        }
        out[r.length * 7] = -1; // end marker
        return out;
    }

    @Test
    void ssdDecodesScalesFiltersAndStopsAtTheEndMarker() {
        float[] out = rows(new float[] {0, 1, 0.95f, 0.1f, 0.2f, 0.3f, 0.6f}, new float[] {0, 1, 0.4f, 0.5f, 0.5f, 0.6f, 0.6f},
                new float[] {0, 2, 0.9f, 0.6f, 0.1f, 0.8f, 0.3f});
        List<Detection> d = new SsdDecoder(0.5f, 1, 1f).decode(out, 200, 100);
        assertThat(d).hasSize(1);
        Box b = d.get(0).box();
        assertThat(b.x()).isCloseTo(20f, within(1e-4f));
        assertThat(b.y()).isCloseTo(20f, within(1e-4f));
        assertThat(b.w()).isCloseTo(40f, within(1e-4f));
        assertThat(b.h()).isCloseTo(40f, within(1e-4f));
        assertThat(new SsdDecoder(0.5f, -1, 1f).decode(out, 200, 100)).hasSize(2);
        // rows after the end marker are ignored even if they look valid
        float[] tail = Arrays.copyOf(out, out.length + 7);
        System.arraycopy(new float[] {0, 1, 0.99f, 0, 0, 1, 1}, 0, tail, out.length, 7);
        assertThat(new SsdDecoder(0.5f, 1, 1f).decode(tail, 200, 100)).hasSize(1);
        assertThatThrownBy(() -> new SsdDecoder(0.5f, 1, 1f).decode(new float[8], 10, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7-value rows");
    }

    @Test
    void ssdClipsBoxesToTheImage() {
        float[] out = rows(new float[] {0, 1, 0.9f, -0.2f, -0.1f, 0.5f, 1.3f});
        Box b = new SsdDecoder(0.5f, -1, 1f).decode(out, 100, 100).get(0).box();
        assertThat(b.x()).isZero();
        assertThat(b.y()).isZero();
        assertThat(b.x1()).isCloseTo(50f, within(1e-4f));
        assertThat(b.y1()).isEqualTo(100f);
    }

    @Test
    void nmsKeepsTheBestOfOverlappingBoxes() {
        List<Detection> d = new ArrayList<>(List.of(new Detection(new Box(0, 0, 10, 10), 0.7f, 1),
                new Detection(new Box(1, 1, 10, 10), 0.9f, 1), new Detection(new Box(50, 50, 10, 10), 0.6f, 1),
                new Detection(new Box(5, 0, 10, 10), 0.8f, 1)));
        List<Detection> kept = SsdDecoder.nms(d, 0.4f);
        // (1,1) beats (0,0) (IoU 0.68); (5,0) overlaps (1,1) by IoU 0.38 < 0.4 and stays; (50,50) is alone
        assertThat(kept).extracting(Detection::score).containsExactly(0.9f, 0.8f, 0.6f);
        assertThat(SsdDecoder.nms(d, 0.3f)).extracting(Detection::score).containsExactly(0.9f, 0.6f);
    }
}
