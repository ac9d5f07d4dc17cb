// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.opencv;

import dev.vss.dl.internal.OpenCvNatives;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vss.dl.CompileOptions;
import dev.vss.dl.CompiledModel;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.ElementType;
import dev.vss.dl.Engine;
import dev.vss.dl.ImagePreprocessing;
import dev.vss.dl.InferRequest;
import dev.vss.dl.Model;
import dev.vss.dl.ModelFormat;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Shape;
import dev.vss.dl.Tensor;
import dev.vss.dl.TestData;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.dl.image.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenCvEngineTest {
    static final String YUNET = "onnx/face_detection_yunet_2023mar.onnx";
    static final List<String> YUNET_OUTPUTS = List.of("cls_8", "cls_16", "cls_32", "obj_8", "obj_16", "obj_32",
            "bbox_8", "bbox_16", "bbox_32", "kps_8", "kps_16", "kps_32");

    static Engine engine;
    static Tensor obamaInput;
    static YuNet.Letterbox obamaBox;
    static Image obama;

    @BeforeAll
    static void setUp() throws Exception {
        engine = Engine.newInstance("opencv");
        obama = Images.read(SharedData.image("faces/obama.jpg"));
        obamaBox = YuNet.letterbox(obama);
        obamaInput = YuNet.input(obamaBox);
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    private static DlException dl(TestData.ThrowingRunnable r) {
        return TestData.dlThrown(r);
    }

    @Test
    void registeredBelowOpenVinoAndLoadsOnce() throws Exception {
        assertThat(Engine.availableEngines()).containsSubsequence("openvino", "opencv");
        assertThat(engine.name()).isEqualTo("opencv");
        assertThat(engine.version()).isEqualTo("4.9.0");
        assertThat(engine.deviceInfo("CPU")).contains("OpenCV 4.9.0");
        assertThat(dl(() -> engine.deviceInfo("GPU")).code()).isEqualTo(DlErrorCode.UNSUPPORTED);
        assertThat(OpenCvNatives.isLoaded()).isTrue();
        double ms = OpenCvNatives.loadMillis();
        assertThat(ms).isPositive();
        assertThat(OpenCvNatives.loadedFrom()).isNotNull();
        OpenCvNatives.load();
        try (Engine second = Engine.newInstance("OpenCV")) {
            assertThat(second.name()).isEqualTo("opencv");
        }
        assertThat(OpenCvNatives.loadMillis()).isEqualTo(ms); // loaded once
        System.out.printf("OpenCV natives: %.1f ms from %s%n", ms, OpenCvNatives.loadedFrom());
    }

    @Test
    void yunetPortsComeFromTheOnnxFile() throws Exception {
        try (Model model = engine.readModel(SharedData.model(YUNET))) {
            assertThat(model.inputs()).containsExactly(
                    new PortInfo(0, "input", ElementType.F32, Shape.of(1, 3, 640, 640)));
            assertThat(model.outputs()).extracting(PortInfo::name).containsExactlyElementsOf(YUNET_OUTPUTS);
            assertThat(model.outputs().get(0).shape()).isEqualTo(Shape.of(1, 6400, 1));
            assertThat(model.outputs().get(11).shape()).isEqualTo(Shape.of(1, 400, 10));
            try (CompiledModel compiled = model.compile(CompileOptions.defaults())) {
                assertThat(compiled.inputs()).isEqualTo(model.inputs());
                assertThat(compiled.outputs()).isEqualTo(model.outputs());
            }
        }
    }

    @Test
    void yunetFindsExactlyObamasFace() throws Exception {
        try (Model model = engine.readModel(SharedData.model(YUNET));
             CompiledModel compiled = model.compile(CompileOptions.defaults());
             InferRequest request = compiled.createRequest()) {
            request.setInput(0, obamaInput);
            request.infer();
            assertThat(request.outputCount()).isEqualTo(12);
            for (PortInfo p : compiled.outputs()) {
                assertThat(request.output(p.index()).shape()).as(p.name()).isEqualTo(p.shape());
            }
            List<YuNet.Face> faces = YuNet.decode(YuNet.outputs(request, compiled.outputs()), 0.5f, 0.3f);
            assertThat(faces).filteredOn(f -> f.score() > 0.9f).hasSize(1);
            YuNet.Face face = faces.get(0).scaled(obamaBox.scale());
            assertThat(face.x()).isGreaterThanOrEqualTo(0);
            assertThat(face.y()).isGreaterThanOrEqualTo(0);
            assertThat(face.x() + face.w()).isLessThanOrEqualTo(obama.width());
            assertThat(face.y() + face.h()).isLessThanOrEqualTo(obama.height());
            assertThat(face.w()).isBetween(100f, 800f);
            // landmarks inside the box: eyes above the nose above the mouth corners, left eye left of the right
            float[] l = face.landmarks();
            for (int k = 0; k < 5; k++) {
                assertThat(l[2 * k]).isBetween(face.x(), face.x() + face.w());
                assertThat(l[2 * k + 1]).isBetween(face.y(), face.y() + face.h());
            }
            assertThat(l[0]).isLessThan(l[2]);
            assertThat(Math.max(l[1], l[3])).isLessThan(l[5]);
            assertThat(l[5]).isLessThan(Math.min(l[7], l[9]));
        }
    }

    @Test
    void imagePreprocessingTakesRawBgrOfAnySize() throws Exception {
        Map<String, float[]> reference;
        try (Model model = engine.readModel(SharedData.model(YUNET));
             CompiledModel compiled = model.compile(CompileOptions.defaults());
             InferRequest request = compiled.createRequest()) {
            request.setInput(0, Images.toBlob(obamaBox.image(), 640, 640, new float[] {1, 2, 3},
                    new float[] {0.5f, 1, 2}, true));
            request.infer();
            reference = YuNet.outputs(request, compiled.outputs());
        }
        try (Model model = engine.readModel(SharedData.model(YUNET))) {
            model.addImagePreprocessing(new ImagePreprocessing(0, true, true, new float[] {1, 2, 3},
                    new float[] {0.5f, 1, 2}));
            assertThat(model.inputs()).containsExactly(new PortInfo(0, "input", ElementType.U8, Shape.of(1, -1, -1, 3)));
            assertThat(dl(() -> model.reshape(0, Shape.of(1, 3, 320, 320))).code())
                    .isEqualTo(DlErrorCode.UNSUPPORTED);
            try (CompiledModel compiled = model.compile(CompileOptions.defaults());
                 InferRequest request = compiled.createRequest()) {
                assertThat(compiled.inputs().get(0).type()).isEqualTo(ElementType.U8);
                // same 640x640 image as u8: the request converts exactly like Images.toBlob
                request.setInput(0, obamaBox.image().toTensor());
                request.infer();
                Map<String, float[]> got = YuNet.outputs(request, compiled.outputs());
                for (String n : YUNET_OUTPUTS) {
                    assertThat(got.get(n)).as(n).containsExactly(reference.get(n));
                }
                // the port takes u8 NHWC of any size now, and no longer the f32 blob
                assertThat(dl(() -> request.setInput(0, obamaInput)).code()).isEqualTo(DlErrorCode.TYPE_MISMATCH);
                request.setInput(0, Tensor.ofU8(new byte[12], 1, 2, 2, 3));
                assertThat(dl(() -> request.setInput(0, Tensor.ofU8(new byte[16], 1, 2, 2, 4))).code())
                        .isEqualTo(DlErrorCode.SHAPE_MISMATCH);
            }
        }
        // BGR 0-255 pre-processing, the image twice as large: resized inside the request, same face
        try (Model model = engine.readModel(SharedData.model(YUNET))) {
            model.addImagePreprocessing(ImagePreprocessing.bgr(0));
            try (CompiledModel compiled = model.compile(CompileOptions.defaults());
                 InferRequest request = compiled.createRequest()) {
                Image big = Images.resize(obamaBox.image(), 1280, 1280);
                request.setInput(0, big.toTensor());
                request.infer();
                List<YuNet.Face> faces = YuNet.decode(YuNet.outputs(request, compiled.outputs()), 0.5f, 0.3f);
                assertThat(faces).filteredOn(f -> f.score() > 0.9f).hasSize(1);
                try (Model plainModel = engine.readModel(SharedData.model(YUNET));
                     CompiledModel plainCompiled = plainModel.compile(CompileOptions.defaults());
                     InferRequest plain = plainCompiled.createRequest()) {
                    plain.setInput(0, obamaInput);
                    plain.infer();
                    YuNet.Face ref = YuNet.decode(YuNet.outputs(plain, compiled.outputs()), 0.5f, 0.3f).get(0);
                    assertThat(faces.get(0).x()).isCloseTo(ref.x(), within(3f));
                    assertThat(faces.get(0).y()).isCloseTo(ref.y(), within(3f));
                    assertThat(faces.get(0).w()).isCloseTo(ref.w(), within(3f));
                }
            }
        }
    }

    @Test
    void dynamicYunetIsBeyondOpenCv49() {
        // OpenCV 4.9's ONNX importer cannot do this file's dynamic Shape ops; OpenVINO can.
        DlException e = dl(() -> engine.readModel(SharedData.model("onnx/yunet_s_dynamic.onnx")));
        assertThat(e.code()).isEqualTo(DlErrorCode.MODEL_INVALID);
        assertThat(e).hasMessageContaining("yunet_s_dynamic.onnx").hasMessageContaining("openvino");
    }

    @Test
    void dynamicModelRunsAnySizeAndNeedsReshapeForPreprocessing() throws Exception {
        try (Model model = engine.readModel(OnnxModels.relu(null, 3L, null, null), null, ModelFormat.ONNX)) {
            assertThat(model.inputs()).containsExactly(new PortInfo(0, "x", ElementType.F32, Shape.of(-1, 3, -1, -1)));
            assertThat(model.outputs()).containsExactly(new PortInfo(0, "y", ElementType.F32, Shape.of(-1, 3, -1, -1)));
            DlException e = dl(() -> model.addImagePreprocessing(ImagePreprocessing.bgr(0)));
            assertThat(e.code()).isEqualTo(DlErrorCode.UNSUPPORTED);
            assertThat(e).hasMessageContaining("reshape(0");
            assertThat(dl(() -> model.reshape(0, Shape.of(1, 3, 320)))).extracting(DlException::code)
                    .isEqualTo(DlErrorCode.SHAPE_MISMATCH);

            try (CompiledModel compiled = model.compile(CompileOptions.defaults());
                 InferRequest request = compiled.createRequest()) {
                float[] x = new float[30];
                for (int i = 0; i < x.length; i++) {
                    x[i] = i - 15;
                }
                request.setInput(0, Tensor.of(x, 1, 3, 2, 5));
                request.infer();
                Tensor y = request.output(0);
                assertThat(y.shape()).isEqualTo(Shape.of(1, 3, 2, 5)); // the real shape, not the port's
                float[] want = new float[30];
                for (int i = 0; i < x.length; i++) {
                    want[i] = Math.max(0, x[i]);
                }
                assertThat(y.toFloatArray()).containsExactly(want, within(0f)); // Relu gives -0.0
                request.setInput(0, Tensor.of(new float[48], 1, 3, 4, 4)); // another size, same request
                request.infer();
                assertThat(request.output(0).shape()).isEqualTo(Shape.of(1, 3, 4, 4));
            }

            model.reshape(0, Shape.of(1, 3, 4, 6));
            assertThat(model.inputs().get(0).shape()).isEqualTo(Shape.of(1, 3, 4, 6));
            // the file's output shapes were for the file's input shapes: unknown now until a request runs
            assertThat(model.outputs().get(0).shape()).isEqualTo(Shape.of(-1, -1, -1, -1));
            float[] mean = {10, 20, 30};
            float[] scale = {2, 4, 8};
            model.addImagePreprocessing(new ImagePreprocessing(0, true, true, mean, scale));
            Image img = Image.allocate(12, 8, 3);
            java.nio.ByteBuffer d = img.data();
            for (int i = 0; i < d.capacity(); i++) {
                d.put(i, (byte) (i * 37));
            }
            try (CompiledModel compiled = model.compile(CompileOptions.defaults());
                 InferRequest request = compiled.createRequest()) {
                request.setInput(0, img.toTensor());
                request.infer();
                float[] blob = Images.toBlob(img, 6, 4, mean, scale, true).toFloatArray();
                for (int i = 0; i < blob.length; i++) {
                    blob[i] = Math.max(0, blob[i]);
                }
                Tensor y = request.output(0);
                assertThat(y.shape()).isEqualTo(Shape.of(1, 3, 4, 6));
                assertThat(y.toFloatArray()).containsExactly(blob, within(0f));
            }
        }
        // without resizing the port takes exactly the model's size
        try (Model model = engine.readModel(OnnxModels.relu(1L, 3L, 4L, 6L), null, ModelFormat.ONNX)) {
            model.addImagePreprocessing(new ImagePreprocessing(0, false, false, null, null));
            assertThat(model.inputs().get(0)).isEqualTo(new PortInfo(0, "x", ElementType.U8, Shape.of(1, 4, 6, 3)));
            try (CompiledModel compiled = model.compile(CompileOptions.defaults());
                 InferRequest request = compiled.createRequest()) {
                assertThat(dl(() -> request.setInput(0, Image.allocate(12, 8, 3).toTensor())).code())
                        .isEqualTo(DlErrorCode.SHAPE_MISMATCH);
                Image img = Images.fromBgr(new byte[72], 6, 4);
                img.data().put(0, (byte) 5).put(1, (byte) 6).put(2, (byte) 7);
                request.setInput(0, img.toTensor());
                request.infer();
                float[] y = request.output(0).toFloatArray();
                assertThat(new float[] {y[0], y[24], y[48]}).containsExactly(5, 6, 7); // B, G, R planes
            }
        }
    }

    @Test
    void inputsAndOutputsKeepTheFileOrder() throws Exception {
        try (Model model = engine.readModel(OnnxModels.sumAndDiff(4), null, ModelFormat.ONNX);
             CompiledModel compiled = model.compile(CompileOptions.defaults());
             InferRequest request = compiled.createRequest()) {
            assertThat(compiled.inputs()).extracting(PortInfo::name).containsExactly("a", "b");
            // OpenCV lists unconnected outputs by name (diff, sum); the file's order is kept
            assertThat(compiled.outputs()).extracting(PortInfo::name).containsExactly("sum", "diff");
            request.setInput(0, Tensor.of(new float[] {1, 2, 3, 4}, 1, 4));
            assertThat(dl(request::infer)).hasMessageContaining("'b' was not set");
            request.setInput(1, Tensor.of(new float[] {10, 20, 30, 40}, 1, 4));
            request.infer();
            assertThat(request.output(0).toFloatArray()).containsExactly(11, 22, 33, 44);
            assertThat(request.output(1).toFloatArray()).containsExactly(-9, -18, -27, -36);
            assertThat(request.output(0).shape()).isEqualTo(Shape.of(1, 4));
        }
    }

    @Test
    void quantizedTfliteIsReportedAsUnsupported() throws Exception {
        Path tflite = SharedData.model("tflite/mobilenet_v1_0.25_128_quant.tflite");
        DlException e = dl(() -> engine.readModel(tflite));
        assertThat(e.code()).isEqualTo(DlErrorCode.UNSUPPORTED);
        assertThat(e).hasMessageContaining("UINT8").hasMessageContaining("openvino")
                .hasMessageContaining("mobilenet_v1_0.25_128_quant.tflite");
        assertThat(e.nativeStatus()).isEqualTo(Cv.STS_NOT_IMPLEMENTED);
        DlException mem = dl(() -> engine.readModel(Files.readAllBytes(tflite), null, ModelFormat.TFLITE));
        assertThat(mem.code()).isEqualTo(DlErrorCode.UNSUPPORTED);
        // MoveNet (the other TFLite family here) fails on its CAST op the same way
        assertThat(dl(() -> engine.readModel(SharedData.model("tflite/movenet_single_pose_lightning_ptq.tflite")))
                .code()).isEqualTo(DlErrorCode.UNSUPPORTED);
    }

    @Test
    void badModelFiles(@TempDir Path dir) throws Exception {
        DlException missing = dl(() -> engine.readModel(dir.resolve("missing.onnx")));
        assertThat(missing.code()).isEqualTo(DlErrorCode.MODEL_NOT_FOUND);
        assertThat(missing).hasMessageContaining("missing.onnx");

        DlException ir = dl(() -> engine.readModel(SharedData.model(
                "intel/face-detection-retail-0004/FP32/face-detection-retail-0004.xml")));
        assertThat(ir.code()).isEqualTo(DlErrorCode.UNSUPPORTED);
        assertThat(ir).hasMessageContaining("\"openvino\"").hasMessageContaining("OpenVINO backend");
        assertThat(dl(() -> engine.readModel(new byte[] {'<'}, new byte[1], ModelFormat.IR)).code())
                .isEqualTo(DlErrorCode.UNSUPPORTED);

        byte[] random = new byte[4096];
        new Random(3).nextBytes(random);
        Path garbage = Files.write(dir.resolve("garbage.onnx"), random);
        assertThat(dl(() -> engine.readModel(garbage)).code()).isEqualTo(DlErrorCode.MODEL_INVALID);
        byte[] yunet = Files.readAllBytes(SharedData.model(YUNET));
        Path truncated = Files.write(dir.resolve("truncated.onnx"), Arrays.copyOf(yunet, yunet.length / 2));
        DlException t = dl(() -> engine.readModel(truncated));
        assertThat(t.code()).isEqualTo(DlErrorCode.MODEL_INVALID);
        assertThat(t).hasMessageContaining("truncated.onnx");
        assertThat(dl(() -> engine.readModel(random, null, ModelFormat.ONNX)).code())
                .isEqualTo(DlErrorCode.MODEL_INVALID);
        Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
        assertThat(dl(() -> engine.readModel(empty)).code()).isEqualTo(DlErrorCode.MODEL_INVALID);

        assertThatThrownBy(() -> engine.readModel(SharedData.model(YUNET), dir.resolve("x.bin")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.readModel(dir.resolve("model.pb")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".onnx");
        assertThatThrownBy(() -> engine.readModel(new byte[0], null, ModelFormat.ONNX))
                .isInstanceOf(IllegalArgumentException.class);

        // from memory works like from the file
        try (Model m = engine.readModel(yunet, null, ModelFormat.ONNX)) {
            assertThat(m.inputs().get(0).name()).isEqualTo("input");
        }
    }

    @Test
    void badInputsAreRefusedBeforeNativeCode() throws Exception {
        try (Model model = engine.readModel(SharedData.model(YUNET));
             CompiledModel compiled = model.compile(CompileOptions.defaults());
             InferRequest request = compiled.createRequest()) {
            assertThat(dl(request::infer)).hasMessageContaining("not set");
            assertThatThrownBy(() -> request.output(0)).isInstanceOf(IllegalStateException.class);
            DlException shape = dl(() -> request.setInput(0, Tensor.allocate(ElementType.F32,
                    Shape.of(1, 3, 320, 320))));
            assertThat(shape.code()).isEqualTo(DlErrorCode.SHAPE_MISMATCH);
            assertThat(shape).hasMessageContaining("[1,3,640,640]");
            assertThat(dl(() -> request.setInput(0, Tensor.allocate(ElementType.F32, Shape.of(3, 640, 640)))).code())
                    .isEqualTo(DlErrorCode.SHAPE_MISMATCH);
            DlException type = dl(() -> request.setInput(0, Tensor.allocate(ElementType.U8,
                    Shape.of(1, 3, 640, 640))));
            assertThat(type.code()).isEqualTo(DlErrorCode.TYPE_MISMATCH);
            assertThat(type).hasMessageContaining("F32").hasMessageContaining("U8");
            assertThatThrownBy(() -> request.setInput(1, obamaInput)).isInstanceOf(IllegalArgumentException.class);
            request.setInput(0, obamaInput);
            request.infer();
            assertThatThrownBy(() -> request.output(12)).isInstanceOf(IllegalArgumentException.class);
            assertThat(request.output(0).elementCount()).isEqualTo(6400);
        }
        try (Model model = engine.readModel(SharedData.model(YUNET))) {
            assertThat(dl(() -> model.compile(CompileOptions.builder().optDevice("GPU").build())).code())
                    .isEqualTo(DlErrorCode.UNSUPPORTED);
            assertThatThrownBy(() -> model.reshape(1, Shape.of(1, 3, 2, 2)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> model.addImagePreprocessing(ImagePreprocessing.bgr(1)))
                    .isInstanceOf(IllegalArgumentException.class);
            try (CompiledModel compiled = model.compile(CompileOptions.defaults())) {
                DlException p = dl(() -> compiled.property("NO_SUCH_PROPERTY"));
                assertThat(p.code()).isEqualTo(DlErrorCode.UNSUPPORTED);
                assertThat(p).hasMessageContaining("INFERENCE_NUM_THREADS");
            }
        }
    }

    @Test
    void threadsOption() throws Exception {
        int before = org.opencv.core.Core.getNumThreads();
        try (Model model = engine.readModel(SharedData.model(YUNET));
             CompiledModel compiled = model.compile(CompileOptions.builder().optThreads(1).build())) {
            assertThat(compiled.property("INFERENCE_NUM_THREADS")).isEqualTo("1");
            assertThat(compiled.property("EXECUTION_DEVICES")).isEqualTo("CPU");
        } finally {
            org.opencv.core.Core.setNumThreads(before);
        }
    }

    @Test
    void useAfterCloseThrowsAndCloseIsIdempotent() throws Exception {
        Engine e = Engine.newInstance("opencv");
        Model model = e.readModel(SharedData.model(YUNET));
        e.close();
        e.close();
        assertThatThrownBy(() -> e.readModel(SharedData.model(YUNET))).isInstanceOf(IllegalStateException.class);
        // a model outlives its engine
        CompiledModel compiled = model.compile(CompileOptions.defaults());
        model.close();
        model.close();
        assertThatThrownBy(model::inputs).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> model.compile(CompileOptions.defaults())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> model.reshape(0, Shape.of(1, 3, 64, 64))).isInstanceOf(IllegalStateException.class);
        InferRequest request = compiled.createRequest();
        compiled.close();
        compiled.close();
        assertThatThrownBy(compiled::createRequest).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(compiled::outputs).isInstanceOf(IllegalStateException.class);
        // a request outlives its compiled model (it owns its Net)
        request.setInput(0, obamaInput);
        request.infer();
        Tensor out = request.output(0);
        request.close();
        request.close();
        assertThatThrownBy(() -> request.setInput(0, obamaInput)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(request::infer).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> request.output(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(request::outputCount).isInstanceOf(IllegalStateException.class);
        assertThat(out.elementCount()).isEqualTo(6400); // outputs are copies: valid after close
    }

    @Test
    void asyncGivesTheSameOutputsAsInfer() throws Exception {
        try (Model model = engine.readModel(SharedData.model(YUNET));
             CompiledModel compiled = model.compile(CompileOptions.defaults());
             InferRequest request = compiled.createRequest()) {
            request.setInput(0, obamaInput);
            request.infer();
            float[] sync = request.output(6).toFloatArray();
            request.startAsync();
            assertThatThrownBy(() -> request.output(6)).isInstanceOf(IllegalStateException.class);
            request.await();
            request.await(); // nothing pending: returns
            assertThat(request.output(6).toFloatArray()).containsExactly(sync);
        }
    }

    @Test
    void requestsOfOneCompiledModelRunInParallel() throws Exception {
        Tensor other = YuNet.input(YuNet.letterbox(Images.read(SharedData.image("faces/two_people.jpg"))));
        try (Model model = engine.readModel(SharedData.model(YUNET));
             CompiledModel compiled = model.compile(CompileOptions.defaults())) {
            float[] refA;
            float[] refB;
            try (InferRequest r = compiled.createRequest()) {
                r.setInput(0, obamaInput);
                r.infer();
                refA = r.output(0).toFloatArray();
                r.setInput(0, other);
                r.infer();
                refB = r.output(0).toFloatArray();
            }
            assertThat(refA).isNotEqualTo(refB);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Boolean>> results = new java.util.ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    Tensor in = t == 0 ? obamaInput : other;
                    float[] ref = t == 0 ? refA : refB;
                    results.add(pool.submit(() -> {
                        try (InferRequest r = compiled.createRequest()) {
                            for (int i = 0; i < 4; i++) {
                                r.setInput(0, in);
                                r.infer();
                                if (!Arrays.equals(r.output(0).toFloatArray(), ref)) {
                                    return false;
                                }
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> f : results) {
                    assertThat(f.get(120, TimeUnit.SECONDS)).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void concurrentUseOfOneRequestThrows() throws Exception {
        try (Model model = engine.readModel(SharedData.model(YUNET));
             CompiledModel compiled = model.compile(CompileOptions.defaults());
             InferRequest request = compiled.createRequest()) {
            request.setInput(0, obamaInput);
            AtomicBoolean stop = new AtomicBoolean();
            Thread runner = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        request.infer();
                    } catch (IllegalStateException e) {
                        // the main thread was inside the request at that moment: try again
                    } catch (DlException e) {
                        throw new AssertionError(e);
                    }
                }
            });
            runner.start();
            IllegalStateException seen = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (seen == null && System.nanoTime() < deadline) {
                try {
                    request.output(0);
                } catch (IllegalStateException e) {
                    if (e.getMessage().contains("another thread")) {
                        seen = e;
                    }
                }
            }
            stop.set(true);
            runner.join(30_000);
            assertThat(seen).as("a call during another thread's infer()").isNotNull();
        }
    }
}
