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

/** {@code vss bench models} and {@code vss bench pipeline}. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Models.class, PipelineBench.class})
final class BenchCommand {

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
