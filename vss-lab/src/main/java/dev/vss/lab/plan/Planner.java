// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.plan;

import dev.vss.bl.VssSettings;
import dev.vss.lab.cost.CostModel;
import dev.vss.lab.cost.Offering;
import dev.vss.lab.cost.PriceTables;
import dev.vss.lab.faas.Cgroups;
import dev.vss.lab.faas.FunctionSize;
import dev.vss.lab.faas.LocalFaas;
import dev.vss.bl.runtime.InitStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code vss plan}'s engine. A sweep of every memory size x batch x precision x init scope x provider cannot all be
 * run under real limits here (a 128 MB function gets 0.07 vCPU), so the plan:
 * <ol>
 * <li>reads the CPU's capabilities and, for each precision that runs here, measures every phase without a CPU limit
 *     at one and at all cores (calibration, {@link Profile}); the precision with the least CPU per image is chosen;
 * <li>probes the smallest memory that runs the pipeline, under real limits (memory and CPU share of that size);
 * <li>runs a subset of sizes and batches under real limits (the measured rows), which also checks the derivation;
 * <li>derives every other row from the calibration and its vCPU share ({@link Derivation}); shares above this
 *     machine's cores are extrapolated;
 * <li>prices every row with each offering's rules ({@link CostModel}) and recommends the cheapest that meets the
 *     latency objective.
 * </ol>
 * Not thread-safe; one plan per instance.
 */
