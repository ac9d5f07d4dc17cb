package dev.vss.cli;

import dev.vss.bl.VssRuntime;
import dev.vss.hla.pipeline.AnalyzerOptions;
import dev.vss.hla.pipeline.FaceSource;
import dev.vss.hla.people.PeopleMethod;
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

    @Option(names = "--min-person-px", description = "The camera's smallest person to find, px of height "
            + "(default: 1/16 of the frame height, at least 24).")
    int minPersonPx;

    @Option(names = "--people-method", description = "How people are found: hybrid (default), pose, pose_scaled, "
            + "detector_pose.")
    PeopleMethod peopleMethod = PeopleMethod.HYBRID;

    AnalyzerOptions analyzerOptions() {
        return new AnalyzerOptions(true, true, true, faceSource, analyzeCovered, precision, minPersonPx, peopleMethod);
    }

    VssRuntime open() throws Exception {
        return VssRuntime.open(engine, threads, cacheDir, analyzerOptions());
    }
}
