// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vss.bl.HttpAnswer;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.ops.Benchmarks;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vss bench pipeline}: the whole per-image path of a function (decode, coverage, people, faces, result JSON),
 * in one process after init, against the sum of the latencies of the models each image actually ran (counted per
 * image, timed by OpenVINO's benchmark_app), plus the first request after init against the warm ones.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Per image: warm wall and CPU time of the whole pipeline (decode .. result JSON), the models it "
                + "ran and the sum of their benchmark_app latencies; the first request after init vs warm ones.")
final class PipelineBench extends PipelineCommand {
    @Option(names = "--rounds", defaultValue = "20", description = "Timed passes over the images (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-rounds", defaultValue = "3", description = "Untimed passes first (default ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--benchmark-app", description = "Also time each model that ran with OpenVINO's benchmark_app "
            + "(same threads) and report pipeline / sum of model latencies.")
    boolean benchmarkApp;

    @Option(names = "--iterations", defaultValue = "300", description = "benchmark_app iterations per model "
            + "(default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--json", description = "One JSON object per image, then a summary object.")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Image files or folders (default: the shared images).")
    List<Path> paths;

    record Row(String image, double firstMs, double wallMs, double cpuMs, Map<String, Long> ran) {
    }

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || warmupRounds < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rounds must be >= 1");
        }
        List<Path> files = Inputs.expand(paths == null || paths.isEmpty() ? List.of(Inputs.imagesDir()) : paths);
        List<byte[]> bodies = new ArrayList<>();
        for (Path f : files) {
            bodies.add(Files.readAllBytes(f));
        }
        PrintWriter out = spec.commandLine().getOut();
        VssSettings settings = runtime.settings().build();
        List<Row> rows = new ArrayList<>();
        Map<String, Double> modelMs = new LinkedHashMap<>();
        try (VssHandler h = VssHandler.builder(settings).build()) {
            int n = files.size();
            double[] first = new double[n];
            double[][] wall = new double[n][rounds];
            double[][] cpu = new double[n][rounds];
            List<Map<String, Long>> ran = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ran.add(null);
            }
            // the first request after init, for every image in turn (only image 0's is the process's first)
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                call(h, bodies.get(i), files.get(i));
                first[i] = (System.nanoTime() - t0) / 1e6;
            }
            for (int r = 0; r < warmupRounds; r++) {
                for (int i = 0; i < n; i++) {
                    call(h, bodies.get(i), files.get(i));
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < n; i++) {
                    Map<String, Long> before = counts(h);
                    long c0 = processCpuNanos();
                    long t0 = System.nanoTime();
                    call(h, bodies.get(i), files.get(i));
                    wall[i][r] = (System.nanoTime() - t0) / 1e6;
                    cpu[i][r] = (processCpuNanos() - c0) / 1e6;
                    Map<String, Long> after = counts(h);
                    Map<String, Long> d = new LinkedHashMap<>();
                    after.forEach((k, v) -> {
                        long x = v - before.getOrDefault(k, 0L);
                        if (x > 0) {
                            d.put(k, x);
                        }
                    });
                    ran.set(i, d);
                }
            }
            for (int i = 0; i < n; i++) {
                rows.add(new Row(files.get(i).getFileName().toString(), first[i], median(wall[i]), median(cpu[i]),
                        ran.get(i)));
            }
            if (benchmarkApp) {
                modelMs.putAll(Benchmarks.benchmarkAppMs(h, iterations));
            }
        }
        print(out, rows, modelMs);
        return 0;
    }

    private static void call(VssHandler h, byte[] body, Path file) throws Exception {
        HttpAnswer a = h.http(body, file.getFileName().toString());
        if (a.status() != 200) {
            throw new IllegalStateException(file + ": " + a.json());
        }
    }

    /**
     * CPU time of every thread of this process (Java and native: OpenVINO's workers too), ns: the sum of the threads'
     * /proc schedstat run times on Linux (ns resolution), else the JVM's process CPU time (often 10 ms ticks).
     */
    static long processCpuNanos() {
        Path tasks = Path.of("/proc/self/task");
        if (Files.isDirectory(tasks)) {
            long sum = 0;
            try (var s = Files.newDirectoryStream(tasks)) {
                for (Path t : s) {
                    try {
                        String line = Files.readString(t.resolve("schedstat"));
                        sum += Long.parseLong(line.substring(0, line.indexOf(' ')));
                    } catch (java.io.IOException | RuntimeException e) {
                        // the thread ended between listing and reading: its time is gone from both ends
                    }
                }
                return sum;
            } catch (java.io.IOException e) {
                // fall through
            }
        }
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Map<String, Long> counts(VssHandler h) throws Exception {
        return Benchmarks.inferenceCounts(h);
    }

    private void print(PrintWriter out, List<Row> rows, Map<String, Double> modelMs) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        double sumWall = 0;
        double sumCpu = 0;
        double sumModels = 0;
        if (!json) {
            out.printf("%-22s %9s %9s %9s %11s %7s  %s%n", "image", "first ms", "warm ms", "CPU ms", "models ms",
                    "ratio", "models run");
        }
        for (Row r : rows) {
            double models = modelMs.isEmpty() ? Double.NaN : r.ran().entrySet().stream()
                    .mapToDouble(e -> e.getValue() * modelMs.getOrDefault(e.getKey(), Double.NaN)).sum();
            sumWall += r.wallMs();
            sumCpu += r.cpuMs();
            sumModels += models;
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("image", r.image());
                m.put("first_ms", round(r.firstMs()));
                m.put("warm_ms", round(r.wallMs()));
                m.put("cpu_ms", round(r.cpuMs()));
                m.put("models_run", r.ran());
                m.put("models_ms", Double.isNaN(models) ? null : round(models));
                out.println(mapper.writeValueAsString(m));
            } else {
                out.printf("%-22s %9.2f %9.2f %9.2f %11s %7s  %s%n", r.image(), r.firstMs(), r.wallMs(), r.cpuMs(),
                        Double.isNaN(models) ? "-" : String.format("%.2f", models),
                        Double.isNaN(models) ? "-" : String.format("%.2f", r.wallMs() / models), r.ran());
            }
        }
        int n = rows.size();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("summary", true);
        s.put("images", n);
        s.put("rounds", rounds);
        s.put("first_request_ms", round(rows.get(0).firstMs()));
        s.put("first_image_warm_ms", round(rows.get(0).wallMs()));
        s.put("first_over_warm", round(rows.get(0).firstMs() / rows.get(0).wallMs()));
        s.put("warm_ms_mean", round(sumWall / n));
        s.put("cpu_ms_mean", round(sumCpu / n));
        s.put("models_ms_mean", modelMs.isEmpty() ? null : round(sumModels / n));
        s.put("pipeline_over_models", modelMs.isEmpty() ? null : round(sumWall / sumModels));
        s.put("benchmark_app_ms", modelMs);
        if (json) {
            out.println(mapper.writeValueAsString(s));
        } else {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(s));
        }
        out.flush();
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
