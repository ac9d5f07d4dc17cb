package dev.vss.dl.openvino;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import dev.vss.dl.*;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading from memory, compiled-model cache, async requests, properties, tensors of every type. */
class OpenVinoFeaturesTest extends OpenVinoEngineTestBase {
    static final String FD = "intel/face-detection-retail-0004/FP16/face-detection-retail-0004";

    static float[] detect(Model m, Tensor img, CompileOptions o, boolean async) throws Exception {
        m.addImagePreprocessing(ImagePreprocessing.bgr(0));
        try (CompiledModel c = m.compile(o); InferRequest r = c.createRequest()) {
            r.setInput(0, img);
            if (async) {
                r.startAsync();
                r.await();
            } else {
                r.infer();
            }
            return r.output(0).toFloatArray();
        }
    }

    @Test
    void engineReportsThePinnedVersion() {
        assertThat(engine.name()).isEqualTo("openvino");
        assertThat(engine.version()).startsWith("2026.4.1");
        assertThat(Engine.availableEngines()).first().isEqualTo("openvino");
    }

    @Test
    void deviceReportsItsOptimizationCapabilities() throws Exception {
        // every CPU OpenVINO supports computes FP32; the rest (BF16, INT8, FP16) depends on the ISA
        assertThat(engine.deviceProperty("CPU", "OPTIMIZATION_CAPABILITIES").split(" ")).contains("FP32");
        assertThat(engine.deviceProperty("CPU", "INFERENCE_PRECISION_HINT")).matches("f32|bf16|f16");
        DlException e = org.junit.jupiter.api.Assertions.assertThrows(DlException.class,
                () -> engine.deviceProperty("CPU", "NO_SUCH_PROPERTY"));
        assertThat(e.code()).isEqualTo(DlErrorCode.NATIVE_ERROR);
    }

    @Test
    void modelFromMemoryEqualsModelFromFile() throws Exception {
        Tensor img = TestData.bgr("faces/obama.jpg");
        float[] fromFile;
        try (Model m = engine.readModel(TestData.model(FD + ".xml"))) {
            fromFile = detect(m, img, CompileOptions.defaults(), false);
        }
        byte[] xml = Files.readAllBytes(TestData.model(FD + ".xml"));
        byte[] bin = Files.readAllBytes(TestData.model(FD + ".bin"));
        try (Model m = engine.readModel(xml, bin, ModelFormat.IR)) {
            assertThat(detect(m, img, CompileOptions.defaults(), false)).containsExactly(fromFile);
        }
        byte[] onnx = Files.readAllBytes(TestData.model("onnx/face_detection_yunet_2023mar.onnx"));
        try (Model m = engine.readModel(onnx, null, ModelFormat.ONNX)) {
            assertThat(m.outputs()).hasSize(12);
        }
    }

    @Test
    void asyncEqualsSync() throws Exception {
        Tensor img = TestData.bgr("faces/two_people.jpg");
        try (Model a = engine.readModel(TestData.model(FD + ".xml")); Model b = engine.readModel(TestData.model(FD + ".xml"))) {
            assertThat(detect(a, img, CompileOptions.defaults(), true))
                    .containsExactly(detect(b, img, CompileOptions.defaults(), false));
        }
    }

    @Test
    void compiledModelCacheIsWrittenAndReused(@TempDir Path cache) throws Exception {
        Tensor img = TestData.bgr("faces/obama.jpg");
        CompileOptions o = CompileOptions.builder().optCacheDir(cache).build();
        float[] first;
        try (Model m = engine.readModel(TestData.model(FD + ".xml"))) {
            first = detect(m, img, o, false);
        }
        long blobs;
        try (Stream<Path> s = Files.walk(cache)) { // one entry per (model, OpenVINO, CPU): see OvCacheTest
            blobs = s.filter(p -> p.toString().endsWith(".blob")).count();
        }
        assertThat(blobs).isEqualTo(1);
        try (Model m = engine.readModel(TestData.model(FD + ".xml"))) {
            assertThat(detect(m, img, o, false)).containsExactly(first);
        }
        try (Stream<Path> s = Files.walk(cache)) {
            assertThat(s.filter(p -> p.toString().endsWith(".blob")).count()).isEqualTo(1);
        }
    }

    @Test
    void compilePropertiesReachTheDevice() throws Exception {
        try (Model m = engine.readModel(TestData.model(FD + ".xml"))) {
            try (CompiledModel c = m.compile(CompileOptions.builder().optThreads(1).optHint(PerformanceHint.LATENCY).build())) {
                assertThat(c.property("INFERENCE_NUM_THREADS")).isEqualTo("1");
                assertThat(c.property("PERFORMANCE_HINT")).isEqualTo("LATENCY");
                assertThat(c.property("NUM_STREAMS")).isEqualTo("1");
            }
            try (CompiledModel c = m.compile(CompileOptions.builder().optHint(PerformanceHint.THROUGHPUT).optStreams(2).build())) {
                assertThat(c.property("NUM_STREAMS")).isEqualTo("2");
            }
        }
    }

    @Test
    void reshapeToADynamicBatch() throws Exception {
        try (Model m = engine.readModel(TestData.model("onnx/yunet_s_dynamic.onnx"))) {
            assertThat(m.inputs().get(0).shape().isDynamic()).isTrue();
            m.reshape(0, Shape.of(1, 3, 320, 480));
            assertThat(m.inputs().get(0).shape()).isEqualTo(Shape.of(1, 3, 320, 480));
            try (CompiledModel c = m.compile(CompileOptions.defaults()); InferRequest r = c.createRequest()) {
                r.setInput(0, Tensor.allocate(ElementType.F32, Shape.of(1, 3, 320, 480)));
                r.infer();
                // stride 8 grid of a 320x480 input: 40 x 60 cells
                assertThat(r.output(0).shape()).isEqualTo(Shape.of(1, 2400, 1));
            }
        }
    }

    @Test
    void tensorsOfEveryTypeRoundTripThroughOpenVino() throws Exception {
        OvLib lib = OvNatives.lib();
        Tensor[] ts = {Tensor.of(new float[] {1.5f, -2f, 3.25f, 0f}, 2, 2), Tensor.ofF16(new float[] {1.5f, -2f, 65504f}, 3),
            Tensor.ofU8(new byte[] {0, 127, (byte) 255}, 1, 3), Tensor.ofI32(new int[] {-7, 1 << 30}, 2),
            Tensor.ofI64(new long[] {-1L << 40, 5}, 2, 1)};
        for (Tensor t : ts) {
            var p = OvTensors.wrap(lib, t);
            try {
                Tensor back = OvTensors.copyOut(lib, p);
                assertThat(back.type()).isEqualTo(t.type());
                assertThat(back.shape()).isEqualTo(t.shape());
                assertThat(back.toFloatArray()).containsExactly(t.toFloatArray());
                // zero copy: the ov tensor's data pointer is the Java buffer's address
                var ref = new com.sun.jna.ptr.PointerByReference();
                assertThat(lib.ov_tensor_data(p, ref)).isZero();
                assertThat(ref.getValue()).isEqualTo(Native.getDirectBufferPointer(t.data()));
            } finally {
                lib.ov_tensor_free(p);
            }
        }
    }

    @Test
    void runtimeIsFoundInTheProjectInstallFolder() {
        assertThat(OvNatives.loadedFrom()).isNotNull();
        assertThat(OvNatives.loadedFrom().getFileName().toString()).startsWith("libopenvino_c.so");
        assertThat(OvNatives.findLib(Path.of("/nonexistent"))).isNull();
    }
}
