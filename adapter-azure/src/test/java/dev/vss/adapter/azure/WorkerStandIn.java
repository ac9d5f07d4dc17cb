// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.BlobTrigger;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.WarmupTrigger;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Stands in for the Azure Functions host and Java worker, which cannot be installed here: in its own JVM it reads
 * each {@code function.json} of a BUILT package, loads {@code scriptFile} and {@code lib/*.jar} in a class loader of
 * their own (the Functions library from the worker's side, as the real worker provides it), resolves
 * {@code entryPoint}, and invokes it per request with the trigger's payload, {@code @BindingName} metadata, a small
 * {@link ExecutionContext} and, for HTTP triggers, a small {@link HttpRequestMessage}. The test drives it over HTTP on
 * 127.0.0.1: {@code POST /invoke/NAME} (payload as body, metadata as {@code x-binding-NAME} headers) answers
 * {@code status}, {@code body}, {@code logs} and {@code error} as JSON. Not exercised: the host's own binding
 * extensions (Event Grid webhook validation, blob receipts), retries, scaling.
 */
public final class WorkerStandIn {
    record Function(String name, Method method, Object instance) {
    }

    public static void main(String[] args) throws Exception {
        Path app = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Map<String, Function> functions = load(app);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/invoke/", x -> invoke(x, functions));
        server.start();
        System.out.println("stand-in: " + functions.keySet() + " on 127.0.0.1:" + port);
    }

    static Map<String, Function> load(Path app) throws Exception {
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> s = Stream.concat(Files.list(app), Files.list(app.resolve("lib")))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(p.toUri().toURL());
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), WorkerStandIn.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Map<String, Function> m = new HashMap<>();
        try (Stream<Path> s = Files.list(app)) {
            for (Path dir : s.filter(p -> Files.isRegularFile(p.resolve("function.json"))).toList()) {
                String json = Files.readString(dir.resolve("function.json"));
                String script = field(json, "scriptFile");
                if (!Files.isRegularFile(dir.resolve(script))) {
                    throw new IllegalStateException(dir + ": scriptFile " + script + " does not exist");
                }
                String entry = field(json, "entryPoint");
                int dot = entry.lastIndexOf('.');
                Class<?> c = Class.forName(entry.substring(0, dot), false, loader);
                Method method = null;
                for (Method x : c.getMethods()) {
                    if (x.getName().equals(entry.substring(dot + 1))) {
                        method = x;
                    }
                }
                if (method == null) {
                    throw new IllegalStateException(dir + ": entryPoint " + entry + " not found");
                }
                m.put(dir.getFileName().toString(), new Function(dir.getFileName().toString(), method,
                        c.getDeclaredConstructor().newInstance()));
            }
        }
        return m;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("function.json has no " + name);
        }
        return m.group(1);
    }

    static void invoke(HttpExchange x, Map<String, Function> functions) {
        try (x) {
            Function f = functions.get(x.getRequestURI().getPath().substring("/invoke/".length()));
            if (f == null) {
                reply(x, 404, "{\"error\":\"no such function\"}");
                return;
            }
            byte[] payload = x.getRequestBody().readAllBytes();
            Context ctx = new Context(f.name());
            Parameter[] ps = f.method().getParameters();
            Object[] args = new Object[ps.length];
            for (int i = 0; i < ps.length; i++) {
                args[i] = argument(ps[i], payload, x, ctx);
            }
            String status = "null";
            String body = "null";
            String error = "null";
            int code = 200;
            try {
                Object out = f.method().invoke(f.instance(), args);
                if (out instanceof HttpResponseMessage r) {
                    status = Integer.toString(r.getStatusCode());
                    body = quote(String.valueOf(r.getBody()));
                }
            } catch (InvocationTargetException e) {
                code = 500;
                error = quote(e.getCause().getClass().getName() + ": " + e.getCause().getMessage());
            }
            reply(x, code, "{\"status\":" + status + ",\"body\":" + body + ",\"error\":" + error + ",\"logs\":["
                    + String.join(",", ctx.logs.stream().map(WorkerStandIn::quote).toList()) + "]}");
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    static Object argument(Parameter p, byte[] payload, HttpExchange x, Context ctx) {
        if (p.getType() == ExecutionContext.class) {
            return ctx;
        }
        for (Annotation a : p.getAnnotations()) {
            if (a instanceof EventGridTrigger) {
                return new String(payload, StandardCharsets.UTF_8);
            }
            if (a instanceof BlobTrigger) {
                return payload;
            }
            if (a instanceof WarmupTrigger) {
                return new Object();
            }
            if (a instanceof BindingName b) {
                return x.getRequestHeaders().getFirst("x-binding-" + b.value());
            }
            if (a instanceof HttpTrigger h) {
                return new Request(URI.create("http://127.0.0.1/api/" + h.route()), payload);
            }
        }
        throw new IllegalArgumentException("parameter " + p + " has no binding the stand-in knows");
    }

    static void reply(HttpExchange x, int status, String json) throws java.io.IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : c);
            }
        }
        return b.append('"').toString();
    }

    /** The invocation's context: its id, its function's name, and a logger whose lines go back to the test. */
    static final class Context implements ExecutionContext {
        final String id = UUID.randomUUID().toString();
        final String name;
        final List<String> logs = new ArrayList<>();
        final Logger logger;

        Context(String name) {
            this.name = name;
            logger = Logger.getAnonymousLogger();
            logger.setUseParentHandlers(false);
            logger.addHandler(new Handler() {
                @Override
                public void publish(LogRecord r) {
                    logs.add(r.getLevel() + " " + r.getMessage());
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            });
        }

        @Override
        public Logger getLogger() {
            return logger;
        }

        @Override
        public String getInvocationId() {
            return id;
        }

        @Override
        public String getFunctionName() {
            return name;
        }
    }

    /** A POST with a binary body, as the worker hands an HTTP trigger with {@code dataType = "binary"}. */
    record Request(URI uri, byte[] body) implements HttpRequestMessage<Optional<byte[]>> {
        @Override
        public URI getUri() {
            return uri;
        }

        @Override
        public HttpMethod getHttpMethod() {
            return HttpMethod.POST;
        }

        @Override
        public Map<String, String> getHeaders() {
            return Map.of();
        }

        @Override
        public Map<String, String> getQueryParameters() {
            return Map.of();
        }

        @Override
        public Optional<byte[]> getBody() {
            return body.length == 0 ? Optional.empty() : Optional.of(body);
        }

        @Override
        public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
            return createResponseBuilder((HttpStatusType) status);
        }

        @Override
        public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
            return new HttpResponseMessage.Builder() {
                HttpStatusType s = status;
                final Map<String, String> headers = new HashMap<>();
                Object body;

                @Override
                public HttpResponseMessage.Builder status(HttpStatusType st) {
                    s = st;
                    return this;
                }

                @Override
                public HttpResponseMessage.Builder header(String k, String v) {
                    headers.put(k, v);
                    return this;
                }

                @Override
                public HttpResponseMessage.Builder body(Object b) {
                    body = b;
                    return this;
                }

                @Override
                public HttpResponseMessage build() {
                    HttpStatusType st = s;
                    Object b = body;
                    return new HttpResponseMessage() {
                        @Override
                        public HttpStatusType getStatus() {
                            return st;
                        }

                        @Override
                        public String getHeader(String k) {
                            return headers.get(k);
                        }

                        @Override
                        public Object getBody() {
                            return b;
                        }
                    };
                }
            };
        }
    }

    /** The class path for the stand-in's JVM: this class and the Functions library, from the test's class path. */
    static String classPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).filter(p -> {
            String n = Path.of(p).getFileName().toString();
            return n.equals("test-classes") || n.startsWith("azure-functions-java-library-")
                    || n.startsWith("azure-functions-java-core-library-");
        }).reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    }
}
