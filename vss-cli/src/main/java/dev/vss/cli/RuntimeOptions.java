package dev.vss.cli;

import dev.vss.bl.VssRuntime;
import dev.vss.hla.pipeline.AnalyzerOptions;
import dev.vss.hla.pipeline.FaceSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that run the pipeline. */
final class RuntimeOptions {
    @Option(names = "--engine", description = "openvino (default) or opencv.")
    String engine = "openvino";

    @Option(names = "--threads", description = "Inference threads (default: engine's).")
    int threads;

    @Option(names = "--precision", description = "FP32, FP16 or FP16-INT8 where a model has it (default: catalog defaults).")
    String precision;

    @Option(names = "--face-source", description = "detector (default) or pose: where face boxes come from.")
    FaceSource faceSource = FaceSource.DETECTOR;

    @Option(names = "--analyze-covered", description = "Run pose and faces even when the camera is covered.")
    boolean analyzeCovered;

    @Option(names = "--cache-dir", description = "Compiled-model cache directory (default: none).")
    Path cacheDir;

    AnalyzerOptions analyzerOptions() {
        return new AnalyzerOptions(true, true, true, faceSource, analyzeCovered, precision);
    }

    VssRuntime open() throws Exception {
        return VssRuntime.open(engine, threads, cacheDir, analyzerOptions());
    }
}
