// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.faas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.HandlerResponse;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.image.ImageResult;
import dev.vss.bl.runtime.InitPhases;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main class of a child JVM that plays one function instance for {@code vss run-local} and {@code vss plan}. It
 * is started inside its cgroup (so JVM start and init are limited too), builds a {@link VssHandler} from
 * {@link VssSettings#fromEnvironment()} (the parent passes the settings as system properties, as a function's
 * environment would), then reads one event per line on stdin and answers one line per event on stdout. Protocol
 * lines start with {@value #PREFIX} and hold one JSON object; other stdout output (native libraries) is not protocol;
 * logs go to stderr.
 *
 * <pre>
 * child:  @vss {"type":"started","cpu_ms":..,"uptime_ms":..}
 * child:  @vss {"type":"ready","init_ms":{phase:ms},"init_cpu_ms":{phase:ms},"cpu_ms":..,"rss_mb":..}
 * parent: {"op":"invoke","seq":1,"event":"{\"Records\":[...]}"}     the event exactly as a provider sends it
 * child:  @vss {"type":"result","seq":1,"wall_ms":..,"cpu_ms":..,"handler_ms":..,"cold":true,"images":[..],..}
 * parent: {"op":"exit"}   (or end of stdin)
 * </pre>
 *
 * A Java {@link OutOfMemoryError} is reported as {@code {"type":"oom"}} and ends the instance (exit code 3); a kernel
 * OOM kill ends it without a word, and the parent reads the cgroup's OOM counter.
 */
public final class FunctionWorker {
    /** Marks protocol lines on stdout. */
    public static final String PREFIX = "@vss ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionWorker() {
    }

    public static void main(String[] args) {
        PrintStream proto = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        ObjectNode started = JSON.createObjectNode();
        started.put("type", "started");
        started.put("cpu_ms", cpuMs());
        started.put("uptime_ms", ManagementFactory.getRuntimeMXBean().getUptime());
        send(proto, started);
        try {
            run(proto);
        } catch (OutOfMemoryError e) {
            ObjectNode m = JSON.createObjectNode();
            m.put("type", "oom");
            m.put("message", "Java OutOfMemoryError: " + e.getMessage() + "; heap max "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
            send(proto, m);
            System.exit(3);
        } catch (Throwable e) {
            ObjectNode m = JSON.createObjectNode();
            m.put("type", "fatal");
            m.put("message", e.getClass().getSimpleName() + ": " + e.getMessage());
            send(proto, m);
            e.printStackTrace();
            System.exit(2);
        }
    }

    private static void run(PrintStream proto) throws Exception {
        // CPU time at the end of each init phase, taken when the phase's log line arrives
        Map<String, Double> phaseCpu = new LinkedHashMap<>();
        double[] mark = {cpuMs()};
        VssSettings settings = VssSettings.fromEnvironment();
        long w0 = System.nanoTime();
        try (VssHandler handler = VssHandler.builder(settings).optLog(line -> phaseCpu(line, phaseCpu, mark)).build()) {
            ObjectNode ready = JSON.createObjectNode();
            ready.put("type", "ready");
            ready.put("wall_ms", (System.nanoTime() - w0) / 1e6);
            if (handler.instance().instanceInit() != null) {
                ready.set("init_ms", phases(handler.instance().instanceInit()));
                ready.set("init_cpu_ms", JSON.valueToTree(phaseCpu));
            }
            ready.put("cpu_ms", cpuMs());
            ready.put("rss_mb", rssMb("VmRSS"));
            ready.put("heap_max_mb", Runtime.getRuntime().maxMemory() / (1 << 20));
            send(proto, ready);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null;) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode req = JSON.readTree(line);
                if (req.path("op").asText().equals("exit")) {
                    break;
                }
                phaseCpu.clear();
                mark[0] = cpuMs();
                try {
                    send(proto, invoke(handler, req, phaseCpu));
                } catch (Exception e) {
                    // a bad event or a failed init inside the call fails this invocation, not the instance
                    ObjectNode r = JSON.createObjectNode();
                    r.put("type", "result");
                    r.put("seq", req.path("seq").asLong());
                    r.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
                    send(proto, r);
                }
            }
        }
    }

    private static void phaseCpu(String line, Map<String, Double> phaseCpu, double[] mark) {
        try {
            JsonNode l = JSON.readTree(line);
            String phase = l.path("phase").asText();
            if (l.path("event").asText().equals("init") && !phase.isEmpty() && !phase.equals("total")) {
                double now = cpuMs();
                phaseCpu.put(phase, now - mark[0]);
                mark[0] = now;
            }
        } catch (IOException e) {
            // a log line we cannot read costs one phase's CPU figure, nothing else
        }
    }

    private static ObjectNode invoke(VssHandler handler, JsonNode req, Map<String, Double> phaseCpu) throws Exception {
        double c0 = cpuMs();
        long w0 = System.nanoTime();
        HandlerResponse inv = handler.handle(req.path("event").asText());
        ObjectNode r = JSON.createObjectNode();
        r.put("type", "result");
        r.put("seq", req.path("seq").asLong());
        r.put("wall_ms", (System.nanoTime() - w0) / 1e6);
        r.put("cpu_ms", cpuMs() - c0);
        r.put("handler_ms", inv.handlerMs());
        r.put("cold", inv.coldStart());
        if (inv.init() != null) {
            r.set("init_ms", phases(inv.init()));
            r.set("init_cpu_ms", JSON.valueToTree(phaseCpu));
        }
        ArrayNode images = r.putArray("images");
        for (ImageResult ir : inv.results()) {
            ObjectNode o = images.addObject();
            o.put("image", ir.ref().uri());
            o.put("ok", ir.ok());
            if (!ir.ok()) {
                o.put("code", ir.errorCode().name());
                o.put("message", ir.errorMessage());
                continue;
            }
            ObjectNode st = o.putObject("stages_ms");
            st.put("decode", ir.decodeMs());
            ir.analysis().timingsMs().forEach(st::put);
        }
        // failures that are not image results (unreadable records, failed result writes)
        ArrayNode other = r.putArray("failures");
        for (HandlerResponse.Failure f : inv.failures()) {
            ObjectNode o = other.addObject();
            o.put("image", f.image());
            o.put("code", f.code().name());
            o.put("message", f.message());
        }
        r.put("rss_mb", rssMb("VmRSS"));
        r.put("peak_rss_mb", rssMb("VmHWM"));
        return r;
    }

    private static ObjectNode phases(InitPhases p) {
        ObjectNode o = JSON.createObjectNode();
        p.toMap().forEach(o::put);
        return o;
    }

    private static void send(PrintStream proto, JsonNode m) {
        try {
            proto.println(PREFIX + JSON.writeValueAsString(m));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static double cpuMs() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean s) {
            return s.getProcessCpuTime() / 1e6;
        }
        return 0;
    }

    static long rssMb(String key) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(key + ":")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
