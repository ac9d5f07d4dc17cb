package dev.vss.dl;

import java.nio.file.Path;
import java.util.Locale;

/** Model file formats. */
public enum ModelFormat {
    /** OpenVINO IR: .xml topology + .bin weights. */
    IR,
    ONNX,
    TFLITE;

    /** The format of a file by its extension. */
    public static ModelFormat of(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".xml")) {
            return IR;
        }
        if (n.endsWith(".onnx")) {
            return ONNX;
        }
        if (n.endsWith(".tflite")) {
            return TFLITE;
        }
        throw new IllegalArgumentException("model: unknown format of '" + file.getFileName()
                + "'; expected .xml (OpenVINO IR), .onnx or .tflite");
    }
}