public final class Planner {
    /** The memory sizes of the sweep, MB. */
    public static final List<Integer> SWEEP = List.of(128, 256, 320, 512, 704, 1024, 1536, 1769, 2048, 3008, 4096,
            10240);
    public static final List<Integer> BATCHES = List.of(1, 5, 10);
    /** Offerings priced, today's first; the paper's 2020 rules for comparison. */
    public static final List<String> OFFERINGS = List.of("aws-lambda-x86_64", "aws-lambda-arm64", "azure-functions-flex",
            "gcp-cloud-run-functions", "aws-lambda-x86_64-paper-2020");
    static final String PAPER = "aws-lambda-x86_64-paper-2020";
    /** Images each memory probe runs, one per request. */
    static final int PROBE_IMAGES = 4;
    /** This machine's architecture as the price tables name it. */
    static final String ARCH = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> "x86_64";
        case "aarch64", "arm64" -> "arm64";
        default -> System.getProperty("os.arch");
    };

    /**
     * @param monthlyImages       images a month (the free tier, when on, is taken off a month of this volume)
     * @param latencySloMs        the longest warm request the recommendation may have, or null
     * @param quick               fewer images, sizes and local-scope runs (about a quarter of the time)
     * @param precision           a precision to use instead of the measured fastest, or null
     * @param requestsPerInstance requests an instance serves before it is replaced (cold starts = requests / this)
     * @param costTolerance       the recommendation is the fastest row costing at most (1 + this) x the cheapest
     * @param limitsMode          auto, cgroup or emulated
     * @param sample              the images the measurements run on
     * @param eventJson           makes the event of a batch (as the CLI's run-local does)
     */
    public record Options(long monthlyImages, Double latencySloMs, boolean quick, String precision, boolean freeTier,
            int requestsPerInstance, double costTolerance, String limitsMode, List<String> sample,
            Function<List<String>, String> eventJson, VssSettings settings, PriceTables prices) {
        public Options {
            Objects.requireNonNull(sample, "sample");
            if (sample.isEmpty()) {
                throw new IllegalArgumentException("plan: no images to measure with");
            }
            if (monthlyImages < 1 || requestsPerInstance < 1 || costTolerance < 0) {
                throw new IllegalArgumentException("plan: --images and --requests-per-instance must be >= 1");
            }
        }
    }

    /** A measured point: a size run under real limits. */
    record Measured(int memoryMb, int batch, String init, double requestMs, double initMs, double coldStartMs,
            long peakMb, int failed, String failure, double shareObtained, boolean contended) {
    }

    /**
     * A measured run counts as contended (this busy machine did not give the instance its share, so the run says
     * nothing about the size) when it obtained less than this fraction of min(vCPU, 1) as CPU time per wall time.
     */
    static final double CONTENDED_BELOW = 0.8;

    /** The plan: everything plan.json holds. */
    public record Plan(Map<String, Object> meta, PrecisionChoice precision, List<Profile> profiles,
            List<Map<String, Object>> probes, int minMemoryMb, List<Map<String, Object>> validation,
            List<PlanRow> rows, PlanRow recommended, Map<String, PlanRow> recommendedByOffering, double managedUsdPer10k) {
    }

    /** Something to show progress on. */
    public interface Progress {
        void step();

        void addMax(long n);

        void message(String text);
    }

    private final Options o;
    private final Progress progress;
    private final Consumer<String> log;
    private final int cores = FunctionSize.machineCores();
    private Cgroups cgroups;
    private String limitsDetail;

    public Planner(Options options, Progress progress, Consumer<String> log) {
        this.o = options;
        this.progress = progress;
        this.log = log;
    }

    public Plan run() throws IOException {
        long t0 = System.nanoTime();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("date", Instant.now().toString());
        meta.put("load_average_before", loadAverage());
        Cgroups.Detection d = Cgroups.detect(o.limitsMode());
        cgroups = d.cgroups();
        limitsDetail = d.usable() ? cgroups.describe() : "emulated: " + d.reason();
        Capabilities caps = Capabilities.read();
        List<String> candidates = caps.candidates();
        List<Integer> threadSet = cores > 1 ? List.of(1, cores) : List.of(1);
        List<String> sample = o.quick() ? o.sample().subList(0, Math.min(8, o.sample().size())) : o.sample();
        List<Integer> validationSizes = o.quick() ? List.of(704, 1769, 3008)
                : List.of(512, 704, 1024, 1536, 1769, 2048, 3008);
        List<Integer> validationBatches = o.quick() ? List.of(1) : BATCHES;
        List<Integer> localSizes = o.quick() ? List.of(1769) : List.of(704, 1769);
        int localCalls = o.quick() ? 3 : 4;
        // the progress bar counts events; probes add theirs as they go
        long events = (long) candidates.size() * threadSet.size() * calibrationEvents(sample.size())
                + (long) (o.quick() ? 1 : candidates.size()) * threadSet.size() * localCalls
                + validationSizes.size() * validationBatches.stream().mapToLong(b -> (sample.size() + b - 1) / b).sum()
                + (long) localSizes.size() * localCalls + 3L * PROBE_IMAGES;
        progress.addMax(events);

        // 1. calibration: every precision, global scope, 1 and all threads, no CPU limit
        Map<String, Map<Integer, LocalFaas.Run>> global = new LinkedHashMap<>();
        Map<String, Double> cpuPerImage = new LinkedHashMap<>();
        List<Integer> batchesOfEvents = new ArrayList<>();
        List<LocalFaas.Event> calEvents = calibrationEvents(sample, batchesOfEvents);
        for (String p : candidates) {
            for (int t : threadSet) {
                progress.message("calibrate " + p + " " + t + "T");
                LocalFaas.Run run = unlimited(p, t, InitStrategy.GLOBAL).run(calEvents, progress::step);
                global.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(t, run);
            }
            Profile one = Profile.of(p, 1, global.get(p).get(1), batchesOfEvents, null);
            cpuPerImage.put(p, one.cpuMsPerImage());
        }
        PrecisionChoice choice = PrecisionChoice.choose(caps, cpuPerImage, o.precision());
        log.accept(json(choice.toMap()));

        // local scope: init inside each call
        Map<String, Derivation> derivations = new LinkedHashMap<>();
        List<Profile> profiles = new ArrayList<>();
        List<LocalFaas.Event> localEvents = new ArrayList<>();
        for (int i = 0; i < localCalls; i++) {
            String img = sample.get(i % sample.size());
            localEvents.add(new LocalFaas.Event(o.eventJson().apply(List.of(img)), 1));
        }
        for (String p : candidates) {
            Map<Integer, Profile> byThreads = new LinkedHashMap<>();
            for (int t : threadSet) {
                LocalFaas.Run local = null;
                if (!o.quick() || p.equals(choice.chosen())) {
                    progress.message("calibrate " + p + " " + t + "T local");
                    local = unlimited(p, t, InitStrategy.LOCAL).run(localEvents, progress::step);
                }
                Profile prof = Profile.of(p, t, global.get(p).get(t), batchesOfEvents, local);
                byThreads.put(t, prof);
                profiles.add(prof);
            }
            derivations.put(p, new Derivation(byThreads.get(1), byThreads.get(threadSet.get(threadSet.size() - 1)),
                    cores));
        }
        Derivation chosen = derivations.get(choice.chosen());

        // 2. the smallest memory that runs the pipeline, under real limits
        List<Map<String, Object>> probes = new ArrayList<>();
        int minOk = probeMinimum(choice.chosen(), sample, probes);

        // 3. measured points under real limits
        List<Measured> measured = new ArrayList<>();
        List<Map<String, Object>> validation = new ArrayList<>();
        for (int m : validationSizes) {
            if (m < minOk) {
                continue;
            }
            for (int b : validationBatches) {
                progress.message("measure " + m + " MB b" + b);
                Measured x = measure(m, b, InitStrategy.GLOBAL, choice.chosen(), sample);
                measured.add(x);
                validation.add(check(x, chosen));
            }
        }
        for (int m : localSizes) {
            if (m < minOk) {
                continue;
            }
            progress.message("measure " + m + " MB local");
            Measured x = measure(m, 1, InitStrategy.LOCAL, choice.chosen(), sample.subList(0, Math.min(localCalls,
                    sample.size())));
            measured.add(x);
            validation.add(check(x, chosen));
        }

        // 4. + 5. every row, derived where not measured, priced
        List<PlanRow> rows = new ArrayList<>();
        for (String id : OFFERINGS) {
            Offering off = o.prices().offering(id);
            // discrete instance sizes (Azure Flex) are rows of their own; a sweep size would only round up to one
            for (int m : off.sizesMb().isEmpty() ? SWEEP : off.sizesMb()) {
                int billed = off.billedMemoryMb(m);
                if (billed < 0) {
                    continue;
                }
                for (int b : BATCHES) {
                    for (String p : candidates) {
                        for (InitStrategy init : List.of(InitStrategy.GLOBAL, InitStrategy.LOCAL)) {
                            rows.add(row(off, m, billed, b, p, init, derivations.get(p), choice.chosen(), minOk,
                                    probes, measured));
                        }
                    }
                }
            }
        }
        PlanRow best = recommend(rows, choice.chosen(), null);
        Map<String, PlanRow> byOffering = new LinkedHashMap<>();
        for (String id : OFFERINGS) {
            PlanRow r = recommend(rows, choice.chosen(), id);
            if (r != null) {
                byOffering.put(id, r);
            }
        }
        meta.put("load_average_after", loadAverage());
        meta.put("duration_s", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        meta.put("machine", Map.of("cpu", caps.cpuModel(), "cores", cores));
        meta.put("limits", cgroups != null ? "cgroup" : "emulated");
        meta.put("limits_detail", limitsDetail);
        meta.put("quick", o.quick());
        meta.put("sample_images", sample.size());
        meta.put("monthly_images", o.monthlyImages());
        meta.put("latency_slo_ms", o.latencySloMs());
        meta.put("free_tier", o.freeTier());
        meta.put("requests_per_instance", o.requestsPerInstance());
        meta.put("cost_tolerance", o.costTolerance());
        meta.put("architecture", ARCH);
        return new Plan(meta, choice, profiles, probes, minOk, validation, rows, best, byOffering,
                CostModel.managedUsd(o.prices(), 10_000));
    }

    private static long calibrationEvents(int n) {
        return BATCHES.stream().mapToLong(b -> (n + b - 1) / b).sum();
    }

    /** The sample at batch 1, then 5, then 10, in one warm instance; {@code batches} gets each event's batch. */
    private List<LocalFaas.Event> calibrationEvents(List<String> sample, List<Integer> batches) {
        List<LocalFaas.Event> ev = new ArrayList<>();
        for (int b : BATCHES) {
            for (int i = 0; i < sample.size(); i += b) {
                List<String> part = sample.subList(i, Math.min(sample.size(), i + b));
                ev.add(new LocalFaas.Event(o.eventJson().apply(part), part.size()));
                batches.add(b);
            }
        }
        return ev;
    }

    /** An instance with every core and ample memory: the calibration's "no limit". */
    private LocalFaas unlimited(String precision, int threads, InitStrategy init) {
        FunctionSize size = new FunctionSize(4096, cores, threads, cores);
        return new LocalFaas(size, settings(precision, init), 1, Duration.ofMinutes(10), Duration.ofMinutes(10), cgroups,
                limitsDetail);
    }

    private VssSettings settings(String precision, InitStrategy init) {
        return o.settings().toBuilder().optPrecision(precision).optInit(init).optPrime(true).build();
    }

    /** Lambda's limits for a memory size (real cgroup limits when available). */
    private LocalFaas limited(int memoryMb, String precision, InitStrategy init) {
        FunctionSize size = FunctionSize.lambda(memoryMb, cores, 0);
        // a slow start under a small share must not be cut short: 0.07 vCPU stretches init ~25x
        return new LocalFaas(size, settings(precision, init), 1, Duration.ofMinutes(15), Duration.ofMinutes(10), cgroups,
                limitsDetail);
    }

    /**
     * The smallest memory that runs the pipeline, under real limits (memory and CPU share of each size): four images,
     * one per request, at 320 MB first, then down while they run (256, 128) or up while they do not (384, 448, 512,
     * then doubling); the default run then halves the gap between the largest failing and the smallest working size
     * down to 64 MB.
     */
    private int probeMinimum(String precision, List<String> sample, List<Map<String, Object>> probes) throws IOException {
        List<LocalFaas.Event> ev = new ArrayList<>();
        for (String img : sample.subList(0, Math.min(PROBE_IMAGES, sample.size()))) {
            ev.add(new LocalFaas.Event(o.eventJson().apply(List.of(img)), 1));
        }
        int size = 320;
        int lo = -1;
        int hi = -1;
        for (int step = 0; step < 12; step++) {
            progress.message("probe " + size + " MB");
            if (step >= 3) {
                progress.addMax(ev.size());
            }
            LocalFaas.Run r = limited(size, precision, InitStrategy.GLOBAL).run(ev, progress::step, true);
            LocalFaas.Call bad = r.calls().stream().filter(c -> !c.ok() || !c.result().path("failures").isEmpty())
                    .findFirst().orElse(null);
            boolean ok = bad == null;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("memory_mb", size);
            p.put("vcpu", PlanRow.r(FunctionSize.lambda(size, cores, 0).vcpu(), 3));
            p.put("images", ev.size());
            p.put("ok", ok);
            p.put("message", ok ? null : bad.failure() != null ? bad.failure() : bad.result().path("failures").toString());
            p.put("peak_memory_mb", r.peakMb());
            p.put("limits", r.limits().name().toLowerCase(java.util.Locale.ROOT));
            probes.add(p);
            if (ok) {
                hi = hi < 0 ? size : Math.min(hi, size);
            } else {
                lo = Math.max(lo, size);
            }
            if (hi < 0) {
                size = size < 512 ? size + 64 : size * 2; // nothing ran yet: go up
                if (size > 10240) {
                    break;
                }
            } else if (lo < 0) {
                if (hi <= 128) {
                    break;
                }
                size = hi > 256 ? 256 : 128; // everything ran so far: go down
            } else if (o.quick() || hi - lo <= 64) {
                break;
            } else {
                size = (lo + hi) / 2 / 64 * 64; // halve the gap, on 64 MB steps
                if (size <= lo) {
                    break;
                }
            }
        }
        if (hi < 0) {
            throw new IllegalStateException("plan: the pipeline did not run at any size up to 10,240 MB: "
                    + probes.get(probes.size() - 1).get("message"));
        }
        return hi;
    }

    private Measured measure(int memoryMb, int batch, InitStrategy init, String precision, List<String> sample)
            throws IOException {
        List<LocalFaas.Event> ev = new ArrayList<>();
        for (int i = 0; i < sample.size(); i += batch) {
            List<String> part = sample.subList(i, Math.min(sample.size(), i + batch));
            ev.add(new LocalFaas.Event(o.eventJson().apply(part), part.size()));
        }
        LocalFaas.Run run = limited(memoryMb, precision, init).run(ev, progress::step);
        LocalFaas.Start s = run.starts().get(0);
        int failed = 0;
        String failure = null;
        double warmWall = 0;
        int warmImages = 0;
        double first = Double.NaN;
        for (LocalFaas.Call c : run.calls()) {
            if (!c.ok()) {
                failed += c.images();
                failure = failure == null ? c.failure() : failure;
                continue;
            }
            if (c.cold()) {
                first = c.wallMs();
            } else {
                warmWall += c.wallMs();
                warmImages += c.images();
            }
        }
        double request = warmImages == 0 ? first : warmWall / warmImages * batch;
        // the CPU share the instance obtained over its whole life: start-up and every call
        double cpu = s.ok() ? s.cpuMs() : 0;
        double wall = s.ok() ? s.readyMs() : 0;
        for (LocalFaas.Call c : run.calls()) {
            cpu += c.cpuMs();
            wall += c.wallMs();
        }
        double share = wall > 0 ? cpu / wall : 0;
        double v = run.size().vcpu();
        boolean contended = run.limits() == LocalFaas.Limits.CGROUP && share < CONTENDED_BELOW * Math.min(v, 1.0);
        return new Measured(memoryMb, batch, init.name().toLowerCase(java.util.Locale.ROOT), request,
                s.ok() ? s.readyMs() : Double.NaN, s.ok() ? s.readyMs() + first : Double.NaN, run.peakMb(), failed,
                failure, share, contended);
    }

    /** A measured point next to its derivation. */
    private Map<String, Object> check(Measured x, Derivation d) {
        double v = FunctionSize.lambda(x.memoryMb(), cores, 0).vcpu();
        boolean local = x.init().equals("local");
        double req = local ? d.localInitMs(v) + d.requestMs(v, x.batch()) : d.requestMs(v, x.batch());
        double init = local ? d.jvmMs(v) + d.at(p -> p.init().getOrDefault("handler_setup", Profile.Phase.ZERO), v)
                : d.initMs(v);
        double cold = init + (local ? d.localInitFirstMs(v) : 0) + d.requestMs(v, x.batch()) + d.firstExtraMs(v);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("memory_mb", x.memoryMb());
        m.put("vcpu", PlanRow.r(v, 3));
        m.put("batch", x.batch());
        m.put("init", x.init());
        m.put("measured_request_ms", PlanRow.r(x.requestMs(), 1));
        m.put("derived_request_ms", PlanRow.r(req, 1));
        m.put("request_error_pct", PlanRow.r(100 * (req - x.requestMs()) / x.requestMs(), 1));
        m.put("measured_cold_start_ms", PlanRow.r(x.coldStartMs(), 1));
        m.put("derived_cold_start_ms", PlanRow.r(cold, 1));
        m.put("cold_start_error_pct", PlanRow.r(100 * (cold - x.coldStartMs()) / x.coldStartMs(), 1));
        m.put("cpu_share_obtained", PlanRow.r(x.shareObtained(), 3));
        m.put("contended", x.contended());
        m.put("peak_memory_mb", x.peakMb());
        m.put("failed_images", x.failed());
        m.put("failure", x.failure());
        return m;
    }

    private PlanRow row(Offering off, int memoryMb, int billed, int batch, String precision, InitStrategy init,
            Derivation d, String chosen, int minOk, List<Map<String, Object>> probes, List<Measured> measured) {
        double v = off.vcpu(billed);
        int threads = Derivation.threads(v);
        String initName = init.name().toLowerCase(java.util.Locale.ROOT);
        long requests = CostModel.Workload.requests(10_000, batch);
        if (billed < minOk) {
            boolean probed = probes.stream().anyMatch(p -> ((Integer) p.get("memory_mb")) == billed
                    && !(Boolean) p.get("ok"));
            String basis = probed && precision.equals(chosen) && init == InitStrategy.GLOBAL ? "measured" : "derived";
            return new PlanRow(off.id(), off.provider(), off.architecture(), memoryMb, billed, v, threads, batch,
                    precision, initName, basis, "out_of_memory", Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, requests, 0, Double.NaN, "below the smallest memory that ran the pipeline ("
                            + minOk + " MB)");
        }
        boolean lambdaShare = off.id().startsWith("aws-lambda");
        Measured meas = !lambdaShare || !precision.equals(chosen) ? null : measured.stream()
                .filter(x -> x.memoryMb() == billed && x.batch() == batch && x.init().equals(initName) && x.failed() == 0
                        && !x.contended())
                .findFirst().orElse(null);
        boolean extrapolated = d.extrapolated(v);
        String basis = meas != null ? "measured" : extrapolated ? "extrapolated" : "derived";
        long cold = (requests + o.requestsPerInstance() - 1) / o.requestsPerInstance();
        double request = d.requestMs(v, batch);
        double extra = d.firstExtraMs(v);
        double initMs;
        double perCall;
        double coldStart;
        double firstCallExtra;
        if (init == InitStrategy.GLOBAL) {
            initMs = d.initMs(v);
            perCall = request;
            firstCallExtra = extra;
            coldStart = initMs + request + extra;
            if (meas != null) {
                perCall = meas.requestMs();
                initMs = meas.initMs();
                coldStart = meas.coldStartMs();
                firstCallExtra = Math.max(0, coldStart - initMs - perCall);
            }
        } else {
            double setup = d.at(p -> p.init().getOrDefault("handler_setup", Profile.Phase.ZERO), v);
            initMs = d.jvmMs(v) + setup;
            perCall = d.localInitMs(v) + request;
            firstCallExtra = d.localInitFirstMs(v) - d.localInitMs(v) + extra;
            coldStart = initMs + d.localInitFirstMs(v) + request + extra;
            if (meas != null) {
                perCall = meas.requestMs();
                initMs = meas.initMs();
                coldStart = meas.coldStartMs();
                firstCallExtra = Math.max(0, coldStart - initMs - perCall);
            }
        }
        // the first call of each instance is longer by firstCallExtra: spread over the month's requests
        double handlerAvg = perCall + firstCallExtra * cold / requests;
        double seconds = (requests * handlerAvg + cold * initMs) / 1000.0;
        double usd;
        double gbs;
        if (o.freeTier()) {
            long monthlyRequests = CostModel.Workload.requests(o.monthlyImages(), batch);
            long monthlyCold = (monthlyRequests + o.requestsPerInstance() - 1) / o.requestsPerInstance();
            CostModel.Bill bill = CostModel.bill(off, new CostModel.Workload(billed, monthlyRequests, handlerAvg,
                    monthlyCold, initMs, true));
            usd = bill.usd() * 10_000.0 / o.monthlyImages();
            gbs = bill.gbSeconds() * 10_000.0 / o.monthlyImages();
        } else {
            CostModel.Bill bill = CostModel.bill(off, new CostModel.Workload(billed, requests, handlerAvg, cold, initMs,
                    false));
            usd = bill.usd();
            gbs = bill.gbSeconds();
        }
        List<String> notes = new ArrayList<>();
        if (off.architecture().equals("arm64")) {
            notes.add("timings are this machine's x86_64; Graviton's speed is not measured");
        }
        if (extrapolated) {
            notes.add(String.format(java.util.Locale.ROOT, "%.2f vCPU exceed this machine's %d cores", v, cores));
        }
        if (!precision.equals(chosen) || init == InitStrategy.LOCAL) {
            notes.add("memory fit taken from the " + chosen + " global-scope probes");
        }
        if (billed != memoryMb) {
            notes.add("billed as the " + billed + " MB instance size");
        }
        if (off.id().equals(PAPER)) {
            notes.add("the paper's 2020 rules: 100 ms rounding, init not billed");
        }
        return new PlanRow(off.id(), off.provider(), off.architecture(), memoryMb, billed, v, threads, batch, precision,
                initName, basis, "ok", usd, seconds, coldStart, initMs, perCall, requests, cold, gbs,
                String.join("; ", notes));
    }

    /**
     * The recommendation among working rows at the chosen precision, within the latency SLO, on this machine's
     * architecture (the only one whose timings were measured): of the rows within {@code costTolerance} of the
     * cheapest, the fastest (cost is nearly flat in memory below one vCPU, time is not).
     */
    private PlanRow recommend(List<PlanRow> rows, String precision, String offering) {
        List<PlanRow> c = rows.stream().filter(PlanRow::ok).filter(r -> r.precision().equals(precision))
                .filter(r -> offering != null ? r.offering().equals(offering)
                        : !r.offering().equals(PAPER) && r.architecture().equals(ARCH))
                .filter(r -> o.latencySloMs() == null || r.latencyMs() <= o.latencySloMs()).toList();
        double min = c.stream().mapToDouble(PlanRow::usdPer10kImages).min().orElse(Double.NaN);
        return c.stream().filter(r -> r.usdPer10kImages() <= min * (1 + o.costTolerance()))
                .min(Comparator.comparingDouble(PlanRow::secondsPer10kImages)
                        .thenComparingDouble(PlanRow::usdPer10kImages))
                .orElse(null);
    }

    static List<Double> loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static String json(Object o) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
