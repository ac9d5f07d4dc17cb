// SPDX-License-Identifier: Apache-2.0
package dev.vss.models;

import java.util.List;
import java.util.Set;

/** Model file formats and the files each one consists of. */
public enum Format {
    /** OpenVINO IR: an {@code .xml} topology plus a {@code .bin} weights file in the same directory. */
    IR(".xml", ".bin", Set.of("FP32", "FP16", "FP16-INT8")),
    /** A single {@code .onnx} file. */
    ONNX(".onnx", null, Set.of("FP32", "FP16", "INT8", "UINT8")),
    /** A single {@code .tflite} flatbuffer. */
    TFLITE(".tflite", null, Set.of("FP32", "FP16", "INT8", "UINT8"));

    private final String mainExtension;
    private final String weightsExtension;
    private final Set<String> precisions;

    Format(String mainExtension, String weightsExtension, Set<String> precisions) {
        this.mainExtension = mainExtension;
        this.weightsExtension = weightsExtension;
        this.precisions = precisions;
    }

    /** Extension of the file a runtime is pointed at: {@code .xml}, {@code .onnx} or {@code .tflite}. */
    public String mainExtension() {
        return mainExtension;
    }

    /** Extension of the separate weights file ({@code .bin} for IR), or {@code null} when there is none. */
    public String weightsExtension() {
        return weightsExtension;
    }

    /** Number of files a model of this format consists of. */
    public int fileCount() {
        return weightsExtension == null ? 1 : 2;
    }

    /** Precision labels valid for this format (OMZ's directory names for IR, the quantisation type otherwise). */
    public Set<String> precisions() {
        return precisions;
    }

    List<String> sortedPrecisions() {
        return precisions.stream().sorted().toList();
    }
}
