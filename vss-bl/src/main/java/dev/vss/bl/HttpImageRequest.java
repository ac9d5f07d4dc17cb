// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An HTTP request whose body is one image, as every HTTP adapter hands it to {@link VssHandler#http(HttpImageRequest)}
 * — the one rule set of the HTTP edge: POST only (405 with {@code Allow: POST} otherwise), the result named after
 * the request path ({@code "body"} for none or {@code /}), a body over {@code VSS_MAX_IMAGE_BYTES} refused with 413,
 * a body that is not an image (empty, not decodable, or sent as base64 that is not base64) refused with 400 and an
 * error code.
 *
 * @param method    the HTTP method; null where the platform admits POST only (e.g. an Azure trigger bound to POST)
 * @param path      the request path, or null
 * @param body      the body's bytes (empty when there is none)
 * @param malformed why the body could not be taken as bytes (e.g. bad base64), or null
 */
public record HttpImageRequest(String method, String path, byte[] body, String malformed) {
    public HttpImageRequest {
        body = body == null ? new byte[0] : body;
    }

    /** A request with its body's bytes. */
    public static HttpImageRequest of(String method, String path, byte[] body) {
        return new HttpImageRequest(method, path, body, null);
    }

    /**
     * A request whose body came as text: base64 (API Gateway and Function URLs pass binary bodies so, with
     * {@code isBase64Encoded}) or else its UTF-8 bytes. Text that claims to be base64 and is not is remembered as
     * {@link #malformed()}, answered 400.
     */
    public static HttpImageRequest ofText(String method, String path, String text, boolean base64) {
        if (text == null) {
            return of(method, path, new byte[0]);
        }
        if (!base64) {
            return of(method, path, text.getBytes(StandardCharsets.UTF_8));
        }
        try {
            return of(method, path, Base64.getDecoder().decode(text.replaceAll("\\s", "")));
        } catch (IllegalArgumentException e) {
            return new HttpImageRequest(method, path, new byte[0], "body is not valid base64: " + e.getMessage());
        }
    }

    /**
     * A request whose body is read from {@code in}, no further than one byte past {@code maxBytes} (enough to answer
     * 413 without reading a large body whole).
     */
    public static HttpImageRequest read(String method, String path, InputStream in, long maxBytes) throws IOException {
        return of(method, path, in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1)));
    }

    /** Whether the method is one the edge answers (POST, or none given). */
    public boolean allowed() {
        return method == null || method.equalsIgnoreCase(HttpAnswer.ALLOW);
    }

    /** What the result's {@code image} field says: the request path; {@code "body"} for none or {@code /}. */
    public String name() {
        return path == null || path.isBlank() || path.equals("/") ? "body" : path;
    }
}
