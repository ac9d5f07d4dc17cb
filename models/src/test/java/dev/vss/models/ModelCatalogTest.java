// SPDX-License-Identifier: Apache-2.0
package dev.vss.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
    private static final ModelCatalog CATALOG = ModelCatalog.load();

    @Test
    void listsExactlyTheModelsVssUses() {
        assertThat(CATALOG.entries()).extracting(CatalogEntry::id).containsExactlyInAnyOrder(
                "face-detection-retail-0004/FP32", "face-detection-retail-0004/FP16",
                "face-detection-retail-0004/FP16-INT8", "face-detection-retail-0005/FP32",
                "landmarks-regression-retail-0009/FP32", "landmarks-regression-retail-0009/FP16",
                "landmarks-regression-retail-0009/FP16-INT8", "face-reidentification-retail-0095/FP16",
                "face-reidentification-retail-0095/FP16-INT8", "human-pose-estimation-0001/FP16-INT8",
                "person-detection-retail-0013/FP32", "person-detection-retail-0013/FP16",
                "person-detection-retail-0013/FP16-INT8", "person-detection-0200/FP16", "person-detection-0200/FP16-INT8",
                "face_detection_yunet_2023mar/FP32", "yunet_s_dynamic/FP32", "mobilefacenet/FP32",
                "mobilenetv2-12-int8/INT8", "mobilenet_v1_0.25_128_quant/UINT8", "mobilenet_v2_1.0_224_quant/UINT8",
                "movenet_single_pose_lightning_ptq/INT8");
    }

    @Test
    void loadIsCached() {
        assertThat(ModelCatalog.load()).isSameAs(CATALOG);
    }

    @Test
    void everyEntryHasWellFormedFilesAndSources() {
        for (CatalogEntry e : CATALOG.entries()) {
            assertThat(e.files()).as(e.id()).hasSize(e.format() == Format.IR ? 2 : 1);
            for (ModelFile f : e.files()) {
                assertThat(f.sha256()).as(f.path()).matches("[0-9a-f]{64}");
                assertThat(f.bytes()).as(f.path()).isPositive();
                assertThat(e.sourceUrl(f).toString()).as(f.path()).startsWith("https://").endsWith("/" + f.fileName());
            }
            assertThat(e.mainFile().path()).as(e.id()).endsWith(e.format().mainExtension());
            assertThat(e.outputs()).as(e.id()).isNotEmpty();
            assertThat(e.licence()).as(e.id()).isNotBlank();
            if (e.format() == Format.IR) {
                String n = e.name();
                String p = e.precision();
                assertThat(e.mainFile().path()).isEqualTo("intel/" + n + "/" + p + "/" + n + ".xml");
                assertThat(e.weightsFile()).get().extracting(ModelFile::path)
                        .isEqualTo("intel/" + n + "/" + p + "/" + n + ".bin");
                assertThat(e.sourceUrl()).hasToString("https://storage.openvinotoolkit.org/repositories/open_model_zoo/"
                        + "2023.0/models_bin/1/" + n + "/" + p + "/" + n + ".xml");
                assertThat(e.sourceUrl(e.weightsFile().orElseThrow())).hasToString(
                        "https://storage.openvinotoolkit.org/repositories/open_model_zoo/2023.0/models_bin/1/" + n + "/"
                                + p + "/" + n + ".bin");
                assertThat(e.licence()).isEqualTo("Apache-2.0");
                // OMZ IRs embed their normalisation: BGR 0..255 in, nothing to subtract or divide.
                assertThat(e.input().colourOrder()).as(e.id()).isEqualTo("BGR");
                assertThat(e.input().layout()).as(e.id()).isEqualTo("NCHW");
                assertThat(e.input().isRawPixels()).as(e.id()).isTrue();
            } else {
                assertThat(e.weightsFile()).as(e.id()).isEmpty();
            }
        }
        // No file is listed twice (two entries sharing a path would make verification ambiguous).
        List<String> paths = CATALOG.entries().stream().flatMap(e -> e.files().stream()).map(ModelFile::path).toList();
        assertThat(paths).doesNotHaveDuplicates().hasSize(37);
    }

    @Test
    void oneDefaultPerTaskAsInArchitecture() {
        assertThat(CATALOG.defaultFor(Task.BODY_POSE).id()).isEqualTo("human-pose-estimation-0001/FP16-INT8");
        assertThat(CATALOG.defaultFor(Task.FACE_DETECTION).name()).isEqualTo("face-detection-retail-0004");
        assertThat(CATALOG.defaultFor(Task.FACE_LANDMARKS).name()).isEqualTo("landmarks-regression-retail-0009");
        assertThat(CATALOG.defaultFor(Task.FACE_REID).name()).isEqualTo("face-reidentification-retail-0095");
        assertThat(CATALOG.defaultFor(Task.CLASSIFICATION).id()).isEqualTo("mobilenet_v1_0.25_128_quant/UINT8");
        assertThat(CATALOG.defaultFor(Task.PERSON_DETECTION).name()).isEqualTo("person-detection-retail-0013");
        Set<Task> withDefault = CATALOG.entries().stream().filter(CatalogEntry::isDefault).map(CatalogEntry::task)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Task.class)));
        assertThat(withDefault).isEqualTo(EnumSet.allOf(Task.class));
        assertThat(CATALOG.entries().stream().filter(CatalogEntry::isDefault)).hasSize(Task.values().length);
        for (Task t : Task.values()) {
            assertThat(CATALOG.defaultFor(t).task()).isEqualTo(t);
            assertThat(CATALOG.defaultFor(t).licenceKnown()).as(t.name()).isTrue();
        }
    }

    @Test
    void faceDetectorEntryCarriesManifestValues() {
        CatalogEntry e = CATALOG.get("face-detection-retail-0004", "FP32");
        assertThat(e.task()).isEqualTo(Task.FACE_DETECTION);
        assertThat(e.format()).isEqualTo(Format.IR);
        assertThat(e.files()).containsExactly(
                new ModelFile("intel/face-detection-retail-0004/FP32/face-detection-retail-0004.xml", 105340,
                        "90922d199016d18128bdaba488bdb1628fce50efcc81155ede7949cbba3dd979"),
                new ModelFile("intel/face-detection-retail-0004/FP32/face-detection-retail-0004.bin", 2352984,
                        "89349ce12dd21c5263fb302cd3ffd4b73c35ea12ed98aff863d03a2cf3a32464"));
        assertThat(e.input()).isEqualTo(new InputSpec("data", new long[] {1, 3, 300, 300}, "NCHW", "BGR",
                new float[] {0, 0, 0}, new float[] {1, 1, 1}, "f32"));
        assertThat(e.input().width()).isEqualTo(300);
        assertThat(e.outputs()).containsExactly(new OutputSpec("detection_out", new long[] {1, 1, 200, 7}));
        assertThat(e.sourceUrl()).isEqualTo(URI.create("https://storage.openvinotoolkit.org/repositories/"
                + "open_model_zoo/2023.0/models_bin/1/face-detection-retail-0004/FP32/face-detection-retail-0004.xml"));
        assertThat(e.totalBytes()).isEqualTo(105340L + 2352984L);
    }

    @Test
    void poseModelTakesF16AndHasTwoOutputs() {
        CatalogEntry e = CATALOG.get("human-pose-estimation-0001", "FP16-INT8");
        assertThat(e.input().elementType()).isEqualTo("f16");
        assertThat(e.input().shape()).containsExactly(1, 3, 256, 456);
        assertThat(e.input().height()).isEqualTo(256);
        assertThat(e.input().width()).isEqualTo(456);
        assertThat(e.outputs()).containsExactly(
                new OutputSpec("Mconv7_stage2_L1", new long[] {1, 38, 32, 57}),
                new OutputSpec("Mconv7_stage2_L2", new long[] {1, 19, 32, 57}));
        assertThat(e.weightsFile()).get().extracting(ModelFile::bytes).isEqualTo(4170036L);
    }

    @Test
    void outputNamesDifferBetweenPrecisionsAsRecorded() {
        assertThat(CATALOG.get("face-reidentification-retail-0095", "FP16").outputs())
                .containsExactly(new OutputSpec("658", new long[] {1, 256, 1, 1}));
        assertThat(CATALOG.get("face-reidentification-retail-0095", "FP16-INT8").outputs())
                .containsExactly(new OutputSpec("658/add_", new long[] {1, 256, 1, 1}));
        assertThat(CATALOG.get("face-detection-retail-0005", "FP32").input().name()).isEqualTo("input.1");
        assertThat(CATALOG.get("face-detection-retail-0005", "FP32").outputs()).extracting(OutputSpec::name)
                .containsExactly("527");
        assertThat(CATALOG.get("person-detection-0200", "FP16").input().name()).isEqualTo("image");
    }

    @Test
    void nonIrPreprocessing() {
        InputSpec yunet = CATALOG.get("face_detection_yunet_2023mar", "FP32").input();
        assertThat(yunet.colourOrder()).isEqualTo("BGR");
        assertThat(yunet.isRawPixels()).isTrue();
        assertThat(yunet.shape()).containsExactly(1, 3, 640, 640);
        assertThat(CATALOG.get("face_detection_yunet_2023mar", "FP32").outputs()).hasSize(12)
                .first().isEqualTo(new OutputSpec("cls_8", new long[] {1, 6400, 1}));
        assertThat(CATALOG.get("face_detection_yunet_2023mar", "FP32").licence()).isEqualTo("MIT");

        InputSpec dyn = CATALOG.get("yunet_s_dynamic", "FP32").input();
        assertThat(dyn.isDynamic()).isTrue();
        assertThat(dyn.width()).isEqualTo(-1);

        CatalogEntry mv2 = CATALOG.get("mobilenetv2-12-int8", "INT8");
        assertThat(mv2.input().colourOrder()).isEqualTo("RGB");
        assertThat(mv2.input().mean()).containsExactly(123.675f, 116.28f, 103.53f);
        assertThat(mv2.input().scale()).containsExactly(58.395f, 57.12f, 57.375f);
        assertThat(mv2.outputs()).containsExactly(new OutputSpec("output", new long[] {-1, 1000}));

        CatalogEntry mfn = CATALOG.get("mobilefacenet", "FP32");
        assertThat(mfn.licenceKnown()).isFalse();
        assertThat(mfn.licence()).contains("unknown").contains("tests only");
        assertThat(mfn.input().colourOrder()).isEqualTo("RGB");
        assertThat(mfn.input().mean()).containsExactly(127.5f, 127.5f, 127.5f);
        assertThat(mfn.input().scale()).containsExactly(128f, 128f, 128f);

        for (String name : List.of("mobilenet_v1_0.25_128_quant", "mobilenet_v2_1.0_224_quant",
                "movenet_single_pose_lightning_ptq")) {
            CatalogEntry t = CATALOG.get(name, CATALOG.precisions(name).get(0));
            assertThat(t.format()).isEqualTo(Format.TFLITE);
            assertThat(t.input().layout()).as(name).isEqualTo("NHWC");
            assertThat(t.input().colourOrder()).as(name).isEqualTo("RGB");
            assertThat(t.input().elementType()).as(name).isEqualTo("u8");
            assertThat(t.input().isRawPixels()).as(name).isTrue();
            assertThat(t.sourceUrl().toString()).as(name).startsWith("https://github.com/google-coral/test_data/");
        }
        assertThat(CATALOG.get("mobilenet_v1_0.25_128_quant", "UINT8").input().shape()).containsExactly(1, 128, 128, 3);
        assertThat(CATALOG.get("movenet_single_pose_lightning_ptq", "INT8").input().name())
                .isEqualTo("serving_default_input:0");
    }

    @Test
    void lookups() {
        assertThat(CATALOG.precisions("face-detection-retail-0004")).containsExactly("FP32", "FP16", "FP16-INT8");
        assertThat(CATALOG.precisions("face-reidentification-retail-0095")).containsExactly("FP16", "FP16-INT8");
        assertThat(CATALOG.find("landmarks-regression-retail-0009", "FP16")).get()
                .extracting(CatalogEntry::task).isEqualTo(Task.FACE_LANDMARKS);
        assertThat(CATALOG.find("landmarks-regression-retail-0009", "FP64")).isEmpty();
        assertThat(CATALOG.find("no-such-model", "FP32")).isEmpty();
        assertThat(CATALOG.entries(Task.PERSON_DETECTION)).extracting(CatalogEntry::name).containsOnly(
                "person-detection-retail-0013", "person-detection-0200").hasSize(5);
        assertThat(CATALOG.names()).hasSize(14).startsWith("human-pose-estimation-0001");
    }

    @Test
    void unknownNameListsValidNames() {
        assertThatThrownBy(() -> CATALOG.get("face-detection-retail-9999", "FP32"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("face-detection-retail-9999")
                .hasMessageContaining("valid names:")
                .hasMessageContaining("face-detection-retail-0004")
                .hasMessageContaining("mobilenet_v1_0.25_128_quant")
                .hasMessageContaining("movenet_single_pose_lightning_ptq");
        assertThatThrownBy(() -> CATALOG.precisions("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("person-detection-0200");
    }

    @Test
    void unknownPrecisionListsValidPrecisions() {
        assertThatThrownBy(() -> CATALOG.get("face-reidentification-retail-0095", "FP32"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no precision 'FP32'")
                .hasMessageContaining("valid precisions: FP16, FP16-INT8");
        assertThatThrownBy(() -> CATALOG.get("face-detection-retail-0004", "fp16"))
                .hasMessageContaining("upper case");
    }

    // --- the parser rejects malformed catalogs with the line number ---

    private static final String HEADER = String.join("\t", ModelCatalog.HEADER);
    private static final String GOOD = "m\tFP32\tCLASSIFICATION\tONNX\tyes\tonnx/m.onnx:10:" + "a".repeat(64)
            + "\tinput\tf32\t1,3,8,8\tNCHW\tRGB\t0,0,0\t1,1,1\tout[1,5]\tApache-2.0\thttps://example.org/x/m.onnx\t";

    private static ModelCatalog parse(String text) throws IOException {
        return ModelCatalog.parse(new StringReader(text), "test.tsv");
    }

    @Test
    void parsesAMinimalCatalog() throws IOException {
        ModelCatalog c = parse("# comment\n\n" + HEADER + "\n" + GOOD + "\n");
        CatalogEntry e = c.get("m", "FP32");
        assertThat(e.files()).containsExactly(new ModelFile("onnx/m.onnx", 10, "a".repeat(64)));
        assertThat(e.note()).isEmpty();
        assertThat(c.defaultFor(Task.CLASSIFICATION)).isSameAs(e);
        assertThatThrownBy(() -> c.defaultFor(Task.BODY_POSE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsMalformedLinesWithLineNumber() {
        assertThatThrownBy(() -> parse(GOOD + "\n")).hasMessageContaining("test.tsv line 1").hasMessageContaining("header");
        assertThatThrownBy(() -> parse(HEADER + "\n" + GOOD.replace("a".repeat(64), "A".repeat(64))))
                .hasMessageContaining("test.tsv line 2").hasMessageContaining("sha256");
        assertThatThrownBy(() -> parse(HEADER + "\n" + GOOD.replace("\tCLASSIFICATION\t", "\tCLASSIFY\t")))
                .hasMessageContaining("line 2").hasMessageContaining("task").hasMessageContaining("FACE_REID");
        assertThatThrownBy(() -> parse(HEADER + "\n" + GOOD.substring(0, GOOD.lastIndexOf('\t'))))
                .hasMessageContaining("expected 17 tab-separated columns, got 16");
        assertThatThrownBy(() -> parse(HEADER + "\n" + GOOD.replace(":10:", ":ten:")))
                .hasMessageContaining("not an integer: 'ten'");
        assertThatThrownBy(() -> parse(HEADER + "\n" + GOOD.replace("\tyes\t", "\ttrue\t")))
                .hasMessageContaining("default: expected yes or no");
        assertThatThrownBy(() -> parse(HEADER + "\n" + GOOD + "\n" + GOOD))
                .hasMessageContaining("duplicate m/FP32");
        assertThatThrownBy(() -> parse(HEADER + "\n" + GOOD + "\n" + GOOD.replaceFirst("^m\t", "n\t")
                .replace("m.onnx", "n.onnx"))).hasMessageContaining("two defaults for CLASSIFICATION");
        assertThatThrownBy(() -> parse(HEADER + "\n" + GOOD.replace("onnx/m.onnx", "../m.onnx"))).hasMessageContaining("'..'");
        assertThatThrownBy(() -> parse(HEADER + "\n" + GOOD.replace("https://", "http://")))
                .hasMessageContaining("sourceUrl");
    }
}
