// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.Tensor;
import dev.vss.dl.image.Image;
import dev.vss.hla.detect.Detection;
import dev.vss.hla.detect.SsdDecoder;
import dev.vss.hla.detect.SsdTranslator;
import dev.vss.models.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stage.predict: one place for conversion errors, the request pool and timings. */
class StageTest {
    @Test
    void aFailedConversionIsBadImageNamedByTheTranslator() {
        Translator<String, String> failing = new Translator<>() {
            @Override
            public Tensor processInput(String input) throws DlException {
                throw new DlException(DlErrorCode.IMAGE_DECODE_FAILED, "no pixels");
            }

            @Override
            public String processOutput(String input, List<Tensor> outputs) {
                return input;
            }

            @Override
            public String badInput(String input) {
                return "crop of " + input;
            }
        };
        assertThatThrownBy(() -> Stage.input(failing, "face 1")).isInstanceOf(HlaException.class)
                .hasMessage("BAD_IMAGE: crop of face 1: IMAGE_DECODE_FAILED: no pixels")
                .satisfies(e -> assertThat(((HlaException) e).code()).isEqualTo(HlaErrorCode.BAD_IMAGE))
                .hasCauseInstanceOf(DlException.class);
    }

    @Test
    void timedAndUntimedPredictionsAreTheSame() throws Exception {
        ModelContext ctx = HlaTestData.context();
        try (Stage stage = ctx.load(ctx.repository().catalog().defaultFor(Task.FACE_DETECTION), null)) {
            SsdTranslator ssd = new SsdTranslator(new SsdDecoder(0.5f, -1, 0.4f), stage.imageInputSize());
            Image image = HlaTestData.image("faces/obama.jpg");
            List<Detection> plain = stage.predict(ssd, image);
            long[] nanos = {-1, -1, -1};
            List<Detection> timed = stage.predict(ssd, image, nanos);
            assertThat(timed).isEqualTo(plain).hasSize(1);
            for (long n : nanos) {
                assertThat(n).isNotNegative();
            }
            assertThat(nanos[1]).isPositive();
            assertThat(stage.inferences()).isEqualTo(2);
        }
    }
}
