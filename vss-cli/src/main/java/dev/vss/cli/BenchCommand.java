// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vss.bl.VssSettings;
import dev.vss.bl.ops.Benchmarks;
import dev.vss.models.CatalogEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code vss bench models}, {@code vss bench people} and {@code vss bench pipeline}. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Models.class, BenchCommand.People.class, PipelineBench.class})
final class BenchCommand {

    @Command(name = "people", mixinStandardHelpOptions = true,
            description = "Per-frame time of the people stage, by method, on the labelled vtest.avi frames (the "
                    + "held-out split 200-399 is never used): the methods run one after the other on each frame, "
                    + "round after round, so that a change of machine load hits them alike; p50 and mean per method "
                    + "and the ratio to the pose method (the pose stage before the people stage existed).")
    static final class People extends BaseCommand {
        @Option(names = "--methods", split = ",", description = "Methods to time (default: pose,hybrid,detector_pose,pose_scaled).")
        List<String> methods = List.of("pose", "hybrid", "detector_pose", "pose_scaled");

        @Option(names = "--rounds", defaultValue = "10", description = "Passes over the frames (default ${DEFAULT-VALUE}; the first is warm-up).")
        int rounds;

        @Option(names = "--threads", defaultValue = "2", description = "Inference threads (default ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--precision", description = "FP32, FP16 or FP16-INT8 where a model has it.")
        String precision;

        @Mixin
        VtestOptions vtest;

        @Option(names = "--json", description = "One JSON object per method.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Benchmarks.PeopleOptions o;
            try {
                o = new Benchmarks.PeopleOptions(methods, rounds, threads, precision,
                        vtest.framesDir(), vtest.camera);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Benchmarks.PeopleBench b = Benchmarks.people(o, VssSettings.fromEnvironment());
            PrintWriter out = spec.commandLine().getOut();
            if (!json) {
                out.printf("people stage on %d vtest frames (768x576) x %d rounds, %s, threads=%d%n", b.frames(),
                        b.rounds(), b.engine(), b.threads());
                out.printf("%-14s %9s %9s %9s %8s %14s%n", "method", "p50 ms", "mean ms", "p90 ms", "x pose",
                        "people/frame");
            }
            ObjectMapper mapper = new ObjectMapper();
            for (Map<String, Object> row : b.rows()) {
                if (json) {
                    out.println(mapper.writeValueAsString(row));
                } else {
                    Object ratio = row.get("ratio_p50_to_pose");
                    out.printf("%-14s %9.2f %9.2f %9.2f %8s %14.2f%n", row.get("method"), row.get("p50_ms"),
                            row.get("mean_ms"), row.get("p90_ms"), ratio == null ? "-" : String.format("%.2f", ratio),
                            row.get("people_per_frame"));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "models", mixinStandardHelpOptions = true,
            description = "Per model: read+compile ms (cold, and from the compiled-model cache), first inference, "
                    + "p50/p90 latency, throughput and peak RSS of synchronous inference on one request.")
    static final class Models extends BaseCommand {
        @Option(names = "--model", description = "Catalog model name (default: all).")
        String model;

        @Option(names = "--precision", description = "FP32, FP16, FP16-INT8, ... (default: all of the model).")
        String precision;

        @Option(names = "--threads", defaultValue = "0", description = "Inference threads (0 = engine default).")
        int threads;

        @Option(names = "--hint", defaultValue = "NONE", completionCandidates = Hints.class,
                description = "Performance hint: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: one stream, given threads).")
        String hint;

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
            Benchmarks.ModelsOptions options;
            Benchmarks.ModelsRun run;
            try {
                options = new Benchmarks.ModelsOptions(engineName, model, precision, threads, hint, inferencePrecision,
                        iterations, benchmarkApp);
                run = Benchmarks.ModelsRun.open(options);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            ObjectMapper mapper = new ObjectMapper();
            int failures = 0;
            List<CatalogEntry> entries = run.entries();
            try (run; ProgressBar bar = Progress.bar("bench", (long) entries.size() * iterations)) {
                if (!json) {
                    out.printf("engine %s %s on %s, threads=%s hint=%s iterations=%d%n", run.engineName(),
                            run.engineVersion(), run.device(), threads == 0 ? "default" : threads, run.hint(), iterations);
                    out.printf("%-34s %-9s %9s %9s %9s %8s %8s %9s %7s%s%n", "model", "precision", "compile", "cached",
                            "first", "p50", "p90", "img/s", "rssMB", benchmarkApp ? "   app_p50  ratio" : "");
                }
                for (CatalogEntry e : entries) {
                    bar.setExtraMessage(e.name());
                    Map<String, Object> row = run.measure(e, bar::step);
                    if (row.containsKey("error")) {
                        failures++;
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
    }

    /** The hints the engine knows, for --hint's help. */
    static final class Hints implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Benchmarks.hints().iterator();
        }
    }
}
