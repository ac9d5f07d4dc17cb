// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import dev.vss.bl.image.ImageResult;
import java.util.Objects;

/**
 * The answer to an HTTP request whose body is one image (API Gateway, Function URL, Azure and GCP HTTP triggers):
 * the status and the result JSON of the contract, which for a failure carries {@code error.code} and
 * {@code error.message}. 200 analysed; 400 not an image (DECODE_FAILED, empty body); 413 over the byte limit; 422 an
 * image the models cannot use (BAD_IMAGE); 500 a model or internal failure; 405 a method other than POST
 * ({@link HttpImageRequest} holds the rules of the request side).
 */
public record HttpAnswer(int status, String json) {
    public static final String CONTENT_TYPE = "application/json";
    /** The one method the HTTP edge answers; a 405 says so in an {@code Allow} header. */
    public static final String ALLOW = "POST";
    /** The answer to any other method. */
    static final HttpAnswer METHOD_NOT_ALLOWED = new HttpAnswer(405, "{\"ok\":false,\"error\":{\"code\":"
            + "\"METHOD_NOT_ALLOWED\",\"message\":\"POST the bytes of a JPEG, PNG or BMP image\"}}");

    public HttpAnswer {
        Objects.requireNonNull(json, "json");
    }

    /** The headers to send: the content type, and {@code Allow} with a 405. */
    public java.util.Map<String, String> headers() {
        return status == 405 ? java.util.Map.of("Content-Type", CONTENT_TYPE, "Allow", ALLOW)
                : java.util.Map.of("Content-Type", CONTENT_TYPE);
    }

    /** The status for a result. */
    public static int statusOf(ImageResult r) {
        if (r.ok()) {
            return 200;
        }
        return switch (r.errorCode()) {
            case DECODE_FAILED, BAD_RECORD -> 400;
            case IMAGE_TOO_LARGE -> 413;
            case BAD_IMAGE -> 422;
            case NOT_FOUND -> 404;
            case NOT_ALLOWED -> 403;
            default -> 500;
        };
    }
}
