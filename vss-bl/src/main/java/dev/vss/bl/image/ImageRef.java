// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.image;

import java.util.Objects;

/**
 * One image to analyse: where it is (a {@code file:} URI, a plain path, or a storage URI such as
 * {@code s3://bucket/key}) and, when known, the camera, the capture time and the id of the event record that
 * announced it (SQS messageId, SNS MessageId, EventBridge/Event Grid/CloudEvent id) — the id a failure is reported
 * under, e.g. in an SQS partial batch response. The camera is decided once, by the handler
 * ({@code dev.vss.bl.store.Cameras}), and so are the camera's own settings that travel with the image.
 *
 * @param minPersonPx the smallest person to find in this image, px of height (its camera's size; 0 derives it from
 *                    the frame), or null for the analyzer's option
 */
public record ImageRef(String uri, String camera, String timestamp, String recordId, Integer minPersonPx) {
    public ImageRef {
        Objects.requireNonNull(uri, "uri");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("uri: blank");
        }
        if (minPersonPx != null && minPersonPx < 0) {
            throw new IllegalArgumentException("minPersonPx: " + minPersonPx + " is negative");
        }
    }

    /** A reference with no per-image settings. */
    public ImageRef(String uri, String camera, String timestamp, String recordId) {
        this(uri, camera, timestamp, recordId, null);
    }

    /** A reference announced by no particular record. */
    public ImageRef(String uri, String camera, String timestamp) {
        this(uri, camera, timestamp, null, null);
    }

    public static ImageRef of(String uri) {
        return new ImageRef(uri, null, null, null, null);
    }

    /** This reference as announced by the record {@code id} (an outer envelope's id wins over an inner one's). */
    public ImageRef withRecordId(String id) {
        return new ImageRef(uri, camera, timestamp, id, minPersonPx);
    }

    /** This reference of camera {@code c} (null: none known). */
    public ImageRef withCamera(String c) {
        return new ImageRef(uri, c, timestamp, recordId, minPersonPx);
    }

    /** This reference with its own smallest person size, px (null: the analyzer's option). */
    public ImageRef withMinPersonPx(Integer px) {
        return new ImageRef(uri, camera, timestamp, recordId, px);
    }
}
