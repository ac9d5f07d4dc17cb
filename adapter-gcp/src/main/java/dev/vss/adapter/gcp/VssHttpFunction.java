// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.gcp;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.vss.bl.HttpAnswer;
import java.io.InputStream;
import java.io.Writer;

/**
 * The HTTP function ({@code --entry-point dev.vss.adapter.gcp.VssHttpFunction --trigger-http}): POST the bytes of
 * one image, get its result JSON. 200 analysed; 400 not an image (the error JSON names why); 413 over
 * {@code VSS_MAX_IMAGE_BYTES} (read no further than the limit); 405 for another method. The result is not stored.
 */
public final class VssHttpFunction implements HttpFunction {
    public VssHttpFunction() {
        GcpHandlers.Http.HANDLER.settings(); // instance start: build everything before the first request
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
        HttpAnswer a;
        if (!request.getMethod().equals("POST")) {
            response.appendHeader("Allow", "POST");
            a = new HttpAnswer(405, "{\"ok\":false,\"error\":{\"code\":\"METHOD_NOT_ALLOWED\",\"message\":\"POST the bytes "
                    + "of a JPEG, PNG or BMP image\"}}");
        } else {
            long max = GcpHandlers.Http.HANDLER.settings().maxImageBytes();
            byte[] body;
            try (InputStream in = request.getInputStream()) {
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1)); // one byte over: 413
            }
            String path = request.getPath();
            a = GcpHandlers.Http.HANDLER.http(body, path == null || path.equals("/") ? null : path);
        }
        response.setStatusCode(a.status());
        response.setContentType(HttpAnswer.CONTENT_TYPE);
        try (Writer w = response.getWriter()) {
            w.write(a.json());
        }
    }
}
