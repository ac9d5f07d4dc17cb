package dev.vss.bl;

import dev.vss.hla.pipeline.ImageAnalysis;
import java.util.Objects;

/**
 * The result of one image: either an analysis or an error, never both. The JSON form is {@link ResultJson}.
 */
public record ImageResult(ImageRef ref, ImageAnalysis analysis, ErrorCode errorCode, String errorMessage,
        boolean coldStart, double decodeMs) {
    public ImageResult {
        Objects.requireNonNull(ref, "ref");
        if ((analysis == null) == (errorCode == null)) {
            throw new IllegalArgumentException("analysis/errorCode: exactly one must be set");
        }
    }

    public boolean ok() {
        return analysis != null;
    }

    public static ImageResult failed(ImageRef ref, ErrorCode code, String message, boolean coldStart) {
        return new ImageResult(ref, null, code, message, coldStart, 0);
    }
}
