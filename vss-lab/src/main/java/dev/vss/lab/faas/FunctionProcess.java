// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.faas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.Setting;
import dev.vss.bl.VssSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One function instance as a child JVM ({@link FunctionWorker}), started inside its own cgroup (memory limit = the
 * function's memory, CPU quota = its vCPU share) when {@link Cgroups} are usable, else unconstrained (emulated
 * limits, see {@link Spec#size()}). The shell that starts the JVM first writes its own pid into the group, so JVM
 * start-up and init run under the limits too. Owns the process and the cgroup; {@link #close()} ends the one and
 * removes the other. One request at a time; not thread-safe.
 */
public final class FunctionProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode EOF = JSON.createObjectNode().put("type", "eof");
    /** Seconds at the memory limit with failing allocations after which an instance counts as out of memory. */
    static final int THRASH_SECONDS = 10;
    /** Enters the cgroups named before "--", then becomes the command after it. */
    private static final String ENTER = "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift; exec \"$@\"";

    /**
     * What to start.
     *
     * @param size        memory, vCPU share and threads (the threads override the settings' threads)
     * @param settings    the instance's settings, handed to the child as system properties, as a function's
     *                    environment would carry them
     * @param workDir     the instance's own temp dir (its /tmp): fetched models and logs land there
     * @param initTimeout how long start-up and init may take
     */
    public record Spec(FunctionSize size, VssSettings settings, Path workDir, Duration initTimeout) {
        public Spec {
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(workDir, "workDir");
            initTimeout = initTimeout == null ? Duration.ofMinutes(5) : initTimeout;
        }
    }

    /** Start-up as measured: wall times from spawning the JVM, CPU the child had used, its init phases. */
    public record Ready(double startedMs, double readyMs, double jvmCpuMs, double cpuMs, JsonNode message) {
    }

    private final Spec spec;
    private final Cgroup cgroup;
    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final Deque<String> strayOutput = new ArrayDeque<>();
    private final Thread reader;
    private final Path stderrLog;
    private String javaOom;
    private Ready ready;
    private long seq;
    private boolean closed;

    private FunctionProcess(Spec spec, Cgroup cgroup, Process process, Path stderrLog) {
        this.spec = spec;
        this.cgroup = cgroup;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stderrLog = stderrLog;
        this.reader = new Thread(this::readLoop, "vss-instance-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts an instance and waits until it is ready (global init done). {@code cgroups} null = no cgroup (emulated
     * limits).
     *
     * @throws InstanceException when it ran out of memory, timed out or crashed during start-up; nothing is left over
     */
    public static FunctionProcess start(Spec spec, Cgroups cgroups) throws IOException, InstanceException {
        Files.createDirectories(spec.workDir());
        Cgroup g = cgroups == null ? null : cgroups.create(spec.size().memoryMb(), spec.size().quotaCores());
        FunctionProcess fp;
        long t0 = System.nanoTime();
        try {
            List<String> cmd = new ArrayList<>();
            if (g != null) {
                cmd.addAll(List.of("/bin/sh", "-c", ENTER, "vss-enter"));
                g.procsFiles().forEach(p -> cmd.add(p.toString()));
                cmd.add("--");
            }
            cmd.addAll(javaCommand(spec));
            Path log = spec.workDir().resolve("instance.stderr.log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
            pb.environment().putAll(FunctionSize.mallocEnvironment()); // glibc: fewer arenas, big blocks returned
            if (spec.settings().galleryKey() != null) {
                pb.environment().put(Setting.GALLERY_KEY.env(), spec.settings().galleryKey());
            }
            fp = new FunctionProcess(spec, g, pb.start(), log);
        } catch (IOException | RuntimeException e) {
            if (g != null) {
                g.close();
            }
            throw e;
        }
        try {
            fp.awaitReady(t0);
            return fp;
        } catch (InstanceException e) {
            e.withPeakMb(g == null ? -1 : g.peakMb());
            fp.close();
            throw e;
        } catch (RuntimeException e) {
            fp.close();
            throw e;
        }
    }

    private static List<String> javaCommand(Spec spec) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(spec.size().jvmOptions());
        String libraryPath = System.getProperty("java.library.path"); // a JVM fact: the child finds the same natives
        if (libraryPath != null) {
            c.add("-Djava.library.path=" + libraryPath);
        }
        c.add("-Djava.io.tmpdir=" + spec.workDir());
        settingsProperties(spec).forEach((k, v) -> c.add("-D" + k + "=" + v));
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add(FunctionWorker.class.getName());
        return c;
    }

    /** The settings as the system properties {@link VssSettings#fromEnvironment()} reads (the key stays in env). */
    static Map<String, String> settingsProperties(Spec spec) {
        // every setting, from the one place that knows them; this instance's threads and its own temp dir on top
        Map<String, String> p = new LinkedHashMap<>(spec.settings().toProperties());
        p.put(Setting.THREADS.property(), Integer.toString(spec.size().threads()));
        p.put(Setting.MODELS_TMP.property(), spec.workDir().resolve("models").toString());
        return p;
    }

    private void readLoop() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                if (line.startsWith(FunctionWorker.PREFIX)) {
                    try {
                        messages.add(JSON.readTree(line.substring(FunctionWorker.PREFIX.length())));
                    } catch (IOException e) {
                        stray(line);
                    }
                } else {
                    stray(line);
                }
            }
        } catch (IOException e) {
            // the pipe broke: the process is gone, EOF below tells the waiting side
        }
        messages.add(EOF);
    }

    private synchronized void stray(String line) {
        strayOutput.addLast(line);
        while (strayOutput.size() > 20) {
            strayOutput.removeFirst();
        }
    }

    private void awaitReady(long t0) throws InstanceException {
        long deadline = t0 + spec.initTimeout().toNanos();
        double startedMs = -1;
        double jvmCpu = 0;
        while (true) {
            JsonNode m = poll(deadline, "timed out: start-up and init took longer than "
                    + spec.initTimeout().toSeconds() + " s");
            switch (m.path("type").asText()) {
                case "started" -> {
                    startedMs = (System.nanoTime() - t0) / 1e6;
                    jvmCpu = m.path("cpu_ms").asDouble();
                }
                case "ready" -> {
                    ready = new Ready(startedMs, (System.nanoTime() - t0) / 1e6, jvmCpu, m.path("cpu_ms").asDouble(), m);
                    return;
                }
                default -> throw failure(m, "during init");
            }
        }
    }

    /**
     * The next message; on timeout the instance is killed and {@code timeoutMessage} thrown. Watches the cgroup while
     * waiting: an instance whose anonymous memory fills 90 % of its limit while allocations keep failing, or while
     * the kernel keeps evicting and re-reading pages (more than a tenth of the limit a second), is thrashing — the
     * kernel may never OOM-kill it, and it would crawl for minutes: it is killed and reported out of memory.
     */
    private JsonNode poll(long deadlineNanos, String timeoutMessage) throws InstanceException {
        try {
            int thrashing = 0;
            long hits = cgroup == null ? -1 : cgroup.limitHits();
            long pages = cgroup == null ? -1 : cgroup.pageIns();
            long churnLimit = spec.size().memoryMb() * 256L / 10; // pages (4 KiB) a second: 10 % of the limit
            while (true) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    process.destroyForcibly();
                    throw new InstanceException(timeoutMessage, false);
                }
                JsonNode m = messages.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                if (m != null) {
                    return m;
                }
                if (cgroup != null) {
                    long h = cgroup.limitHits();
                    long p = cgroup.pageIns();
                    long anon = cgroup.anonMb();
                    boolean full = anon >= 0.9 * spec.size().memoryMb();
                    boolean failing = h > hits;
                    boolean churning = p >= 0 && pages >= 0 && p - pages > churnLimit;
                    thrashing = full && (failing || churning) ? thrashing + 1 : 0;
                    hits = h;
                    pages = p;
                    if (thrashing >= THRASH_SECONDS) {
                        process.destroyForcibly();
                        throw new InstanceException("out of memory at " + spec.size().memoryMb() + " MB (" + anon
                                + " MB of anonymous memory at the limit while the kernel " + (failing
                                        ? "failed allocations" : "evicted and re-read pages") + " for " + THRASH_SECONDS
                                + " s: killed instead of thrashing)", true);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new InstanceException("interrupted while waiting for the instance", false);
        }
    }

    /** Why the instance ended, from what it said last, the cgroup's OOM counter and its exit. */
    private InstanceException failure(JsonNode last, String when) {
        String type = last.path("type").asText();
        if (type.equals("oom")) {
            javaOom = last.path("message").asText();
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int mb = spec.size().memoryMb();
        if (javaOom != null) {
            return new InstanceException("out of memory at " + mb + " MB " + when + " (" + javaOom + ")", true);
        }
        if (cgroup != null && cgroup.oomKills() > 0) {
            return new InstanceException("out of memory at " + mb + " MB " + when
                    + " (killed by the kernel's OOM killer in its cgroup)", true);
        }
        if (type.equals("fatal")) {
            return new InstanceException("instance failed " + when + ": " + last.path("message").asText(), false);
        }
        int code = process.isAlive() ? -1 : process.exitValue();
        if (code == 125 && cgroup != null) {
            return new InstanceException("could not enter its cgroup " + cgroup.dirs() + ": " + tail(), false);
        }
        return new InstanceException("instance exited " + when + " with code " + code + ": " + tail(), false);
    }

    private synchronized String tail() {
        List<String> lines = new ArrayList<>();
        try {
            List<String> all = Files.readAllLines(stderrLog);
            lines.addAll(all.subList(Math.max(0, all.size() - 5), all.size()));
        } catch (IOException e) {
            // no log: stray stdout is all there is
        }
        lines.addAll(strayOutput);
        String s = String.join(" | ", lines).trim();
        return s.isEmpty() ? "(no output)" : s.length() > 600 ? s.substring(s.length() - 600) : s;
    }

    public Ready ready() {
        return ready;
    }

    public Spec spec() {
        return spec;
    }

    /** The cgroup the instance runs in, or null under emulated limits. */
    public Cgroup cgroup() {
        return cgroup;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /**
     * Sends one event (JSON as a provider delivers it) and waits for its result.
     *
     * @throws InstanceException when the instance ran out of memory, timed out or died; it is then gone
     */
    public JsonNode invoke(String eventJson, Duration timeout) throws InstanceException {
        ObjectNode req = JSON.createObjectNode();
        req.put("op", "invoke");
        req.put("seq", ++seq);
        req.put("event", eventJson);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            stdin.write((JSON.writeValueAsString(req) + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw failure(EOF, "before the invocation");
        }
        while (true) {
            JsonNode m = poll(deadline, "timed out after " + timeout.toSeconds() + " s (invocation " + seq + ")");
            if (m.path("type").asText().equals("result") && m.path("seq").asLong() == seq) {
                return m;
            }
            if (!m.path("type").asText().equals("result")) {
                throw failure(m, "during an invocation");
            }
        }
    }

    /** Asks the instance to exit, kills it if it does not, and removes its cgroup. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (process.isAlive()) {
                try {
                    stdin.write("{\"op\":\"exit\"}\n".getBytes(StandardCharsets.UTF_8));
                    stdin.close();
                } catch (IOException e) {
                    // already gone
                }
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            if (cgroup != null) {
                cgroup.close();
            }
        }
    }
}
