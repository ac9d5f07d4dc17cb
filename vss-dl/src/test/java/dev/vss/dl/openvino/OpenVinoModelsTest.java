package dev.vss.dl.openvino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vss.dl.*;
import dev.vss.dl.Geo.Box;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every catalog model on OpenVINO, on real images, with meaningful assertions. */
class OpenVinoModelsTest {
    static final String FD = "intel/face-detection-retail-0004/%s/face-detection-retail-0004.xml";
    static final String LM = "intel/landmarks-regression-retail-0009/%s/landmarks-regression-retail-0009.xml";
    static final String REID = "intel/face-reidentification-retail-0095/%s/face-reidentification-retail-0095.xml";
    static final String POSE = "intel/human-pose-estimation-0001/FP16-INT8/human-pose-estimation-0001.xml";
    static final String PD13 = "intel/person-detection-retail-0013/%s/person-detection-retail-0013.xml";
    static final String PD200 = "intel/person-detection-0200/%s/person-detection-0200.xml";
    /** OMZ face-reidentification-retail-0095 reference landmarks in [0,1] of the 128x128 crop. */
    static final float[][] REID_REF = {{0.31556875f, 0.4615741f}, {0.6826229f, 0.4615741f}, {0.5002625f, 0.6405054f},
        {0.3494719f, 0.8246920f}, {0.6534365f, 0.8246920f}};
    static Runner ov;

    @BeforeAll
    static void open() throws DlException {
        ov = new Runner("openvino");
    }

    @AfterAll
    static void close() throws Exception {
        ov.close();
    }

    static int w(Tensor img) {
        return (int) img.shape().dim(2);
    }

    static int h(Tensor img) {
        return (int) img.shape().dim(1);
    }

