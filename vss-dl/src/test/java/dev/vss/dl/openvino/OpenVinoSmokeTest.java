package dev.vss.dl.openvino;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.dl.*;
import org.junit.jupiter.api.Test;

class OpenVinoSmokeTest {
    @Test
    void faceDetectionFindsObama() throws Exception {
        try (Engine engine = Engine.newInstance("openvino");
             Model model = engine.readModel(TestData.model("intel/face-detection-retail-0004/FP32/face-detection-retail-0004.xml"))) {
            System.out.println(engine.version() + " in " + model.inputs() + " out " + model.outputs());
            model.addImagePreprocessing(ImagePreprocessing.bgr(0));
            System.out.println("after ppp " + model.inputs());
            try (CompiledModel cm = model.compile(CompileOptions.builder().optThreads(2).build());
                 InferRequest r = cm.createRequest()) {
                Tensor img = TestData.bgr("faces/obama.jpg");
                r.setInput(0, img);
                r.infer();
                float[] d = r.output(0).toFloatArray();
                for (int i = 0; i < 200 && d[i * 7] >= 0; i++) {
                    if (d[i * 7 + 2] > 0.3) {
                        System.out.printf("det %d label %.0f conf %.3f box %.3f %.3f %.3f %.3f%n", i, d[i*7+1], d[i*7+2], d[i*7+3], d[i*7+4], d[i*7+5], d[i*7+6]);
                    }
                }
                assertThat(d[2]).isGreaterThan(0.9f);
            }
        }
    }
}
