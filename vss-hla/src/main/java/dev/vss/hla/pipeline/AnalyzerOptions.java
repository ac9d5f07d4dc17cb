package dev.vss.hla.pipeline;

import java.util.Objects;

/**
 * Which stages run and how.
 *
 * @param coverage        run the camera-coverage check
 * @param pose            run multi-person pose
 * @param faces           run the face stages (detection/landmarks/embedding/matching)
 * @param faceSource      detector or pose-derived face boxes
 * @param analyzeCovered  run pose and faces even when the camera is covered (default false: saves cost)
 * @param precision       preferred model precision (FP32, FP16, FP16-INT8) where the catalog has it; null = defaults
 */
public record AnalyzerOptions(boolean coverage, boolean pose, boolean faces, FaceSource faceSource,
        boolean analyzeCovered, String precision) {
    public AnalyzerOptions {
        Objects.requireNonNull(faceSource, "faceSource");
        if (faceSource == FaceSource.POSE && faces && !pose) {
            throw new IllegalArgumentException("faceSource: POSE needs the pose stage switched on");
        }
    }

    public static AnalyzerOptions defaults() {
        return new AnalyzerOptions(true, true, true, FaceSource.DETECTOR, false, null);
    }

    public AnalyzerOptions withPrecision(String p) {
        return new AnalyzerOptions(coverage, pose, faces, faceSource, analyzeCovered, p);
    }

    public AnalyzerOptions withFaceSource(FaceSource s) {
        return new AnalyzerOptions(coverage, pose, faces, s, analyzeCovered, precision);
    }
}
