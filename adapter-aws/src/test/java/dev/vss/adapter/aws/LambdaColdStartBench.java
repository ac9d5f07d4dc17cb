// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.bl.ResultJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark, not a test (failsafe does not pick it up by name): process start → first response of the BUILT
 * function in the real runtime interface client, for the init variants of the issue — global vs lazy, priming on/off,
 * compiled-model cache on /tmp off / empty / already filled, and without the C1-only JVM flag the template sets.
 * Each variant runs {@code -Dbench.runs} (default 5) fresh processes; medians go to
 * {@code adapter-aws/target/bench/lambda-cold-start.md}. Run: {@code scripts/bench-lambda-cold-start.sh}.
 */
class LambdaColdStartBench {
    record Variant(String name, Map<String, String> env, boolean warmCache) {
    }

    static final String C1 = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    @Test
    void coldStarts(@TempDir Path work) throws Exception {
        int runs = Integer.getInteger("bench.runs", 5);
        Path cache = work.resolve("filled-cache");
        List<Variant> variants = List.of(
                new Variant("global, primed, cache on empty /tmp (template)", LambdaHarness.env("JAVA_TOOL_OPTIONS", C1,
                        "VSS_CACHE_DIR", "@tmp/vss-cache"), false),
                new Variant("global, primed, no cache", LambdaHarness.env("JAVA_TOOL_OPTIONS", C1), false),
                new Variant("global, not primed, no cache", LambdaHarness.env("JAVA_TOOL_OPTIONS", C1, "VSS_PRIME", "false"), false),
                new Variant("global, primed, cache already filled", LambdaHarness.env("JAVA_TOOL_OPTIONS", C1,
                        "VSS_CACHE_DIR", cache.toString()), true),
                new Variant("lazy (init in the first request), no cache", LambdaHarness.env("JAVA_TOOL_OPTIONS", C1,
                        "VSS_INIT", "lazy"), false),
                new Variant("global, primed, no cache, default JIT (no C1-only flag)", LambdaHarness.env(), false));
        StringBuilder md = new StringBuilder("| variant | runs | init ms (start → first /next) | first request ms | "
                + "start → first response ms | warm request ms |\n|---|---:|---:|---:|---:|---:|\n");
        try (LocalDeployment d = new LocalDeployment(work)) {
            String event = event("s3-put.json");
            for (Variant v : variants) {
                double[] init = new double[runs];
                double[] first = new double[runs];
                double[] total = new double[runs];
                double[] warm = new double[runs];
                if (v.warmCache()) {
                    once(d, work.resolve("fill"), v, event); // fills the cache folder
                }
                for (int i = 0; i < runs; i++) {
                    double[] t = once(d, work.resolve(v.name().hashCode() + "-" + i), v, event);
                    init[i] = t[0];
                    first[i] = t[1];
                    total[i] = t[2];
                    warm[i] = t[3];
                }
                md.append("| ").append(v.name()).append(" | ").append(runs).append(" | ").append(median(init))
                        .append(" | ").append(median(first)).append(" | ").append(median(total)).append(" | ")
                        .append(median(warm)).append(" |\n");
                System.out.println(v.name() + ": init " + Arrays.toString(init) + " first " + Arrays.toString(first));
            }
        }
        Path out = LambdaHarness.target().resolve("bench");
        Files.createDirectories(out);
        String text = "Lambda cold start through the runtime interface client, " + LocalDate.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, load " + load() + "\n\n" + md;
        Files.writeString(out.resolve("lambda-cold-start.md"), text);
        System.out.println(text);
    }

    /** One fresh process: {init ms, first request ms, start → first response ms, the next (warm) request ms}. */
    static double[] once(LocalDeployment d, Path dir, Variant v, String event) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(d.functionEnv());
        v.env().forEach((k, val) -> env.put(k, val.replace("@tmp", dir.resolve("lambda").resolve("tmp").toString())));
        try (RuntimeApi api = new RuntimeApi();
             LambdaHarness h = new LambdaHarness(dir.resolve("lambda"), api, env, List.of())) {
            RuntimeApi.Answer a = api.invoke(event, Duration.ofMinutes(3));
            long done = System.nanoTime();
            assertThat(a.error()).as(a.body()).isFalse();
            assertThat(ResultJson.mapper().readTree(a.body()).path("results").get(0).path("faces")).hasSize(2);
            double init = (api.firstNextNanos - h.startNanos) / 1e6;
            double total = (done - h.startNanos) / 1e6;
            long w0 = System.nanoTime();
            assertThat(api.invoke(event, Duration.ofMinutes(1)).error()).isFalse();
            double warm = (System.nanoTime() - w0) / 1e6;
            return new double[] {Math.round(init), Math.round(total - init), Math.round(total), Math.round(warm)};
        }
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    static String event(String name) throws Exception {
        try (InputStream in = LambdaColdStartBench.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
