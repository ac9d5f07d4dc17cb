// SPDX-License-Identifier: Apache-2.0
package dev.vss.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsTest {
    private static final String SHA = "0123456789abcdef".repeat(4);
    private static final InputSpec IN = new InputSpec("data", new long[] {1, 3, 300, 300}, "NCHW", "BGR",
            new float[] {0, 0, 0}, new float[] {1, 1, 1}, "f32");
    private static final List<OutputSpec> OUT = List.of(new OutputSpec("out", new long[] {1, 1, 200, 7}));
    private static final List<ModelFile> IR_FILES = List.of(new ModelFile("intel/m/FP32/m.xml", 10, SHA),
            new ModelFile("intel/m/FP32/m.bin", 20, SHA));
    private static final URI URL = URI.create("https://example.org/m/FP32/m.xml");

    private static CatalogEntry ir(String precision, List<ModelFile> files, URI url) {
        return new CatalogEntry("m", precision, Task.FACE_DETECTION, Format.IR, files, IN, OUT, "Apache-2.0", url, false,
                "");
    }

    @Test
    void validIrEntry() {
        CatalogEntry e = ir("FP32", IR_FILES, URL);
        assertThat(e.id()).isEqualTo("m/FP32");
        assertThat(e.sourceUrl(IR_FILES.get(1))).hasToString("https://example.org/m/FP32/m.bin");
        assertThatThrownBy(() -> e.sourceUrl(new ModelFile("other.onnx", 1, SHA)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entryValidation() {
        assertThatThrownBy(() -> ir("INT8", IR_FILES, URL)).hasMessageContaining("precision")
                .hasMessageContaining("[FP16, FP16-INT8, FP32]");
        assertThatThrownBy(() -> ir("FP32", IR_FILES.subList(0, 1), URL)).hasMessageContaining("needs 2 file(s)");
        assertThatThrownBy(() -> ir("FP32", List.of(IR_FILES.get(1), IR_FILES.get(0)), URL))
                .hasMessageContaining("must end with .xml");
        assertThatThrownBy(() -> ir("FP32", List.of(IR_FILES.get(0), new ModelFile("intel/m/FP32/w.bin", 1, SHA)), URL))
                .hasMessageContaining("weights of m must be intel/m/FP32/m.bin");
        assertThatThrownBy(() -> ir("FP32", IR_FILES, URI.create("https://example.org/m/FP32/other.xml")))
                .hasMessageContaining("ending in /m.xml");
        assertThatThrownBy(() -> new CatalogEntry("m", "FP32", Task.FACE_DETECTION, Format.IR, IR_FILES, IN, List.of(),
                "Apache-2.0", URL, false, "")).hasMessageContaining("at least one output");
        assertThatThrownBy(() -> new CatalogEntry("m x", "FP32", Task.FACE_DETECTION, Format.IR, IR_FILES, IN, OUT,
                "Apache-2.0", URL, false, "")).hasMessageContaining("name");
        assertThatThrownBy(() -> new CatalogEntry("m", "FP32", Task.FACE_DETECTION, Format.IR, IR_FILES, IN, OUT,
                " ", URL, false, "")).hasMessageContaining("licence");
    }

    @Test
    void modelFileValidation() {
        assertThat(new ModelFile("a/b/c.onnx", 1, SHA).fileName()).isEqualTo("c.onnx");
        assertThat(new ModelFile("a/b/c.onnx", 1, SHA).directory()).isEqualTo("a/b");
        assertThatThrownBy(() -> new ModelFile("/abs/c.onnx", 1, SHA)).hasMessageContaining("relative");
        assertThatThrownBy(() -> new ModelFile("a/../../c.onnx", 1, SHA)).hasMessageContaining("'..'");
        assertThatThrownBy(() -> new ModelFile("a\\c.onnx", 1, SHA)).hasMessageContaining("relative");
        assertThatThrownBy(() -> new ModelFile("c.onnx", 0, SHA)).hasMessageContaining("bytes");
        assertThatThrownBy(() -> new ModelFile("c.onnx", 1, SHA.substring(1))).hasMessageContaining("64");
        assertThatThrownBy(() -> new ModelFile("c.onnx", 1, SHA.toUpperCase())).hasMessageContaining("lower-case");
    }

    @Test
    void inputSpecValidationAndDefensiveCopies() {
        long[] shape = {1, 3, 48, 48};
        float[] mean = {1, 2, 3};
        InputSpec s = new InputSpec("0", shape, "NCHW", "RGB", mean, new float[] {4, 5, 6}, "f32");
        shape[2] = 99;
        mean[0] = 99;
        s.shape()[3] = 77;
        s.mean()[1] = 77;
        assertThat(s.shape()).containsExactly(1, 3, 48, 48);
        assertThat(s.mean()).containsExactly(1f, 2f, 3f);
        assertThat(s).isEqualTo(new InputSpec("0", new long[] {1, 3, 48, 48}, "NCHW", "RGB", new float[] {1, 2, 3},
                new float[] {4, 5, 6}, "f32")).hasSameHashCodeAs(new InputSpec("0", new long[] {1, 3, 48, 48}, "NCHW",
                "RGB", new float[] {1, 2, 3}, new float[] {4, 5, 6}, "f32"));
        assertThat(s.isRawPixels()).isFalse();
        assertThat(s.toString()).contains("[1, 3, 48, 48]");

        float[] zero = {0, 0, 0};
        float[] one = {1, 1, 1};
        assertThatThrownBy(() -> new InputSpec("x", new long[] {1, 3, 8, 8}, "CHW", "RGB", zero, one, "f32"))
                .hasMessageContaining("layout");
        assertThatThrownBy(() -> new InputSpec("x", new long[] {1, 3, 8, 8}, "NCHW", "RGBA", zero, one, "f32"))
                .hasMessageContaining("colourOrder");
        assertThatThrownBy(() -> new InputSpec("x", new long[] {1, 8, 8, 3}, "NCHW", "RGB", zero, one, "f32"))
                .hasMessageContaining("3 channels");
        assertThatThrownBy(() -> new InputSpec("x", new long[] {1, 3, 8}, "NCHW", "RGB", zero, one, "f32"))
                .hasMessageContaining("rank 4");
        assertThatThrownBy(() -> new InputSpec("x", new long[] {1, 3, 0, 8}, "NCHW", "RGB", zero, one, "f32"))
                .hasMessageContaining("-1 (dynamic)");
        assertThatThrownBy(() -> new InputSpec("x", new long[] {1, 3, 8, 8}, "NCHW", "RGB", zero, zero, "f32"))
                .hasMessageContaining("scale");
        assertThatThrownBy(() -> new InputSpec("x", new long[] {1, 3, 8, 8}, "NCHW", "RGB", new float[] {0, 0}, one,
                "f32")).hasMessageContaining("3 values");
        assertThatThrownBy(() -> new InputSpec("x", new long[] {1, 3, 8, 8}, "NCHW", "RGB", zero, one, "float"))
                .hasMessageContaining("elementType");
        InputSpec nhwc = new InputSpec("x", new long[] {1, 128, 96, 3}, "NHWC", "RGB", zero, one, "u8");
        assertThat(nhwc.height()).isEqualTo(128);
        assertThat(nhwc.width()).isEqualTo(96);
        assertThat(nhwc.isDynamic()).isFalse();
    }

    @Test
    void outputSpecCopiesShape() {
        long[] shape = {1, 10};
        OutputSpec o = new OutputSpec("95", shape);
        shape[1] = 5;
        o.shape()[1] = 5;
        assertThat(o.shape()).containsExactly(1, 10);
        assertThat(o).isEqualTo(new OutputSpec("95", new long[] {1, 10}));
        assertThatThrownBy(() -> new OutputSpec("", new long[] {1})).hasMessageContaining("name");
        assertThatThrownBy(() -> new OutputSpec("o", new long[0])).hasMessageContaining("at least one dim");
    }

    @Test
    void verifyResultIsConsistent() {
        CatalogEntry e = ir("FP32", IR_FILES, URL);
        VerifyResult.Problem p = new VerifyResult.Problem(VerifyResult.Problem.Kind.MISSING, Path.of("/m/x.xml"), null,
                null);
        assertThat(new VerifyResult(e, false, List.of(p)).summary()).isEqualTo("m/FP32: missing file: /m/x.xml");
        assertThat(new VerifyResult(e, true, List.of()).summary()).isEqualTo("m/FP32: OK");
        assertThatThrownBy(() -> new VerifyResult(e, true, List.of(p))).hasMessageContaining("ok");
        assertThatThrownBy(() -> new VerifyResult(e, false, List.of())).hasMessageContaining("ok");
    }
}
