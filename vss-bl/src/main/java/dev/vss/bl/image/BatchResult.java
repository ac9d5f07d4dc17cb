package dev.vss.bl.image;

import java.util.List;

/** The results of one invocation, in request order; failures are listed with their item and cause. */
public record BatchResult(List<ImageResult> results, boolean coldStart, boolean ping) {
    public BatchResult {
        results = List.copyOf(results);
    }

    public List<ImageResult> failures() {
        return results.stream().filter(r -> !r.ok()).toList();
    }
}
