package dev.vss.bl;

import java.util.Objects;

/**
 * One image to analyse: where it is (a {@code file:} URI, a plain path, or a storage URI such as
 * {@code s3://bucket/key}) and, when known, the camera and capture time.
 */
public record ImageRef(String uri, String camera, String timestamp) {
    public ImageRef {
        Objects.requireNonNull(uri, "uri");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("uri: blank");
        }
    }

    public static ImageRef of(String uri) {
        return new ImageRef(uri, null, null);
    }
}
