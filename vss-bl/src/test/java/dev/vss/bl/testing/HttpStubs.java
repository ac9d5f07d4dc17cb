// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Answers of the JDK HttpServer stand-ins that tests run for cloud services (key services, runtime APIs). */
public final class HttpStubs {
    private HttpStubs() {
    }

    /** Sends {@code body} (UTF-8) with this status and Content-Type, and ends the exchange. */
    public static void reply(HttpExchange x, int status, String contentType, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", contentType);
        x.sendResponseHeaders(status, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }
}
