package dev.vss.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vss.bl.HandlerResponse;
import dev.vss.bl.ImageResult;
import dev.vss.bl.InitStrategy;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.models.ModelRepository;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vss run-local}: replays a folder as a stream of storage events through function instances that start
 * cold and stay warm, with the CPU share a provider gives for the memory size, and bills them.
 *
 * <p>CPU emulation (Lambda: 1 vCPU per 1,769 MB): inference threads = ceil(vCPU) (at most the machine's cores), and
 * each phase's billed duration = max(wall time, process CPU time / vCPU), i.e. a phase that burns 100 ms of CPU
 * takes at least 200 ms at 0.5 vCPU. Memory is reported (peak RSS) but not enforced.
 */
@Command(name = "run-local", mixinStandardHelpOptions = true,
        description = "Replay a folder of images as storage events through emulated function instances and print "
                + "images/s, cold starts, init and per-stage times and billed GB-s.")
final class RunLocalCommand implements Callable<Integer> {
    /** Lambda gives one full vCPU at this memory size. */
    static final double MB_PER_VCPU = 1769;
    /** Lambda x86 on-demand price per GB-s and per request (us-east-1). */
    static final double USD_PER_GB_S = 0.0000166667;
    static final double USD_PER_REQUEST = 0.20 / 1_000_000;

    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptions runtime;

    @Option(names = "--memory", defaultValue = "2048", description = "Function memory, MB (default ${DEFAULT-VALUE}).")
    int memory;

    @Option(names = "--batch", defaultValue = "1", description = "Images per event (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--init", defaultValue = "global", description = "global, local or lazy (default ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--instances", defaultValue = "1", description = "Instances the events are spread over.")
    int instances;

    @Option(names = "--no-prime", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run one priming inference per model at init (default on).")
    boolean prime;

    @Option(names = "--model-source", description = "Folder acting as the deployment bucket that instances fetch "
            + "models from into their own temp dir (default: the models folder).")
    Path modelSource;

    @Option(names = "--gallery", description = "Gallery folder or storage prefix the instances match faces against.")
    String gallery;

    @Mixin
    GalleryCommand.KeyOptions keys;

    @Option(names = "--results", paramLabel = "LOCATION", description = "Folder or storage prefix the instances "
            + "write each result to, as deployed functions do (default: results are not stored).")
    String results;

    @Option(names = "--limit", description = "Use only the first N images.")
    Integer limit;

    @Option(names = "--repeat", defaultValue = "1", description = "Replay the source this many times (more events).")
    int repeat;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Parameters(paramLabel = "SOURCE", description = "Folder(s) or files of images, or one storage prefix "
            + "(s3://bucket/prefix/, az://account/container/prefix/, gs://bucket/prefix/).")
    List<String> source;

    @Override
    public Integer call() throws Exception {
        InitStrategy strategy = InitStrategy.parse(init);
        if (memory < 128 || batch < 1 || instances < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--memory >= 128, --batch >= 1, --instances >= 1");
        }
        List<String> files = Sources.images(source);
        if (limit != null) {
            files = files.subList(0, Math.min(limit, files.size()));
        }
        List<String> replay = new ArrayList<>();
        for (int i = 0; i < Math.max(1, repeat); i++) {
            replay.addAll(files);
        }
        files = replay;
        double vcpu = Math.min(6, memory / MB_PER_VCPU);
        int threads = runtime.threads != null && runtime.threads > 0 ? runtime.threads
                : (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), Math.ceil(vcpu)));
        VssSettings base = runtime.settings().build();
        Path models = modelSource != null ? modelSource
                : base.modelsDir() != null ? base.modelsDir() : ModelRepository.fromEnvironment().dir();
        // each batch becomes one storage event (an S3 notification for s3:// sources, else a direct invocation),
        // handled by each instance's VssHandler exactly as an adapter hands it over
        List<String> events = new ArrayList<>();
        for (int i = 0; i < files.size(); i += batch) {
            events.add(Sources.eventJson(files.subList(i, Math.min(files.size(), i + batch))));
        }
        Path tmp = Files.createTempDirectory("vss-run-local");
        List<Double> inits = new ArrayList<>();
        Map<String, double[]> phases = new LinkedHashMap<>();
        double handlerMs = 0;
        Map<String, double[]> stages = new LinkedHashMap<>();
        long billedMs = 0;
        double busyMs = 0;
        int failed = 0;
        int images = 0;
        int cold = 0;
        long peakRss = 0;
        VssHandler[] inst = new VssHandler[instances];
        double[] instInit = new double[instances];
        try (ProgressBar bar = Progress.bar("run-local", events.size())) {
            for (int e = 0; e < events.size(); e++) {
                int k = e % instances;
                if (inst[k] == null) {
                    // a new container: empty /tmp, models fetched from the deployment store, cold caches
                    Path box = Files.createDirectories(tmp.resolve("instance-" + k));
                    VssSettings.Builder sb = base.toBuilder().optThreads(threads).optInit(strategy).optPrime(prime)
                            .optModelsUri(models.toAbsolutePath().toUri()).optModelsTmp(box.resolve("models"));
                    if (gallery != null) {
                        sb.optGallery(VssSettings.location(gallery));
                    }
                    if (results != null) {
                        sb.optResults(VssSettings.location(results));
                    }
                    keys.apply(sb);
                    long c0 = cpuNanos();
                    long w0 = System.nanoTime();
                    inst[k] = VssHandler.builder(sb.build()).build();
                    instInit[k] = emulated((System.nanoTime() - w0) / 1e6, (cpuNanos() - c0) / 1e6, vcpu);
                    if (inst[k].instance().instanceInit() != null) {
                        addPhases(phases, inst[k].instance().instanceInit().toMap());
                    }
                }
                long c0 = cpuNanos();
                long w0 = System.nanoTime();
                HandlerResponse inv = inst[k].handle(events.get(e));
                double dur = emulated((System.nanoTime() - w0) / 1e6, (cpuNanos() - c0) / 1e6, vcpu);
                if (inv.init() != null) {
                    addPhases(phases, inv.init().toMap());
                }
                // the handler's share of this invocation under the CPU-share emulation
                handlerMs += inv.init() == null ? dur : Math.max(inv.handlerMs(), dur - inv.init().total());
                if (inv.coldStart()) {
                    cold++;
                    // init_ms reports wall time of the phases; billing below uses the CPU-share emulation
                    inits.add(strategy == InitStrategy.GLOBAL ? inst[k].instance().instanceInit().total() : inv.init().total());
                    if (strategy == InitStrategy.GLOBAL) {
                        dur += instInit[k]; // billed: the INIT phase is billed like the handler
                    }
                } else if (inv.init() != null) {
                    inits.add(inv.init().total()); // local scope pays init on every call
                }
                billedMs += (long) Math.ceil(dur);
                busyMs += dur;
                failed += inv.failures().size() - (int) inv.results().stream().filter(r -> !r.ok()).count();
                for (ImageResult r : inv.results()) {
                    images++;
                    if (!r.ok()) {
                        failed++;
                        continue;
                    }
                    stages.computeIfAbsent("decode", s -> new double[2])[0] += r.decodeMs();
                    stages.get("decode")[1]++;
                    r.analysis().timingsMs().forEach((s, v) -> {
                        double[] a = stages.computeIfAbsent(s, x -> new double[2]);
                        a[0] += v;
                        a[1]++;
                    });
                }
                peakRss = Math.max(peakRss, ModelBench.peakRssMb());
                bar.step();
            }
        } finally {
            for (VssHandler f : inst) {
                if (f != null) {
                    f.close();
                }
            }
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        double gbs = billedMs / 1000.0 * memory / 1024.0;
        Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("images", images);
        sum.put("failed", failed);
        sum.put("invocations", events.size());
        sum.put("cold_starts", cold);
        double[] in = inits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        sum.put("init_ms_p50", r(ModelBench.percentile(in, 50)));
        sum.put("init_ms_p99", r(ModelBench.percentile(in, 99)));
        sum.put("images_per_s", r(images / (busyMs / 1000.0)));
        sum.put("warm_images_per_s", r(images / (handlerMs / 1000.0)));
        sum.put("billed_gb_s", Math.round(gbs * 1000) / 1000.0);
        sum.put("cost_usd_per_1000_images", Math.round((gbs * USD_PER_GB_S + events.size() * USD_PER_REQUEST)
                / Math.max(1, images) * 1000 * 1e6) / 1e6);
        Map<String, Object> st = new LinkedHashMap<>();
        stages.forEach((s, a) -> st.put(s, r(a[0] / a[1])));
        sum.put("stage_ms_mean", st);
        Map<String, Object> ph = new LinkedHashMap<>();
        phases.forEach((s2, a) -> ph.put(s2, r(a[0] / a[1])));
        sum.put("init_phases_ms_mean", ph);
        sum.put("memory_mb", memory);
        sum.put("vcpu", r(vcpu));
        sum.put("threads", threads);
        sum.put("batch", batch);
        sum.put("init", strategy.name().toLowerCase());
        sum.put("instances", instances);
        sum.put("peak_rss_mb", peakRss);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(sum));
        } else {
            sum.forEach((k, v) -> out.printf("%-26s %s%n", k, v));
        }
        return failed == 0 ? 0 : 3;
    }

    private static void addPhases(Map<String, double[]> acc, Map<String, Double> p) {
        p.forEach((k, v) -> {
            double[] a = acc.computeIfAbsent(k, x -> new double[2]);
            a[0] += v;
            a[1]++;
        });
    }

    static double emulated(double wallMs, double cpuMs, double vcpu) {
        return Math.max(wallMs, cpuMs / vcpu);
    }

    static long cpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean s) {
            return s.getProcessCpuTime();
        }
        return 0;
    }

    private static double r(double v) {
        return Double.isNaN(v) ? 0 : Math.round(v * 100) / 100.0;
    }

}
