// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class JavaWarmUpTest {
    @Test
    void frameIsTheTexturedPatternPixelForPixel() throws Exception {
        Images.loadNatives();
        int w = 333;
        int h = 121;
        Image f = JavaWarmUp.frame(w, h);
        assertThat(f.width()).isEqualTo(w);
        assertThat(f.height()).isEqualTo(h);
        ByteBuffer d = f.data();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                int detail = (x * 31 + y * 17) % 23;
                assertThat(d.get(i)).isEqualTo((byte) (x * 255 / w + detail));
                assertThat(d.get(i + 1)).isEqualTo((byte) (y * 255 / h + detail));
                assertThat(d.get(i + 2)).isEqualTo((byte) (((x / 40 + y / 40) % 2) * 120 + 60 + detail));
            }
        }
    }
}
