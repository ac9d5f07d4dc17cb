package dev.vss.bl.image;

/** Per-image error codes of the result contract ({@code error.code}). */
public enum ErrorCode {
    /** The object does not exist in the store. */
    NOT_FOUND,
    /** The object could not be read. */
    READ_FAILED,
    /** The object is not below a configured input location: it was not read. */
    NOT_ALLOWED,
    /** The object is larger than the byte limit: it was not analysed. */
    IMAGE_TOO_LARGE,
    /** The bytes are not a decodable image (empty, truncated, not an image, too large). */
    DECODE_FAILED,
    /** The image decodes but is unusable (e.g. too small for the models). */
    BAD_IMAGE,
    /** A model failed. */
    INFERENCE_FAILED,
    /** The event record naming the image could not be read (e.g. an invalid key). */
    BAD_RECORD,
    /** The gallery could not be read (tampered, wrong key, made with another embedding model): faces not matched. */
    GALLERY_UNAVAILABLE,
    /** The result could not be written to the results location. */
    WRITE_FAILED,
    /** Anything else; the message says what. */
    INTERNAL
}
