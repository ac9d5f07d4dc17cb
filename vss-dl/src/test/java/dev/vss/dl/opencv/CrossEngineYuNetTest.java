// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.opencv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vss.dl.CompileOptions;
import dev.vss.dl.CompiledModel;
import dev.vss.dl.Engine;
import dev.vss.dl.InferRequest;
import dev.vss.dl.Model;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Tensor;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.dl.image.SharedData;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Acceptance: the same YuNet ONNX model on OpenVINO and on OpenCV, fed the same input tensor, finds the same faces with
 * boxes within 2 px (in original image coordinates). OpenVINO is not optional here: if its runtime is missing the test
 * fails.
 */
class CrossEngineYuNetTest {

    @ParameterizedTest
    @CsvSource({"faces/two_people.jpg, 2", "faces/obama.jpg, 1"})
    void sameFacesOnBothEngines(String image, int expectedFaces) throws Exception {
        Image img = Images.read(SharedData.image(image));
        YuNet.Letterbox lb = YuNet.letterbox(img);
        Tensor input = YuNet.input(lb);

        Map<String, float[]> ov = run("openvino", input, CompileOptions.defaults());
        Map<String, float[]> ovF32 = run("openvino", input, F32);
        Map<String, float[]> cv = run("opencv", input, CompileOptions.defaults());
        assertThat(cv.keySet()).isEqualTo(ov.keySet()).hasSize(12);
        for (String name : ov.keySet()) {
            assertThat(cv.get(name)).as(name).hasSameSizeAs(ov.get(name));
            // At f32 both engines compute the same maths: raw outputs agree to float rounding. (By default OpenVINO
            // runs bf16 on CPUs with AMX/AVX512-BF16, where raw values differ by up to ~0.15.)
            assertThat(worst(ovF32.get(name), cv.get(name))).as("max |openvino f32 - opencv| of " + name)
                    .isLessThan(1e-4f);
        }
        List<YuNet.Face> fCv = faces(cv, lb);
        assertThat(fCv).as("opencv faces").hasSize(expectedFaces);
        // the acceptance criterion, with OpenVINO's default options (bf16 where the CPU has it), and at f32
        assertSameFaces(faces(ov, lb), fCv, img, 2f);
        assertSameFaces(faces(ovF32, lb), fCv, img, 0.05f);
    }

    private static void assertSameFaces(List<YuNet.Face> fOv, List<YuNet.Face> fCv, Image img, float px) {
        assertThat(fOv).as("openvino faces").hasSize(fCv.size());
        for (int i = 0; i < fOv.size(); i++) {
            YuNet.Face a = fOv.get(i);
            YuNet.Face b = fCv.get(i);
            assertThat(b.x()).isCloseTo(a.x(), within(px));
            assertThat(b.y()).isCloseTo(a.y(), within(px));
            assertThat(b.x() + b.w()).isCloseTo(a.x() + a.w(), within(px));
            assertThat(b.y() + b.h()).isCloseTo(a.y() + a.h(), within(px));
            assertThat(b.score()).isCloseTo(a.score(), within(0.01f));
            for (int k = 0; k < 10; k++) {
                assertThat(b.landmarks()[k]).isCloseTo(a.landmarks()[k], within(px));
            }
            assertThat(b.score()).isGreaterThan(0.9f);
            assertThat(b.x()).isGreaterThanOrEqualTo(0);
            assertThat(b.y()).isGreaterThanOrEqualTo(0);
            assertThat(b.x() + b.w()).isLessThanOrEqualTo(img.width());
            assertThat(b.y() + b.h()).isLessThanOrEqualTo(img.height());
        }
    }

    /** Faces at score ≥ 0.6 after NMS 0.3, in original image coordinates, left to right. */
    private static List<YuNet.Face> faces(Map<String, float[]> out, YuNet.Letterbox lb) {
        return YuNet.decode(out, 0.6f, 0.3f).stream().map(f -> f.scaled(lb.scale()))
                .sorted(Comparator.comparingDouble(YuNet.Face::x)).toList();
    }

    static final CompileOptions F32 = CompileOptions.builder().optInferencePrecision("f32").build();

    static float worst(float[] a, float[] b) {
        float w = 0;
        for (int i = 0; i < a.length; i++) {
            w = Math.max(w, Math.abs(a[i] - b[i]));
        }
        return w;
    }

    private static Map<String, float[]> run(String engineName, Tensor input, CompileOptions options) throws Exception {
        try (Engine engine = Engine.newInstance(engineName);
             Model model = engine.readModel(SharedData.model(OpenCvEngineTest.YUNET));
             CompiledModel compiled = model.compile(options);
             InferRequest request = compiled.createRequest()) {
            assertThat(engine.name()).isEqualTo(engineName);
            // Both engines list outputs in the file's order and by the file's names.
            List<PortInfo> outs = compiled.outputs();
            assertThat(outs).extracting(PortInfo::name).containsExactlyElementsOf(OpenCvEngineTest.YUNET_OUTPUTS);
            request.setInput(0, input);
            request.infer();
            Map<String, float[]> byName = new java.util.HashMap<>();
            for (PortInfo p : outs) {
                Tensor t = request.output(p.index());
                assertThat(t.shape()).as(engineName + " output " + p.index()).isEqualTo(p.shape());
                byName.put(OpenCvEngineTest.YUNET_OUTPUTS.get(p.index()), t.toFloatArray());
            }
            return byName;
        }
    }
}
