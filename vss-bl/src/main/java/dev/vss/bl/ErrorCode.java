package dev.vss.bl;

/** Per-image error codes of the result contract ({@code error.code}). */
public enum ErrorCode {
    /** The object does not exist in the store. */
    NOT_FOUND,
    /** The object could not be read. */
    READ_FAILED,
    /** The bytes are not a decodable image (empty, truncated, not an image, too large). */
    DECODE_FAILED,
    /** The image decodes but is unusable (e.g. too small for the models). */
    BAD_IMAGE,
    /** A model failed. */
    INFERENCE_FAILED,
    /** Anything else; the message says what. */
    INTERNAL
}
