// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.faas;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.VssSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A local FaaS: replays events through function instances ({@link FunctionProcess}, one child JVM each) spread
 * round-robin over {@code instances} slots. An instance starts cold on its slot's first event and stays warm; one
 * that dies (out of memory, timeout) is replaced by a cold one at the slot's next event; one that cannot even start
 * fails the slot's remaining events at once with the same reason (a cold start that ran out of memory would only do
 * so again). Records every start and call with wall and CPU time and the billed duration: under cgroup limits the
 * measured wall time, under emulated limits max(wall, CPU time / vCPU). Not thread-safe; each {@link #run} owns and
 * removes its instances, cgroups and temp dirs.
 */
public final class LocalFaas {
    /** How the limits are enforced, said in the summary. */
    public enum Limits { CGROUP, EMULATED }

    /** One event: its JSON as the provider delivers it and how many images it names. */
    public record Event(String json, int images) {
        public Event {
            Objects.requireNonNull(json, "json");
        }
    }

    /**
     * One instance start: wall ms from spawning the JVM to its first line (JVM start) and to ready (init done), the
     * CPU it had used by then, the billed init, and why it failed (null if it did not).
     */
    public record Start(int slot, double startedMs, double readyMs, double jvmCpuMs, double cpuMs, double billedMs,
            JsonNode ready, String failure, boolean outOfMemory) {
        public boolean ok() {
            return failure == null;
        }
    }

    /**
     * One call: the child's result message (null if it failed), wall and CPU ms of the handler as the child measured
     * them, the billed duration, and the failure that took all its images (null if none).
     */
    public record Call(int slot, boolean cold, int images, double wallMs, double cpuMs, double billedMs, JsonNode result,
            String failure, boolean outOfMemory) {
        public boolean ok() {
            return failure == null;
        }
    }

    /** What a run did; {@code peakMb} is the largest cgroup (or, emulated, RSS) peak of its instances. */
    public record Run(Limits limits, String limitsDetail, FunctionSize size, List<Start> starts, List<Call> calls,
            long peakMb) {
    }

    private final FunctionSize size;
    private final VssSettings settings;
    private final int instances;
    private final Duration timeout;
    private final Duration initTimeout;
    private final Cgroups cgroups;
    private final String limitsDetail;

    /**
     * @param cgroups     a usable hierarchy, or null for emulated limits
     * @param why         what to say about the limits (the hierarchy used, or why none could be)
     */
    public LocalFaas(FunctionSize size, VssSettings settings, int instances, Duration timeout, Duration initTimeout,
            Cgroups cgroups, String why) {
        this.size = Objects.requireNonNull(size, "size");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (instances < 1) {
            throw new IllegalArgumentException("instances: " + instances + " must be >= 1");
        }
        this.instances = instances;
        this.timeout = timeout;
        this.initTimeout = initTimeout;
        this.cgroups = cgroups;
        this.limitsDetail = cgroups != null ? cgroups.describe() : why;
    }

    /**
     * A local FaaS under the limits a run asks for ({@link Cgroups#detect(String)}: auto, cgroup or emulated).
     *
     * @throws IllegalArgumentException for an unknown mode
     * @throws IllegalStateException    for {@code cgroup} when no cgroup can be made here
     */
    public static LocalFaas withLimits(FunctionSize size, VssSettings settings, int instances, Duration timeout,
            Duration initTimeout, String mode) {
        Cgroups.Detection d = Cgroups.detect(mode);
        return new LocalFaas(size, settings, instances, timeout, initTimeout, d.cgroups(), d.usable() ? null
                : "no writable cgroup (" + d.reason() + "): CPU share emulated, memory measured only");
    }

    public Limits limits() {
        return cgroups != null ? Limits.CGROUP : Limits.EMULATED;
    }

    /** Replays the events; {@code step} is called after each event (progress). */
    public Run run(List<Event> events, Runnable step) throws IOException {
        return run(events, step, false);
    }

    /**
     * Replays the events; with {@code stopAtFailure} the events after the first failed one are not run (each is
     * recorded failed at once): a probe that ran out of memory has its answer, and each retry would be another slow
     * cold start under a small share.
     */
    public Run run(List<Event> events, Runnable step, boolean stopAtFailure) throws IOException {
        Path tmp = Files.createTempDirectory("vss-run-local");
        List<Start> starts = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        FunctionProcess[] slot = new FunctionProcess[instances];
        Start[] broken = new Start[instances];
        int[] generation = new int[instances];
        long peak = 0;
        try {
            String stopped = null;
            for (int e = 0; e < events.size(); e++) {
                Event ev = events.get(e);
                int k = e % instances;
                if (stopped != null) {
                    calls.add(new Call(k, false, ev.images(), 0, 0, 0, null, "not run: an earlier event failed ("
                            + stopped + ")", false));
                    step.run();
                    continue;
                }
                if (stopAtFailure && !calls.isEmpty() && !calls.get(calls.size() - 1).ok()) {
                    stopped = calls.get(calls.size() - 1).failure();
                    e--; // record this event as not run
                    continue;
                }
                if (broken[k] != null) {
                    calls.add(new Call(k, false, ev.images(), 0, 0, 0, null, "instance could not start: "
                            + broken[k].failure(), broken[k].outOfMemory()));
                    step.run();
                    continue;
                }
                boolean cold = slot[k] == null;
                if (cold) {
                    Path box = tmp.resolve("instance-" + k + "-" + generation[k]++);
                    try {
                        slot[k] = FunctionProcess.start(new FunctionProcess.Spec(size, settings, box, initTimeout), cgroups);
                        FunctionProcess.Ready r = slot[k].ready();
                        starts.add(new Start(k, r.startedMs(), r.readyMs(), r.jvmCpuMs(), r.cpuMs(),
                                billed(r.readyMs(), r.cpuMs()), r.message(), null, false));
                    } catch (InstanceException x) {
                        peak = Math.max(peak, x.peakMb());
                        broken[k] = new Start(k, -1, -1, 0, 0, 0, null, x.getMessage(), x.outOfMemory());
                        starts.add(broken[k]);
                        calls.add(new Call(k, true, ev.images(), 0, 0, 0, null, x.getMessage(), x.outOfMemory()));
                        step.run();
                        continue;
                    }
                }
                FunctionProcess p = slot[k];
                try {
                    JsonNode r = p.invoke(ev.json(), timeout);
                    if (r.has("error")) {
                        calls.add(new Call(k, cold, ev.images(), 0, 0, 0, null, "invocation failed: "
                                + r.path("error").asText(), false));
                        step.run();
                        continue;
                    }
                    double wall = r.path("wall_ms").asDouble();
                    double cpu = r.path("cpu_ms").asDouble();
                    calls.add(new Call(k, cold, ev.images(), wall, cpu, billed(wall, cpu), r, null, false));
                    peak = Math.max(peak, cgroups == null ? r.path("peak_rss_mb").asLong() : Math.max(0,
                            p.cgroup().peakMb()));
                } catch (InstanceException x) {
                    calls.add(new Call(k, cold, ev.images(), 0, 0, 0, null, x.getMessage(), x.outOfMemory()));
                    peak = Math.max(peak, p.cgroup() == null ? x.peakMb() : p.cgroup().peakMb());
                    p.close();
                    slot[k] = null; // the next event on this slot starts a new instance
                }
                step.run();
            }
            for (FunctionProcess p : slot) {
                if (p != null && p.cgroup() != null) {
                    peak = Math.max(peak, p.cgroup().peakMb());
                }
            }
        } finally {
            for (FunctionProcess p : slot) {
                if (p != null) {
                    p.close();
                }
            }
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
        return new Run(limits(), limitsDetail, size, starts, calls, peak);
    }

    /** Billed duration of a phase: measured wall under cgroup limits; max(wall, CPU / vCPU) when emulated. */
    double billed(double wallMs, double cpuMs) {
        return cgroups != null ? wallMs : Math.max(wallMs, cpuMs / size.vcpu());
    }
}
