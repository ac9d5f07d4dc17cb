package dev.vss.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vss.dl.CompileOptions;
import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.dl.PerformanceHint;
import dev.vss.models.CatalogEntry;
import dev.vss.models.Format;
import dev.vss.models.ModelException;
import dev.vss.models.ModelRepository;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vss bench models}, {@code vss bench people} and {@code vss bench pipeline}. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Models.class, BenchCommand.People.class, PipelineBench.class})
final class BenchCommand {

    @Command(name = "people", mixinStandardHelpOptions = true,
            description = "Per-frame time of the people stage, by method, on the labelled vtest.avi frames (the "
                    + "held-out split 200-399 is never used): the methods run one after the other on each frame, "
                    + "round after round, so that a change of machine load hits them alike; p50 and mean per method "
                    + "and the ratio to the pose method (the pose stage before the people stage existed).")
    static final class People implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--methods", split = ",", description = "Methods to time (default: pose,hybrid,detector_pose,pose_scaled).")
        List<dev.vss.hla.people.PeopleMethod> methods = List.of(dev.vss.hla.people.PeopleMethod.POSE,
                dev.vss.hla.people.PeopleMethod.HYBRID, dev.vss.hla.people.PeopleMethod.DETECTOR_POSE,
                dev.vss.hla.people.PeopleMethod.POSE_SCALED);

        @Option(names = "--rounds", defaultValue = "10", description = "Passes over the frames (default ${DEFAULT-VALUE}; the first is warm-up).")
        int rounds;

        @Option(names = "--threads", defaultValue = "2", description = "Inference threads (default ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--precision", description = "FP32, FP16 or FP16-INT8 where a model has it.")
        String precision;

        @Option(names = "--frames-dir", description = "Where extracted frames are kept (default: <tmp>/vss-vtest-frames).")
        Path framesDir;