    static List<Box> faces(String precision, Tensor img, float min) throws DlException {
        float[] d = ov.runBgr(FD.formatted(precision), img).get(0).toFloatArray();
        return Geo.ssd(d, w(img), h(img), min, -1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FP32", "FP16", "FP16-INT8"})
    void faceDetection0004FindsExactlyOneObamaFace(String precision) throws Exception {
        Tensor img = TestData.bgr("faces/obama.jpg");
        List<Box> strong = faces(precision, img, 0.9f);
        assertThat(strong).hasSize(1);
        assertThat(faces(precision, img, 0.5f)).hasSize(1);
        Box b = strong.get(0);
        assertThat(b.x0()).isGreaterThanOrEqualTo(0);
        assertThat(b.y0()).isGreaterThanOrEqualTo(0);
        assertThat(b.x1()).isLessThanOrEqualTo(w(img));
        assertThat(b.y1()).isLessThanOrEqualTo(h(img));
        // The face is in the upper half of this portrait, roughly centred, about a quarter of the width wide.
        assertThat(b.cy()).isBetween(0.1f * h(img), 0.5f * h(img));
        assertThat(b.cx()).isBetween(0.35f * w(img), 0.75f * w(img));
        assertThat(b.x1() - b.x0()).isBetween(0.15f * w(img), 0.5f * w(img));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FP32", "FP16", "FP16-INT8"})
    void faceDetection0004FindsBothFacesInTwoPeople(String precision) throws Exception {
        Tensor img = TestData.bgr("faces/two_people.jpg");
        List<Box> f = faces(precision, img, 0.9f);
        assertThat(f).hasSize(2);
        float mid = w(img) / 2f;
        assertThat(f).anyMatch(b -> b.cx() < mid).anyMatch(b -> b.cx() > mid);
    }

    @Test
    void faceDetectionPrecisionsAgree() throws Exception {
        for (String image : List.of("faces/obama.jpg", "faces/two_people.jpg", "faces/grace_hopper.bmp")) {
            Tensor img = TestData.bgr(image);
            List<Box> ref = faces("FP32", img, 0.9f);
            for (String p : List.of("FP16", "FP16-INT8")) {
                List<Box> other = faces(p, img, 0.9f);
                assertThat(other).as(image + " " + p).hasSameSizeAs(ref);
                for (Box r : ref) {
                    Box best = other.stream().max((a, b) -> Float.compare(a.iou(r), b.iou(r))).orElseThrow();
                    // IoU >= 0.9: boxes differ by a few pixels at most; scores within 0.05
                    assertThat(best.iou(r)).as(image + " " + p + " IoU").isGreaterThan(0.9f);
                    assertThat(best.score()).isCloseTo(r.score(), within(0.05f));
                }
            }
        }
    }

    @Test
    void faceDetection0005AgreesWith0004() throws Exception {
        Tensor img = TestData.bgr("faces/obama.jpg");
        float[] d = ov.runBgr("intel/face-detection-retail-0005/FP32/face-detection-retail-0005.xml", img).get(0)
                .toFloatArray();
        List<Box> f = Geo.ssd(d, w(img), h(img), 0.9f, -1);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).iou(faces("FP32", img, 0.9f).get(0))).isGreaterThan(0.6f);
    }

    /** A square crop around the face, 10% larger each side, as OMZ demos feed landmarks-0009. */
    static int[] faceCrop(Box b, Tensor img) {
        float side = Math.max(b.x1() - b.x0(), b.y1() - b.y0()) * 1.2f;
        int x = Math.round(b.cx() - side / 2);
        int y = Math.round(b.cy() - side / 2);
        return new int[] {x, y, Math.round(side), Math.round(side)};
    }

    /** Five landmarks in image pixels. */
    static float[][] landmarks(String precision, Tensor img, Box face) throws DlException {
        int[] c = faceCrop(face, img);
        Tensor crop = Geo.crop(img, c[0], c[1], c[2], c[3]);
        float[] v = ov.runBgr(LM.formatted(precision), crop).get(0).toFloatArray();
        assertThat(v).hasSize(10);
        float[][] p = new float[5][2];
        for (int i = 0; i < 5; i++) {
            assertThat(v[2 * i]).isBetween(0f, 1f);
            assertThat(v[2 * i + 1]).isBetween(0f, 1f);
            p[i][0] = c[0] + v[2 * i] * c[2];
            p[i][1] = c[1] + v[2 * i + 1] * c[3];
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"FP32", "FP16", "FP16-INT8"})
    void landmarks0009AreInFaceOrder(String precision) throws Exception {
        for (String image : List.of("faces/obama.jpg", "faces/obama2.jpg", "faces/biden.jpg")) {
            Tensor img = TestData.bgr(image);
            Box face = faces("FP32", img, 0.9f).get(0);
            float[][] p = landmarks(precision, img, face);
            for (float[] pt : p) {
                assertThat(pt[0]).as(image + " x inside face box").isBetween(face.x0(), face.x1());
                assertThat(pt[1]).as(image + " y inside face box").isBetween(face.y0(), face.y1());
            }
            assertThat(p[0][0]).as("left eye left of right eye").isLessThan(p[1][0]);
            assertThat(p[3][0]).as("left mouth corner left of right").isLessThan(p[4][0]);
            assertThat(Math.max(p[0][1], p[1][1])).as("eyes above nose").isLessThan(p[2][1]);
            assertThat(p[2][1]).as("nose above mouth").isLessThan(Math.min(p[3][1], p[4][1]));
            assertThat(p[2][0]).as("nose between the eyes").isBetween(p[0][0], p[1][0]);
        }
    }

    @Test
    void landmarkPrecisionsAgree() throws Exception {
        Tensor img = TestData.bgr("faces/obama.jpg");
        Box face = faces("FP32", img, 0.9f).get(0);
        float[][] ref = landmarks("FP32", img, face);
        float faceW = face.x1() - face.x0();
        for (String p : List.of("FP16", "FP16-INT8")) {
            float[][] o = landmarks(p, img, face);
            for (int i = 0; i < 5; i++) {
                // within 2% of the face width (about 1 px of the 48 px model input)
                assertThat(Math.hypot(o[i][0] - ref[i][0], o[i][1] - ref[i][1])).as(p + " point " + i)
                        .isLessThan(0.02 * faceW);
            }
        }
    }

    /** Aligned 256-d embedding of the largest face. */
    static float[] embedding(String precision, Tensor img, Box face) throws DlException {
        float[][] lm = landmarks("FP32", img, face);
        float[][] dst = new float[5][2];
        for (int i = 0; i < 5; i++) {
            dst[i][0] = REID_REF[i][0] * 128;
            dst[i][1] = REID_REF[i][1] * 128;
        }
        Tensor aligned = Geo.warpAffine(img, Geo.similarity(lm, dst), 128, 128);
        float[] e = ov.runBgr(REID.formatted(precision), aligned).get(0).toFloatArray();
        assertThat(e).hasSize(256);
        return e;
    }

    static Box largest(List<Box> boxes) {
        return boxes.stream().max((a, b) -> Float.compare(a.x1() - a.x0(), b.x1() - b.x0())).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FP16", "FP16-INT8"})
    void faceReid0095SeparatesObamaFromBiden(String precision) throws Exception {
        Tensor o1 = TestData.bgr("faces/obama.jpg");
        Tensor o2 = TestData.bgr("faces/obama2.jpg");
        Tensor b = TestData.bgr("faces/biden.jpg");
        float[] eo1 = embedding(precision, o1, largest(faces("FP32", o1, 0.9f)));
        float[] eo2 = embedding(precision, o2, largest(faces("FP32", o2, 0.9f)));
        float[] eb = embedding(precision, b, largest(faces("FP32", b, 0.9f)));
        float same = Geo.cosine(eo1, eo2);
        float diff1 = Geo.cosine(eo1, eb);
        float diff2 = Geo.cosine(eo2, eb);
        System.out.printf("reid %s: obama-obama2 %.3f obama-biden %.3f obama2-biden %.3f%n", precision, same, diff1, diff2);
        assertThat(same).isGreaterThan(diff1 + 0.2f).isGreaterThan(diff2 + 0.2f);
    }

    @Test
    void faceReidPrecisionsAgree() throws Exception {
        for (String image : List.of("faces/obama.jpg", "faces/biden.jpg", "faces/grace_hopper.bmp")) {
            Tensor img = TestData.bgr(image);
            Box f = largest(faces("FP32", img, 0.9f));
            float c = Geo.cosine(embedding("FP16", img, f), embedding("FP16-INT8", img, f));
            System.out.printf("reid FP16 vs INT8 %s: %.4f%n", image, c);
            assertThat(c).as(image).isGreaterThan(0.97f);
        }
    }

    /** Heatmap peaks (value, x, y in image pixels) of the 18 keypoints. */
    static float[][] posePeaks(Tensor img) throws DlException {
        List<Tensor> out = ov.runBgr(POSE, img);
        Tensor heat = out.stream().filter(t -> t.shape().dim(1) == 19).findFirst().orElseThrow();
        assertThat(out).anyMatch(t -> t.shape().equals(Shape.of(1, 38, 32, 57)));
        assertThat(heat.shape()).isEqualTo(Shape.of(1, 19, 32, 57));
        float[] v = heat.toFloatArray();
        float[][] peaks = new float[18][3];
        int hw = 32 * 57;
        for (int k = 0; k < 18; k++) {
            int best = 0;
            for (int i = 1; i < hw; i++) {
                if (v[k * hw + i] > v[k * hw + best]) {
                    best = i;
                }
            }
            peaks[k][0] = v[k * hw + best];
            peaks[k][1] = (best % 57 + 0.5f) / 57f * w(img);
            peaks[k][2] = (best / 57 + 0.5f) / 32f * h(img);
        }
        return peaks;
    }

    @Test
    void pose0001HeatmapsPeakOnTheBody() throws Exception {
        Tensor img = TestData.bgr("people/squat.bmp");
        float[][] peaks = posePeaks(img);
        List<Box> person = Geo.ssd(ov.runBgr(PD200.formatted("FP16"), img).get(0).toFloatArray(), w(img), h(img),
                0.5f, 0);
        assertThat(person).isNotEmpty();
        Box p = largest(person);
        int strong = 0;
        for (float[] pk : peaks) {
            if (pk[0] > 0.3f) {
                strong++;
                assertThat(pk[1]).isBetween(p.x0() - 20, p.x1() + 20);
                assertThat(pk[2]).isBetween(p.y0() - 20, p.y1() + 20);
            }
        }
        System.out.println("pose peaks squat: " + Arrays.deepToString(peaks));
        assertThat(strong).as("keypoints found on the squatting person").isGreaterThanOrEqualTo(10);
        // nose (0) above the hips (8, 11)
        assertThat(peaks[0][2]).isLessThan(Math.min(peaks[8][2], peaks[11][2]));
    }

    @Test
    void pose0001FindsNoBodyOnFruit() throws Exception {
        float[][] peaks = posePeaks(TestData.bgr("no_people/fruits.jpg"));
        long strong = Arrays.stream(peaks).filter(pk -> pk[0] > 0.3f).count();
        System.out.println("pose peaks fruits: " + Arrays.deepToString(peaks));
        assertThat(strong).isLessThanOrEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"13/FP32", "13/FP16", "13/FP16-INT8", "200/FP16", "200/FP16-INT8"})
    void personDetectors(String which) throws Exception {
        String[] s = which.split("/");
        String rel = (s[0].equals("13") ? PD13 : PD200).formatted(s[1]);
        int label = s[0].equals("13") ? 1 : 0;
        // Both are detectors for surveillance views: the fixed street camera is their home ground.
        Tensor street = TestData.bgr("people/vtest_frame0000.png");
        List<Box> p = Geo.ssd(ov.runBgr(rel, street).get(0).toFloatArray(), w(street), h(street), 0.5f, label);
        System.out.println(which + " vtest " + p);
        assertThat(p).hasSizeGreaterThanOrEqualTo(2);
        assertThat(p).allMatch(b -> b.y1() - b.y0() < 0.25f * h(street), "pedestrians are small in this view");
        Tensor court = TestData.bgr("people/basketball1.png");
        List<Box> players = Geo.ssd(ov.runBgr(rel, court).get(0).toFloatArray(), w(court), h(court), 0.9f, label);
        assertThat(players).anyMatch(b -> b.cx() < 0.3f * w(court) && b.y1() - b.y0() > 0.6f * h(court));
        Tensor cat = TestData.bgr("no_people/cat_720p.jpg");
        assertThat(Geo.ssd(ov.runBgr(rel, cat).get(0).toFloatArray(), w(cat), h(cat), 0.5f, label)).isEmpty();
    }

    static List<String> labels() throws Exception {
        return Files.readAllLines(TestData.model("labels/imagenet_labels.txt"));
    }

    /** u8 NHWC RGB tensor of the model's size (TFLite models take uint8 RGB). */
    static Tensor rgbResized(Tensor bgr, int size) {
        Tensor t = Geo.warpAffine(bgr, new double[] {size / (double) w(bgr), 0, 0, 0, size / (double) h(bgr), 0}, size, size);
        var b = t.data();
        for (int i = 0; i < b.capacity(); i += 3) {
            byte tmp = b.get(i);
            b.put(i, b.get(i + 2));
            b.put(i + 2, tmp);
        }
        return t;
    }

    static List<String> top(float[] scores, int k, List<String> labels) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Float.compare(scores[b], scores[a]));
        return Arrays.stream(idx).limit(k).map(labels::get).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tflite/mobilenet_v1_0.25_128_quant.tflite:128", "tflite/mobilenet_v2_1.0_224_quant.tflite:224"})
    void tfliteMobilenetsClassify(String spec) throws Exception {
        String rel = spec.split(":")[0];
        int size = Integer.parseInt(spec.split(":")[1]);
        List<String> labels = labels();
        List<String> squirrel = top(ov.run(rel, null, rgbResized(TestData.bgr("no_people/squirrel_cls.jpg"), size))
                .get(0).toFloatArray(), 5, labels);
        List<String> cat = top(ov.run(rel, null, rgbResized(TestData.bgr("no_people/cat_720p.jpg"), size))
                .get(0).toFloatArray(), 5, labels);
        System.out.println(rel + " squirrel " + squirrel + " cat " + cat);
        assertThat(squirrel).anyMatch(l -> l.contains("squirrel"));
        assertThat(cat).anyMatch(l -> l.contains("cat"));
    }

