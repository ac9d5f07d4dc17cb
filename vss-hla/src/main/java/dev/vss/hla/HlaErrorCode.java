package dev.vss.hla;

/** What went wrong in a pipeline; the names double as the result JSON's error codes. */
public enum HlaErrorCode {
    /** A model could not be found, verified, read or compiled. */
    MODEL_UNAVAILABLE,
    /** Inference failed. */
    INFERENCE_FAILED,
    /** The input image is unusable (too small, wrong channels). */
    BAD_IMAGE,
    /** A gallery was made with another model or precision. */
    GALLERY_MISMATCH,
    /** No face good enough for enrolment was found. */
    NO_USABLE_FACE
}