        @Option(names = "--json", description = "One JSON object per method.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (rounds < 2) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rounds must be >= 2");
            }
            var labels = dev.vss.hla.eval.PeopleLabels.vtest();
            Path dir = framesDir != null ? framesDir : Path.of(System.getProperty("java.io.tmpdir"), "vss-vtest-frames");
            var files = dev.vss.hla.eval.VtestFrames.extract(dev.vss.hla.eval.VtestFrames.video(), labels.frames(),
                    dir, false);
            List<dev.vss.dl.image.Image> frames = new ArrayList<>();
            for (Path f : files.values()) {
                frames.add(dev.vss.dl.image.Images.read(f));
            }
            PrintWriter out = spec.commandLine().getOut();
            List<dev.vss.hla.people.PeopleFinder> finders = new ArrayList<>();
            try (Engine engine = Engine.newInstance("openvino")) {
                var ctx = new dev.vss.hla.ModelContext(engine, ModelRepository.fromEnvironment(),
                        CompileOptions.builder().optThreads(threads).optStreams(1).build());
                try {
                    for (var m : methods) {
                        finders.add(dev.vss.hla.people.PeopleFinder.builder(ctx).optMethod(m).optPrecision(precision)
                                .build());
                    }
                    List<List<Double>> times = new ArrayList<>();
                    List<Integer> people = new ArrayList<>();
                    for (int i = 0; i < finders.size(); i++) {
                        times.add(new ArrayList<>());
                        people.add(0);
                    }
                    for (int r = 0; r < rounds; r++) {
                        for (var img : frames) {
                            for (int i = 0; i < finders.size(); i++) {
                                long t0 = System.nanoTime();
                                int n = finders.get(i).find(img, 0).size();
                                double ms = (System.nanoTime() - t0) / 1e6;
                                if (r > 0) {
                                    times.get(i).add(ms);
                                    people.set(i, people.get(i) + n);
                                }
                            }
                        }
                    }
                    int base = methods.indexOf(dev.vss.hla.people.PeopleMethod.POSE);
                    double baseP50 = base < 0 ? Double.NaN : median(times.get(base));
                    if (!json) {
                        out.printf("people stage on %d vtest frames (768x576) x %d rounds, %s %s on %s, threads=%d%n",
                                frames.size(), rounds - 1, engine.name(), engine.version(), engine.deviceInfo("CPU"),
                                threads);
                        out.printf("%-14s %9s %9s %9s %8s %14s%n", "method", "p50 ms", "mean ms", "p90 ms", "x pose",
                                "people/frame");
                    }
                    ObjectMapper mapper = new ObjectMapper();
                    for (int i = 0; i < finders.size(); i++) {
                        List<Double> t = times.get(i);
                        double p50 = median(t);
                        double mean = t.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                        List<Double> sorted = new ArrayList<>(t);
                        java.util.Collections.sort(sorted);
                        double p90 = sorted.get((int) Math.min(sorted.size() - 1, Math.round(0.9 * (sorted.size() - 1))));
                        double perFrame = people.get(i) / (double) t.size();
                        String name = methods.get(i).name().toLowerCase(java.util.Locale.ROOT);
                        if (json) {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("method", name);
                            row.put("frames", frames.size());
                            row.put("rounds", rounds - 1);
                            row.put("threads", threads);
                            row.put("p50_ms", round(p50));
                            row.put("mean_ms", round(mean));
                            row.put("p90_ms", round(p90));
                            row.put("ratio_p50_to_pose", Double.isNaN(baseP50) ? null : round(p50 / baseP50));
                            row.put("people_per_frame", round(perFrame));
                            out.println(mapper.writeValueAsString(row));
                        } else {
                            out.printf("%-14s %9.2f %9.2f %9.2f %8s %14.2f%n", name, p50, mean, p90,
                                    Double.isNaN(baseP50) ? "-" : String.format("%.2f", p50 / baseP50), perFrame);
                        }
                    }
                } finally {
                    finders.forEach(dev.vss.hla.people.PeopleFinder::close);
                }
            }
            out.flush();
            return 0;
        }

        private static double median(List<Double> v) {
            List<Double> s = new ArrayList<>(v);
            java.util.Collections.sort(s);
            return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
        }

        private static double round(double v) {
            return Math.round(v * 1000) / 1000.0;
        }
    }

    @Command(name = "models", mixinStandardHelpOptions = true,
            description = "Per model: read+compile ms (cold, and from the compiled-model cache), first inference, "
                    + "p50/p90 latency, throughput and peak RSS of synchronous inference on one request.")
    static final class Models implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", description = "Catalog model name (default: all).")
        String model;

        @Option(names = "--precision", description = "FP32, FP16, FP16-INT8, ... (default: all of the model).")
        String precision;

        @Option(names = "--threads", defaultValue = "0", description = "Inference threads (0 = engine default).")
        int threads;

        @Option(names = "--hint", defaultValue = "NONE",
                description = "Performance hint: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: one stream, given threads).")
        PerformanceHint hint;

        @Option(names = "--iterations", defaultValue = "50", description = "Timed inferences (default ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--engine", defaultValue = "openvino", description = "openvino or opencv.")
        String engineName;

        @Option(names = "--inference-precision", description = "f32, bf16 or f16 (default: the device's; bf16 on "
                + "CPUs with AMX).")
        String inferencePrecision;

        @Option(names = "--json", description = "One JSON object per model on stdout.")
        boolean json;

        @Option(names = "--benchmark-app", description = "Also run OpenVINO's benchmark_app with the same settings "
                + "and report its median latency and the ratio Java/benchmark_app (openvino engine only).")
        boolean benchmarkApp;

        @Override
        public Integer call() throws Exception {
            if (iterations < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--iterations must be >= 1");
            }
            ModelRepository repo = ModelRepository.fromEnvironment();
            List<CatalogEntry> entries = select(repo);
            PrintWriter out = spec.commandLine().getOut();
            ObjectMapper mapper = new ObjectMapper();
            int failures = 0;
            CompileOptions options = CompileOptions.builder().optThreads(threads).optHint(hint)
                    .optStreams(hint == PerformanceHint.NONE ? 1 : 0).optInferencePrecision(inferencePrecision).build();
            try (Engine engine = Engine.newInstance(engineName);
                 ProgressBar bar = new ProgressBarBuilder().setTaskName("bench").setInitialMax((long) entries.size() * iterations)
                         .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                         .build()) {
                String device = engine.deviceInfo("CPU");
                if (!json) {
                    out.printf("engine %s %s on %s, threads=%s hint=%s iterations=%d%n", engine.name(), engine.version(),
                            device, threads == 0 ? "default" : threads, hint, iterations);
                    out.printf("%-34s %-9s %9s %9s %9s %8s %8s %9s %7s%s%n", "model", "precision", "compile", "cached",
                            "first", "p50", "p90", "img/s", "rssMB", benchmarkApp ? "   app_p50  ratio" : "");
                }
                for (CatalogEntry e : entries) {
                    bar.setExtraMessage(e.name());
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("model", e.name());
                    row.put("precision", e.precision());
                    row.put("engine", engine.name());
                    row.put("threads", threads);
                    row.put("hint", hint.name());
                    row.put("inference_precision", inferencePrecision);
                    try {
                        Path file = repo.resolve(e);
                        ModelBench.Result r = ModelBench.run(engine, file, options, iterations, bar::step);
                        row.put("compile_ms", round(r.compileMs()));
                        row.put("compile_cached_ms", engine.name().equals("openvino") ? round(r.compileCachedMs()) : null);
                        row.put("first_infer_ms", round(r.firstInferMs()));
                        row.put("p50_ms", round(r.p50Ms()));
                        row.put("p90_ms", round(r.p90Ms()));
                        row.put("mean_ms", round(r.meanMs()));
                        row.put("throughput_ips", round(r.throughputIps()));
                        row.put("peak_rss_mb", r.peakRssMb());
                        row.put("input_shape", r.inputShape().toString());
                        if (benchmarkApp && engine.name().equals("openvino")) {
                            BenchmarkApp.Result a = BenchmarkApp.run(file, r.inputShape(),
                                    e.input().isDynamic(), threads, inferencePrecision, iterations);
                            row.put("benchmark_app_p50_ms", a.medianMs());
                            row.put("benchmark_app_throughput_ips", a.throughputFps());
                            row.put("ratio_p50", Math.round(r.p50Ms() / a.medianMs() * 1000) / 1000.0);
                        }
                    } catch (DlException | ModelException | java.io.IOException ex) {
                        failures++;
                        row.put("error", ex.getMessage().lines().findFirst().orElse(""));
                        bar.stepBy(iterations);
                    }
                    if (json) {
                        out.println(mapper.writeValueAsString(row));
                    } else if (row.containsKey("error")) {
                        out.printf("%-34s %-9s error: %s%n", e.name(), e.precision(), row.get("error"));
                    } else {
                        out.printf("%-34s %-9s %9.1f %9s %9.1f %8.2f %8.2f %9.1f %7d%s%n", e.name(), e.precision(),
                                row.get("compile_ms"), row.get("compile_cached_ms") == null ? "-"
                                        : String.format("%.1f", (Double) row.get("compile_cached_ms")),
                                row.get("first_infer_ms"), row.get("p50_ms"), row.get("p90_ms"), row.get("throughput_ips"),
                                row.get("peak_rss_mb"), row.containsKey("ratio_p50")
                                        ? String.format(" %9.2f %6.3f", (Double) row.get("benchmark_app_p50_ms"),
                                                (Double) row.get("ratio_p50")) : "");
                    }
                    out.flush();
                }
            }
            return failures == 0 ? 0 : 1;
        }

        private List<CatalogEntry> select(ModelRepository repo) {
            List<CatalogEntry> list = new ArrayList<>();
            for (CatalogEntry e : repo.catalog().entries()) {
                if (model != null && !e.name().equals(model)) {
                    continue;
                }
                if (precision != null && !e.precision().equalsIgnoreCase(precision)) {
                    continue;
                }
                if (engineName.equalsIgnoreCase("opencv") && e.format() == Format.IR) {
                    continue; // OpenCV's build has no OpenVINO IR reader
                }
                list.add(e);
            }
            if (list.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no catalog model matches --model "
                        + model + " --precision " + precision + " for engine " + engineName + "; models: "
                        + repo.catalog().names());
            }
            return list;
        }

        /** Four decimals: sub-0.1 ms models need them for a meaningful ratio. */
        private static double round(double v) {
            return Math.round(v * 10000) / 10000.0;
        }
    }
}
