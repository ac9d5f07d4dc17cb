package dev.vss.bl.image;

import java.util.List;
import java.util.Objects;

/**
 * What one invocation is asked to do: analyse 1..N images, or (with {@code ping}) only answer that the instance
 * is warm, without inference.
 */
public record AnalyzeRequest(List<ImageRef> images, boolean ping) {
    public AnalyzeRequest {
        images = List.copyOf(Objects.requireNonNull(images, "images"));
    }

    public static AnalyzeRequest of(List<ImageRef> images) {
        return new AnalyzeRequest(images, false);
    }

    public static AnalyzeRequest keepWarm() {
        return new AnalyzeRequest(List.of(), true);
    }
}
