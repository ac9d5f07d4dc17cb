// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli.faas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.AnalyzeRequest;
import dev.vss.bl.FunctionInstance;
import dev.vss.bl.ImageRef;
import dev.vss.bl.ImageResult;
import dev.vss.bl.InitPhases;
import dev.vss.bl.InitStrategy;
import dev.vss.bl.LocalBlobStore;
import dev.vss.bl.RuntimeConfig;
import dev.vss.bl.events.EventParser;
import dev.vss.bl.store.StorageImageSource;
import dev.vss.hla.gallery.Gallery;
import dev.vss.hla.pipeline.AnalyzerOptions;
import dev.vss.hla.pipeline.FaceSource;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main class of a child JVM that plays one function instance for {@code vss run-local} and {@code vss plan}. It
 * is started inside its cgroup (so JVM start and init are limited too), builds a {@link FunctionInstance}, then reads
 * one request per line on stdin and answers one line per request on stdout. Protocol lines start with
 * {@value #PREFIX} and hold one JSON object; anything else on stdout (native libraries printing) is not protocol.
 * Everything else (logs) goes to stderr.
 *
 * <pre>
 * child:  @vss {"type":"started","cpu_ms":..,"uptime_ms":..}
 * child:  @vss {"type":"ready","init_ms":{phase:ms},"init_cpu_ms":{phase:ms},"cpu_ms":..,"rss_mb":..}
 * parent: {"op":"invoke","seq":1,"images":["a.jpg"]}        or  {"op":"invoke","seq":1,"event":{S3 notification}}
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

    public static void main(String[] args) throws Exception {
        PrintStream proto = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Map<String, String> opt = parse(args);
        ObjectNode started = JSON.createObjectNode();
        started.put("type", "started");
        started.put("cpu_ms", cpuMs());
        started.put("uptime_ms", ManagementFactory.getRuntimeMXBean().getUptime());
        send(proto, started);
        try {
            run(opt, proto);
        } catch (OutOfMemoryError e) {
            ObjectNode m = JSON.createObjectNode();
            m.put("type", "oom");
            m.put("message", "Java " + e.getMessage() + " (heap max " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB)");
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

    private static void run(Map<String, String> opt, PrintStream proto) throws Exception {
        InitStrategy strategy = InitStrategy.parse(opt.getOrDefault("init", "global"));
        Path work = Path.of(opt.get("work"));
        Files.createDirectories(work);
        // CPU time at the end of each init phase, read from the phase log lines as they come
        Map<String, Double> phaseCpu = new LinkedHashMap<>();
        double[] mark = {cpuMs()};
        RuntimeConfig.Builder b = RuntimeConfig.builder().optEngine(opt.getOrDefault("engine", "openvino"))
                .optThreads(Integer.parseInt(opt.getOrDefault("threads", "0")))
                .optOptions(new AnalyzerOptions(true, true, true,
                        FaceSource.valueOf(opt.getOrDefault("face-source", "DETECTOR")),
                        Boolean.parseBoolean(opt.getOrDefault("analyze-covered", "false")), opt.get("precision")))
                .optPrime(Boolean.parseBoolean(opt.getOrDefault("prime", "true")))
                .optLog(line -> {
                    try {
                        String phase = JSON.readTree(line).path("phase").asText();
                        if (!phase.equals("total")) {
                            double now = cpuMs();
                            phaseCpu.put(phase, now - mark[0]);
                            mark[0] = now;
                        }
                    } catch (IOException e) {
                        // a log line we cannot read costs us one phase's CPU figure, nothing else
                    }
                });
        if (opt.containsKey("cache-dir")) {
            b.optCacheDir(Path.of(opt.get("cache-dir")));
        }
        if (opt.containsKey("model-source")) {
            b.optModelStore(new LocalBlobStore(Path.of(opt.get("model-source"))), "", work.resolve("models"));
        }
        RuntimeConfig cfg = b.build();
        mark[0] = cpuMs();
        long w0 = System.nanoTime();
        try (FunctionInstance inst = new FunctionInstance(cfg, strategy, new StorageImageSource(), () -> (Gallery) null)) {
            ObjectNode ready = JSON.createObjectNode();
            ready.put("type", "ready");
            ready.put("wall_ms", (System.nanoTime() - w0) / 1e6);
            if (inst.instanceInit() != null) {
                ready.set("init_ms", phases(inst.instanceInit()));
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
                send(proto, invoke(inst, req, phaseCpu, mark));
            }
        }
    }

    private static ObjectNode invoke(FunctionInstance inst, JsonNode req, Map<String, Double> phaseCpu, double[] mark)
            throws Exception {
        AnalyzeRequest request;
        if (req.hasNonNull("event")) {
            request = EventParser.parse(req.get("event"));
        } else {
            List<ImageRef> refs = new ArrayList<>();
            req.path("images").forEach(n -> refs.add(ImageRef.of(n.asText())));
            request = AnalyzeRequest.of(refs);
        }
        phaseCpu.clear();
        double c0 = cpuMs();
        mark[0] = c0;
        long w0 = System.nanoTime();
        FunctionInstance.Invocation inv = inst.invoke(request);
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
        for (ImageResult ir : inv.result().results()) {
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
        r.put("rss_mb", rssMb("VmRSS"));
        r.put("peak_rss_mb", rssMb("VmHWM"));
        return r;
    }

    private static ObjectNode phases(InitPhases p) {
        ObjectNode o = JSON.createObjectNode();
        p.toMap().forEach(o::put);
        return o;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("worker argument '" + a + "' is not --key=value");
            }
            m.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        if (!m.containsKey("work")) {
            throw new IllegalArgumentException("worker needs --work=DIR");
        }
        return m;
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
