package dev.vss.dl;

/** What went wrong in the deep-learning layer. */
public enum DlErrorCode {
    /** The native runtime (OpenVINO, OpenCV) could not be loaded. */
    RUNTIME_NOT_FOUND,
    /** No engine of the requested name is available. */
    ENGINE_NOT_FOUND,
    /** A model file does not exist or cannot be read. */
    MODEL_NOT_FOUND,
    /** A model file exists but could not be parsed or compiled (corrupt, truncated, mismatched). */
    MODEL_INVALID,
    /** A tensor's shape does not fit the port. */
    SHAPE_MISMATCH,
    /** A tensor's element type does not fit the port. */
    TYPE_MISMATCH,
    /** The backend cannot do what was asked. */
    UNSUPPORTED,
    /** An image could not be decoded. */
    IMAGE_DECODE_FAILED,
    /** The native library reported an error during inference or another call. */
    NATIVE_ERROR
}
