// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

import java.util.Objects;

/**
 * A record of an event that could not be mapped to an image (a key that is not valid, a body that is not a storage
 * event): it fails alone, the event's other records still run.
 *
 * @param recordId the record's own id where the provider gives one (SQS messageId, Event Grid id, ...), else null
 * @param path     where in the event, e.g. {@code Records[3].body}
 * @param message  what was wrong
 */
public record RecordError(String recordId, String path, String message) {
    public RecordError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
