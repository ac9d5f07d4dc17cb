// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.dl.Tensor;
import dev.vss.dl.image.Image;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pose translator's output side on synthetic maps: no native library, no model. */
class PoseTranslatorTest {
    private static final PoseTranslator TRANSLATOR = new PoseTranslator(OpenPoseDecoder.defaults(), "pose/FP32");

    @Test
    void outputsInEitherOrderDecodeAsTheDecoderDoes() throws Exception {
        Letterbox lb = Letterbox.fit(912, 512, 456, 256);
        OpenPoseDecoder.Input in = OpenPoseDecoder.syntheticInput(lb);
        Tensor heat = Tensor.of(in.heatmaps(), 1, OpenPoseDecoder.KEYPOINTS + 1, in.height(), in.width());
        Tensor pafs = Tensor.of(in.pafs(), 1, OpenPoseDecoder.PAF_CHANNELS, in.height(), in.width());
        PoseTranslator.Framed f = new PoseTranslator.Framed(Image.allocate(912, 512, 3), lb);
        List<Pose> expected = OpenPoseDecoder.defaults().decode(in);
        assertThat(expected).hasSize(2);
        assertThat(TRANSLATOR.processOutput(f, List.of(heat, pafs))).isEqualTo(expected);
        assertThat(TRANSLATOR.processOutput(f, List.of(pafs, heat))).isEqualTo(expected);
    }

    @Test
    void missingOrMismatchedMapsFailAsInferenceNamingTheModel() {
        Letterbox lb = Letterbox.fit(912, 512, 456, 256);
        PoseTranslator.Framed f = new PoseTranslator.Framed(Image.allocate(912, 512, 3), lb);
        Tensor heat = Tensor.of(new float[19 * 32 * 57], 1, 19, 32, 57);
        Tensor smallPafs = Tensor.of(new float[38 * 16 * 28], 1, 38, 16, 28);
        for (List<Tensor> outs : List.of(List.of(heat), List.of(heat, smallPafs))) {
            assertThatThrownBy(() -> TRANSLATOR.processOutput(f, outs)).isInstanceOf(HlaException.class)
                    .hasMessageContaining("pose/FP32: unexpected outputs")
                    .satisfies(e -> assertThat(((HlaException) e).code()).isEqualTo(HlaErrorCode.INFERENCE_FAILED));
        }
    }
}
