package dev.vss.bl.image;

import java.util.Objects;

/**
 * One image to analyse: where it is (a {@code file:} URI, a plain path, or a storage URI such as
 * {@code s3://bucket/key}) and, when known, the camera, the capture time and the id of the event record that
 * announced it (SQS messageId, SNS MessageId, EventBridge/Event Grid/CloudEvent id) — the id a failure is reported
 * under, e.g. in an SQS partial batch response.
 */
public record ImageRef(String uri, String camera, String timestamp, String recordId) {
    public ImageRef {
        Objects.requireNonNull(uri, "uri");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("uri: blank");
        }
    }

    /** A reference announced by no particular record. */
    public ImageRef(String uri, String camera, String timestamp) {
        this(uri, camera, timestamp, null);
    }

    public static ImageRef of(String uri) {
        return new ImageRef(uri, null, null, null);
    }

    /** This reference as announced by the record {@code id} (an outer envelope's id wins over an inner one's). */
    public ImageRef withRecordId(String id) {
        return new ImageRef(uri, camera, timestamp, id);
    }
}
