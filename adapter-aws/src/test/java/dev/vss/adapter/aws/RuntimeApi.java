// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lambda Runtime API on 127.0.0.1, as the real service speaks it to the runtime interface client:
 * {@code GET /2018-06-01/runtime/invocation/next} (long poll, the event with its request-id headers),
 * {@code POST .../invocation/{id}/response}, {@code POST .../invocation/{id}/error}, {@code POST .../init/error}.
 * {@link #invoke} queues an event and waits for its answer.
 */
final class RuntimeApi implements AutoCloseable {
    /** What the function answered: a response or an error (with the runtime's error type header). */
    record Answer(boolean error, String body, String errorType) {
    }

    private record Pending(String id, String event) {
    }

    private static final String BASE = "/2018-06-01/runtime";
    private final HttpServer server;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    final CompletableFuture<String> initError = new CompletableFuture<>();
    volatile long firstNextNanos;

    RuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext(BASE, this::route);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** {@code host:port} for {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sends one event to the function and waits for its response or error. */
    Answer invoke(String event, Duration timeout) throws Exception {
        String id = UUID.randomUUID().toString();
        CompletableFuture<Answer> f = new CompletableFuture<>();
        answers.put(id, f);
        queue.add(new Pending(id, event));
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer from the function within " + timeout + (initError.isDone()
                    ? "; init error: " + initError.getNow("") : ""), e);
        }
    }

    private void route(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath().substring(BASE.length());
        try (x) {
            if (path.equals("/invocation/next") && x.getRequestMethod().equals("GET")) {
                if (firstNextNanos == 0) {
                    firstNextNanos = System.nanoTime(); // init is over when the runtime first asks for work
                }
                Pending p = queue.poll(10, TimeUnit.MINUTES);
                if (p == null) {
                    reply(x, 500, "{}");
                    return;
                }
                x.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", p.id());
                x.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + 900_000));
                x.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:111122223333:function:vss");
                x.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
                reply(x, 200, p.event());
                return;
            }
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.equals("/init/error")) {
                initError.complete(body);
                reply(x, 202, "{\"status\":\"OK\"}");
                return;
            }
            String[] parts = path.split("/"); // "", "invocation", id, "response"|"error"
            if (parts.length == 4 && parts[1].equals("invocation")) {
                CompletableFuture<Answer> f = answers.remove(parts[2]);
                if (f != null) {
                    f.complete(new Answer(parts[3].equals("error"), body,
                            x.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
                }
                reply(x, 202, "{\"status\":\"OK\"}");
                return;
            }
            reply(x, 404, "{\"errorMessage\":\"unknown path " + path + "\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
