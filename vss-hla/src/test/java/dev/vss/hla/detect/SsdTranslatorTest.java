// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.dl.Tensor;
import dev.vss.dl.image.Image;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSD translator's output side on a synthetic DetectionOutput tensor: no native library, no model. */
class SsdTranslatorTest {
    @Test
    void outputIsDecodedInTheImagesPixelsNotTheNetworks() {
        float[] rows = {0, 1, 0.9f, 0.1f, 0.2f, 0.3f, 0.6f, 0, 1, 0.4f, 0.5f, 0.5f, 0.6f, 0.7f, -1, 0, 0, 0, 0, 0, 0};
        SsdDecoder decoder = new SsdDecoder(0.5f, -1, 0.4f);
        SsdTranslator t = new SsdTranslator(decoder, new int[] {300, 300});
        assertThat(t.inputWidth()).isEqualTo(300);
        assertThat(t.inputHeight()).isEqualTo(300);
        List<Detection> d = t.processOutput(Image.allocate(640, 480, 3), List.of(Tensor.of(rows, 1, 1, 3, 7)));
        assertThat(d).isEqualTo(decoder.decode(rows, 640, 480)).hasSize(1);
        assertThat(d.get(0).box().x()).isEqualTo(0.1f * 640);
        assertThat(d.get(0).box().y()).isEqualTo(0.2f * 480);
    }
}
