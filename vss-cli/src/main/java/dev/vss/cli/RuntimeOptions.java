package dev.vss.cli;

import dev.vss.bl.PersonSizes;
import dev.vss.bl.VssSettings;
import dev.vss.hla.people.PeopleMethod;
import dev.vss.hla.pipeline.FaceSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that run the pipeline. Each flag, when given, overrides its setting; when not given,
 * the environment and system properties decide ({@link VssSettings#fromEnvironment()}, the README's table).
 */
final class RuntimeOptions {
    @Option(names = "--engine", description = "openvino (default) or opencv (VSS_ENGINE).")
    String engine;

    @Option(names = "--threads", description = "Inference threads (default: engine's; VSS_THREADS).")
    Integer threads;

    @Option(names = "--precision", description = "FP32, FP16 or FP16-INT8 where a model has it (default: catalog "
            + "defaults; VSS_PRECISION).")
    String precision;

    @Option(names = "--face-source", description = "detector (default) or pose: where face boxes come from.")
    FaceSource faceSource;

    @Option(names = "--analyze-covered", description = "Run pose and faces even when the camera is covered.")
    boolean analyzeCovered;

    @Option(names = "--cache-dir", description = "Compiled-model cache directory (default: none; VSS_CACHE_DIR).")
    Path cacheDir;

    @Option(names = "--models-dir", description = "Models folder (default: VSS_MODELS_DIR, else ../shared/models).")
    Path modelsDir;

    @Option(names = "--max-image-bytes", description = "Largest image read (default 20 MiB; VSS_MAX_IMAGE_BYTES).")
    Long maxImageBytes;

    @Option(names = "--max-pixels", description = "Largest image decoded, pixels (default 50 M; VSS_MAX_PIXELS).")
    Long maxPixels;

    @Option(names = "--min-person-px", paramLabel = "PX", description = "Smallest person to find, px of height: 40, or "
            + "per camera cam1=60,cam2=30,40 (default: 1/16 of the frame height, at least 24; VSS_MIN_PERSON_PX).")
    String minPersonPx;

    @Option(names = "--people-method", description = "How people are found: hybrid (default), pose, pose_scaled, "
            + "detector_pose.")
    PeopleMethod peopleMethod;

    /** The environment's settings with the flags that were given applied. */
    VssSettings.Builder settings() {
        VssSettings.Builder b = VssSettings.fromEnvironment().toBuilder();
        if (minPersonPx != null) {
            b.optMinPersonPx(personSizes());
        }
        if (peopleMethod != null) {
            b.optPeopleMethod(peopleMethod);
        }
        if (engine != null) {
            b.optEngine(engine);
        }
        if (threads != null) {
            b.optThreads(threads);
        }
        if (precision != null) {
            b.optPrecision(precision);
        }
        if (faceSource != null) {
            b.optFaceSource(faceSource);
        }
        if (analyzeCovered) {
            b.optAnalyzeCovered(true);
        }
        if (cacheDir != null) {
            b.optCacheDir(cacheDir);
        }
        if (modelsDir != null) {
            b.optModelsDir(modelsDir);
        }
        if (maxImageBytes != null) {
            b.optMaxImageBytes(maxImageBytes);
        }
        if (maxPixels != null) {
            b.optMaxPixels(maxPixels);
        }
        return b;
    }

    /** --min-person-px parsed; a bad value names the flag. */
    private PersonSizes personSizes() {
        try {
            return PersonSizes.parse(minPersonPx);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--min-person-px: " + e.getMessage(), e);
        }
    }
}