    @Test
    void movenetFindsTheSquatPose() throws Exception {
        float[] k = ov.run("tflite/movenet_single_pose_lightning_ptq.tflite", null,
                rgbResized(TestData.bgr("people/squat.bmp"), 192)).get(0).toFloatArray();
        assertThat(k).hasSize(17 * 3);
        double mean = 0;
        for (int i = 0; i < 17; i++) {
            mean += k[i * 3 + 2] / 17;
        }
        System.out.println("movenet " + Arrays.toString(k));
        assertThat(mean).isGreaterThan(0.3);
        // (y, x, score): nose (0) above the hips (11, 12) above the ankles (15, 16)
        assertThat(k[0]).isLessThan(Math.min(k[11 * 3], k[12 * 3]));
        assertThat(Math.max(k[11 * 3], k[12 * 3])).isLessThan(Math.min(k[15 * 3], k[16 * 3]));
    }

    /** ArcFace 112x112 five-point template for MobileFaceNet. */
    static final float[][] ARCFACE = {{38.2946f, 51.6963f}, {73.5318f, 51.5014f}, {56.0252f, 71.7366f},
        {41.5493f, 92.3655f}, {70.7299f, 92.2041f}};

    static float[] mobileFaceNet(String image) throws Exception {
        Tensor img = TestData.bgr(image);
        Box f = largest(faces("FP32", img, 0.9f));
        Tensor aligned = Geo.warpAffine(img, Geo.similarity(landmarks("FP32", img, f), ARCFACE), 112, 112);
        float[] e = ov.run("onnx/mobilefacenet.onnx",
                new ImagePreprocessing(0, true, true, new float[] {127.5f}, new float[] {128f}), aligned).get(0).toFloatArray();
        assertThat(e).hasSize(128);
        return e;
    }

    @Test
    void mobileFaceNetSeparatesObamaFromBiden() throws Exception {
        float[] o1 = mobileFaceNet("faces/obama.jpg");
        float[] o2 = mobileFaceNet("faces/obama2.jpg");
        float[] b = mobileFaceNet("faces/biden.jpg");
        System.out.printf("mobilefacenet obama-obama2 %.3f obama-biden %.3f%n", Geo.cosine(o1, o2), Geo.cosine(o1, b));
        assertThat(Geo.cosine(o1, o2)).isGreaterThan(0.5f).isGreaterThan(Geo.cosine(o1, b) + 0.3f);
    }

    @Test
    void quantizedOnnxMobilenetIsRefusedWithTheFrontendsReason() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ov.engine.readModel(TestData.model("onnx/mobilenetv2-12-int8.onnx")))
                .isInstanceOfSatisfying(DlException.class, e -> assertThat(e.code()).isEqualTo(DlErrorCode.MODEL_INVALID))
                .hasMessageContaining("QLinear");
    }
}
