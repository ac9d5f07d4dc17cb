package dev.vss.hla.pipeline;

import dev.vss.hla.people.PeopleMethod;
import java.util.Objects;

/**
 * Which stages run and how.
 *
 * @param coverage        run the camera-coverage check
 * @param pose            run the people stage (people and their body keypoints)
 * @param faces           run the face stages (detection/landmarks/embedding/matching)
 * @param faceSource      detector or pose-derived face boxes
 * @param analyzeCovered  run pose and faces even when the camera is covered (default false: saves cost)
 * @param precision       preferred model precision (FP32, FP16, FP16-INT8) where the catalog has it; null = defaults
 * @param minPersonPx     the camera's smallest person to find, px of height; 0 = derived from each frame's size
 *                        ({@code PeopleFinder.defaultMinPersonPx})
 * @param peopleMethod    how the people stage finds people (default {@link PeopleMethod#HYBRID})
 */
public record AnalyzerOptions(boolean coverage, boolean pose, boolean faces, FaceSource faceSource,
        boolean analyzeCovered, String precision, int minPersonPx, PeopleMethod peopleMethod) {
    public AnalyzerOptions {
        Objects.requireNonNull(faceSource, "faceSource");
        Objects.requireNonNull(peopleMethod, "peopleMethod");
        if (faceSource == FaceSource.POSE && faces && !pose) {
            throw new IllegalArgumentException("faceSource: POSE needs the pose stage switched on");
        }
        if (minPersonPx < 0 || minPersonPx > 10_000) {
            throw new IllegalArgumentException("minPersonPx: " + minPersonPx + " is not in [0, 10000] (0 = from the "
                    + "frame size)");
        }
    }

    /** The options before the people stage had settings: minimum person derived from the frame, default method. */
    public AnalyzerOptions(boolean coverage, boolean pose, boolean faces, FaceSource faceSource,
            boolean analyzeCovered, String precision) {
        this(coverage, pose, faces, faceSource, analyzeCovered, precision, 0, PeopleMethod.HYBRID);
    }

    public static AnalyzerOptions defaults() {
        return new AnalyzerOptions(true, true, true, FaceSource.DETECTOR, false, null);
    }

    public AnalyzerOptions withPrecision(String p) {
        return new AnalyzerOptions(coverage, pose, faces, faceSource, analyzeCovered, p, minPersonPx, peopleMethod);
    }

    public AnalyzerOptions withFaceSource(FaceSource s) {
        return new AnalyzerOptions(coverage, pose, faces, s, analyzeCovered, precision, minPersonPx, peopleMethod);
    }

    /** The camera's smallest person to find, px (0 = derived from the frame size). */
    public AnalyzerOptions withMinPersonPx(int px) {
        return new AnalyzerOptions(coverage, pose, faces, faceSource, analyzeCovered, precision, px, peopleMethod);
    }

    public AnalyzerOptions withPeopleMethod(PeopleMethod m) {
        return new AnalyzerOptions(coverage, pose, faces, faceSource, analyzeCovered, precision, minPersonPx, m);
    }
}
