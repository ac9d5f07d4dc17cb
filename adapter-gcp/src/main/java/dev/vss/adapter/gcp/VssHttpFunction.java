// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.gcp;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.vss.bl.HttpAnswer;
import dev.vss.bl.HttpImageRequest;
import java.io.InputStream;
import java.io.Writer;

/**
 * The HTTP function ({@code --entry-point dev.vss.adapter.gcp.VssHttpFunction --trigger-http}): POST the bytes of
 * one image, get its result JSON, by the HTTP edge's rules of vss-bl ({@link HttpImageRequest}): 200 analysed; 400 not
 * an image (the error JSON names why); 413 over {@code VSS_MAX_IMAGE_BYTES} (read no further than the limit); 405 for
 * another method. The result is not stored.
 */
public final class VssHttpFunction implements HttpFunction {
    public VssHttpFunction() {
        GcpHandlers.Http.HANDLER.settings(); // instance start: build everything before the first request
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
        HttpAnswer a;
        try (InputStream in = request.getInputStream()) {
            a = GcpHandlers.Http.HANDLER.http(request.getMethod().equals(HttpAnswer.ALLOW)
                    ? HttpImageRequest.read(request.getMethod(), request.getPath(), in,
                            GcpHandlers.Http.HANDLER.settings().maxImageBytes())
                    : HttpImageRequest.of(request.getMethod(), request.getPath(), new byte[0]));
        }
        response.setStatusCode(a.status());
        a.headers().forEach((k, v) -> {
            if (k.equals("Content-Type")) {
                response.setContentType(v);
            } else {
                response.appendHeader(k, v);
            }
        });
        try (Writer w = response.getWriter()) {
            w.write(a.json());
        }
    }
}
