package dev.vss.bl.image;

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

    /**
     * A failed item. The message is cut to {@value #MAX_MESSAGE} characters with control characters escaped: it may
     * quote what an attacker sent (a key, a header, a cloud SDK's error text) and it goes into results and logs.
     */
    public static ImageResult failed(ImageRef ref, ErrorCode code, String message, boolean coldStart) {
        return new ImageResult(ref, null, code, dev.vss.dl.Untrusted.clip(message, MAX_MESSAGE), coldStart, 0);
    }

    /** The longest error message a result carries. */
    public static final int MAX_MESSAGE = 400;
}
