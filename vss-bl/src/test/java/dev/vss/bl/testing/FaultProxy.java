// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * A small HTTP/1.1 proxy on 127.0.0.1 in front of a storage server (s3proxy, Azurite, a GCS emulator) that injects
 * faults into chosen requests: an error status (500, 503 SlowDown, 429), a connection reset before the request
 * reaches the server or after the server has applied it (the answer is lost), or a delay past the client's timeout.
 * Requests and responses are relayed byte for byte (the Host header is kept, so SigV4 and shared-key signatures
 * stay valid); only {@code Expect: 100-continue} is answered here and not forwarded. Each request is logged with
 * what was done to it. Optionally, writes that carry {@code If-Match}/{@code If-None-Match} are serialised: s3proxy
 * evaluates those preconditions but not atomically with the write, which S3 itself does.
 *
 * <pre>{@code
 * try (FaultProxy p = new FaultProxy(s3proxyPort)) {
 *     p.inject("PUT", "/bucket/results/.*", FaultProxy.Fault.SLOW_DOWN_503, 2); // the next two such PUTs
 *     ... point the client at 127.0.0.1:p.port() ...
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {
    /** What to do to a matching request. */
    public enum Fault {
        /** 500 InternalError, request not forwarded. */
        STATUS_500(500, "InternalError"),
        /** 503 SlowDown (S3 throttling), request not forwarded. */
        SLOW_DOWN_503(503, "SlowDown"),
        /** 429 Too Many Requests, request not forwarded. */
        TOO_MANY_429(429, "TooManyRequests"),
        /** 404 NoSuchKey: a permanent fault, request not forwarded. */
        NOT_FOUND_404(404, "NoSuchKey"),
        /** 403 AccessDenied: a permanent fault, request not forwarded. */
        FORBIDDEN_403(403, "AccessDenied"),
        /** TCP reset after the request was read; the server never sees it. */
        RESET_BEFORE,
        /** The request is applied by the server, then the connection is reset: the answer is lost. */
        RESET_AFTER,
        /** Forwarded after a delay (set per rule), typically past the client's timeout. */
        DELAY;

        final int status;
        final String code;

        Fault() {
            this(0, null);
        }

        Fault(int status, String code) {
            this.status = status;
            this.code = code;
        }
    }

    /** One request as seen: method, path, and what happened ({@code forwarded 200}, {@code injected 503}, ...). */
    public record Seen(String method, String path, String outcome) {
    }

    private static final class Rule {
        final String method;
        final Pattern path;
        final Fault fault;
        final Duration delay;
        int remaining;

        Rule(String method, Pattern path, Fault fault, int times, Duration delay) {
            this.method = method;
            this.path = path;
            this.fault = fault;
            this.remaining = times;
            this.delay = delay;
        }
    }

    private final int upstreamPort;
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Rule> rules = new ArrayList<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final ReentrantLock conditional = new ReentrantLock();
    private volatile boolean serialiseConditional;
    private volatile boolean closed;

    /** Listens on an ephemeral port of 127.0.0.1 and relays to 127.0.0.1:upstreamPort. */
    public FaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.execute(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next {@code times} requests with this method whose path (with query) matches get the fault. */
    public synchronized FaultProxy inject(String method, String pathRegex, Fault fault, int times) {
        rules.add(new Rule(method, Pattern.compile(pathRegex), fault, times, Duration.ZERO));
        return this;
    }

    /** The next {@code times} matching requests are forwarded only after {@code delay}. */
    public synchronized FaultProxy delay(String method, String pathRegex, Duration delay, int times) {
        rules.add(new Rule(method, Pattern.compile(pathRegex), Fault.DELAY, times, delay));
        return this;
    }

    /** Drops the rules not used up. */
    public synchronized void clearRules() {
        rules.clear();
    }

    /** Serialise requests carrying If-Match / If-None-Match, making the server's check-then-write atomic. */
    public FaultProxy serialiseConditionalWrites(boolean on) {
        serialiseConditional = on;
        return this;
    }

    /** Every request seen so far, in order of arrival. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** How many requests with this method had a path matching the regex. */
    public long count(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return seen.stream().filter(s -> s.method().equals(method) && p.matcher(s.path()).matches()).count();
    }

    private synchronized Rule take(String method, String path) {
        for (Rule r : rules) {
            if (r.remaining > 0 && r.method.equals(method) && r.path.matcher(path).matches()) {
                r.remaining--;
                return r;
            }
        }
        return null;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                pool.execute(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("fault proxy accept failed", e);
                }
            }
        }
    }

    /** A parsed request or response head: first line, headers in order, and the raw bytes. */
    private record Head(String firstLine, Map<String, String> headers, List<String> lines) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private void serve(Socket client) {
        Socket upstream = null;
        try (client) {
            InputStream cin = new BufferedInputStream(client.getInputStream());
            OutputStream cout = client.getOutputStream();
            while (true) {
                Head req = readHead(cin);
                if (req == null) {
                    return;
                }
                String[] parts = req.firstLine().split(" ");
                String method = parts[0];
                String path = parts.length > 1 ? parts[1] : "";
                if ("100-continue".equalsIgnoreCase(req.header("expect"))) {
                    cout.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    cout.flush();
                }
                byte[] body = readBody(cin, req, false);
                Rule rule = take(method, path);
                if (rule != null && rule.fault.status > 0) {
                    seen.add(new Seen(method, path, "injected " + rule.fault.status));
                    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + rule.fault.code
                            + "</Code><Message>injected by the test's fault proxy</Message></Error>";
                    byte[] b = xml.getBytes(StandardCharsets.UTF_8);
                    String head = "HTTP/1.1 " + rule.fault.status + " " + rule.fault.code + "\r\nContent-Type: "
                            + "application/xml\r\nContent-Length: " + b.length + "\r\n\r\n";
                    cout.write(head.getBytes(StandardCharsets.US_ASCII));
                    cout.write(b);
                    cout.flush();
                    continue;
                }
                if (rule != null && rule.fault == Fault.RESET_BEFORE) {
                    seen.add(new Seen(method, path, "reset before forwarding"));
                    reset(client);
                    return;
                }
                if (rule != null && rule.fault == Fault.DELAY) {
                    seen.add(new Seen(method, path, "delayed " + rule.delay.toMillis() + " ms"));
                    Thread.sleep(rule.delay.toMillis());
                }
                if (upstream == null) {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                    open.add(upstream);
                }
                boolean cond = serialiseConditional && (req.header("if-match") != null
                        || req.header("if-none-match") != null) && !method.equals("GET") && !method.equals("HEAD");
                byte[] response;
                Head resp;
                if (cond) {
                    conditional.lock();
                }
                try {
                    OutputStream uout = upstream.getOutputStream();
                    for (String line : req.lines()) {
                        if (!line.toLowerCase(Locale.ROOT).startsWith("expect:")) {
                            uout.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        }
                    }
                    uout.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    uout.write(body);
                    uout.flush();
                    InputStream uin = new BufferedInputStream(upstream.getInputStream());
                    resp = readHead(uin);
                    while (resp != null && resp.firstLine().matches("HTTP/1\\.[01] 100 .*")) {
                        resp = readHead(uin); // the server's own 100 Continue: already answered here
                    }
                    if (resp == null) {
                        throw new IOException("upstream closed the connection");
                    }
                    boolean noBody = method.equals("HEAD") || resp.firstLine().matches("HTTP/1\\.[01] (204|304) .*");
                    byte[] rbody = noBody ? new byte[0] : readBody(uin, resp, true);
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    for (String line : resp.lines()) {
                        all.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                    all.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    all.write(rbody);
                    response = all.toByteArray();
                    upstream = reuse(upstream, uin, resp);
                } finally {
                    if (cond) {
                        conditional.unlock();
                    }
                }
                String status = resp.firstLine().split(" ")[1];
                if (rule != null && rule.fault == Fault.RESET_AFTER) {
                    seen.add(new Seen(method, path, "applied " + status + ", then reset"));
                    reset(client);
                    return;
                }
                if (rule == null || rule.fault != Fault.DELAY) {
                    seen.add(new Seen(method, path, "forwarded " + status));
                }
                cout.write(response);
                cout.flush();
                if ("close".equalsIgnoreCase(resp.header("connection"))) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away (e.g. timed out during a delay): nothing to relay
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (upstream != null) {
                try {
                    upstream.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    /** Keeps the upstream connection unless the server closes it; the buffered stream is per response. */
    private static Socket reuse(Socket upstream, InputStream uin, Head resp) throws IOException {
        if ("close".equalsIgnoreCase(resp.header("connection")) || uin.available() > 0) {
            upstream.close();
            return null;
        }
        return upstream;
    }

    private static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0); // close with RST, not FIN
        s.close();
    }

    private static Head readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int prev = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            if (c == '\n' && prev == '\r') {
                line.setLength(line.length() - 1);
                if (line.length() == 0) {
                    break;
                }
                lines.add(line.toString());
                line.setLength(0);
            } else {
                line.append((char) c);
            }
            prev = c;
        }
        if (lines.isEmpty()) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
        }
        return new Head(lines.get(0), headers, lines);
    }

    /** The body as framed on the wire (chunk framing kept), by Content-Length, chunked, or until close. */
    private static byte[] readBody(InputStream in, Head h, boolean response) throws IOException {
        String te = h.header("transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in);
                out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                if (size == 0) {
                    String trailer;
                    while (!(trailer = readLine(in)).isEmpty()) {
                        out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    return out.toByteArray();
                }
                out.write(in.readNBytes(size + 2));
            }
        }
        String cl = h.header("content-length");
        if (cl != null) {
            return in.readNBytes(Integer.parseInt(cl.trim()));
        }
        return response && "close".equalsIgnoreCase(h.header("connection")) ? in.readAllBytes() : new byte[0];
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int prev = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed inside a chunked body");
            }
            if (c == '\n' && prev == '\r') {
                b.setLength(b.length() - 1);
                return b.toString();
            }
            b.append((char) c);
            prev = c;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        pool.shutdownNow();
    }
}
