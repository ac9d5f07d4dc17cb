// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

import dev.vss.bl.AnalyzeRequest;
import dev.vss.bl.ImageRef;
import java.util.List;
import java.util.Objects;

/**
 * A native event read by {@link EventParser}: its format, the images it announces (in event order) and how many of
 * its records were skipped on purpose (test events, deletions, subscription validation).
 */
public record ParsedEvent(EventFormat format, List<ImageRef> images, int ignored) {
    public ParsedEvent {
        Objects.requireNonNull(format, "format");
        images = List.copyOf(images);
        if (ignored < 0) {
            throw new IllegalArgumentException("ignored: " + ignored + " < 0");
        }
    }

    /** The request to hand to the entry point (empty when the event announced no image). */
    public AnalyzeRequest request() {
        return AnalyzeRequest.of(images);
    }
}
