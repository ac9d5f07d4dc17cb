// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

import dev.vss.bl.image.AnalyzeRequest;
import dev.vss.bl.image.ImageRef;
import java.util.List;
import java.util.Objects;

/**
 * A native event read by {@link EventParser}: its format, the images it announces (in event order), the records that
 * could not be mapped ({@link RecordError}, each failing alone), and how many records were skipped on purpose (test
 * events, deletions, subscription validation). A keep-warm event has {@link EventFormat#KEEP_WARM} and no images.
 */
public record ParsedEvent(EventFormat format, List<ImageRef> images, int ignored, List<RecordError> rejected) {
    public ParsedEvent {
        Objects.requireNonNull(format, "format");
        images = List.copyOf(images);
        rejected = List.copyOf(rejected);
        if (ignored < 0) {
            throw new IllegalArgumentException("ignored: " + ignored + " < 0");
        }
    }

    /** An event whose records all mapped (or were skipped). */
    public ParsedEvent(EventFormat format, List<ImageRef> images, int ignored) {
        this(format, images, ignored, List.of());
    }

    /** The request to hand to the entry point (empty when the event announced no image; a ping for keep-warm). */
    public AnalyzeRequest request() {
        return format == EventFormat.KEEP_WARM ? AnalyzeRequest.keepWarm() : AnalyzeRequest.of(images);
    }

    /** This event with every image and rejected record attributed to the enclosing record {@code id}. */
    ParsedEvent attributedTo(String id) {
        return id == null ? this : within(id, null);
    }

    /**
     * This event as the content of the enclosing record {@code id} at {@code path}: ids become the enclosing one
     * (when not null) and rejected paths are prefixed with {@code path}.
     */
    ParsedEvent within(String id, String path) {
        return new ParsedEvent(format, id == null ? images : images.stream().map(r -> r.withRecordId(id)).toList(),
                ignored, rejected.stream().map(e -> new RecordError(id == null ? e.recordId() : id,
                        path == null ? e.path() : path + " > " + e.path(), e.message())).toList());
    }
}
