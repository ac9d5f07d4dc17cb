// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.bl.image.ResultJson;
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
 * function in the real runtime interface client, for the init variants — the template's settings (JVM flags and glibc
 * variables read from template.yaml), global vs lazy, priming on/off, compiled-model cache on /tmp off / empty /
 * already filled, the earlier C1-only flags alone, the JVM's defaults, and with {@code -Dbench.baseline=DIR} an
 * earlier build's function zip. Runs are interleaved across variants ({@code -Dvss.bench.runs}, default 5, fresh
 * processes each); medians go to
 * {@code adapter-aws/target/bench/lambda-cold-start.md}. Run: {@code scripts/bench/lambda-cold-start.sh}.
 */
class LambdaColdStartBench {
    /** {@code functionZip} null: this module's built zip. */
    record Variant(String name, Map<String, String> env, boolean warmCache, Path functionZip) {
    }

    static final String C1 = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    /** The JVM flags template.yaml sets (JAVA_TOOL_OPTIONS), read from the template itself. */
    static final String TEMPLATE = templateFlags();

    @Test
    void coldStarts(@TempDir Path work) throws Exception {
        int runs = Integer.getInteger("vss.bench.runs", 5);
        Path cache = work.resolve("filled-cache");
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("template (global, primed, no cache)", template(), false, null),
                new Variant("template settings, not primed", template("VSS_PRIME", "false"), false, null),
                new Variant("template settings, compiled-model cache on the empty /tmp", template("VSS_CACHE_DIR",
                        "@tmp/vss-cache"), false, null),
                new Variant("template settings, cache already filled", template("VSS_CACHE_DIR", cache.toString()), true,
                        null),
                new Variant("template settings, lazy (init in the first request), no cache", template("VSS_INIT",
                        "lazy"), false, null),
                new Variant("C1 only (the earlier template's flags), no cache", LambdaHarness.env(
                        "JAVA_TOOL_OPTIONS", C1), false, null),
                new Variant("default JIT (no flags), no cache", LambdaHarness.env(), false, null)));
        // -Dbench.baseline=DIR: an earlier build's function zip (DIR/vss-lambda-function.zip), same layers
        String baseline = System.getProperty("bench.baseline");
        if (baseline != null && !baseline.isBlank()) {
            Path zip = Path.of(baseline).resolve("vss-lambda-function.zip");
            variants.add(new Variant("baseline build, C1 only, no cache", LambdaHarness.env("JAVA_TOOL_OPTIONS", C1),
                    false, zip));
            variants.add(new Variant("baseline build, C1 only, cache already filled", LambdaHarness.env(
                    "JAVA_TOOL_OPTIONS", C1, "VSS_CACHE_DIR", work.resolve("filled-cache-baseline").toString()), true,
                    zip));
        }
        StringBuilder md = new StringBuilder("| variant | runs | init ms (start → first /next) | first request ms | "
                + "start → first response ms | warm request ms |\n|---|---:|---:|---:|---:|---:|\n");
        try (LocalDeployment d = new LocalDeployment(work)) {
            String event = event("s3-put.json");
            double[][][] t = new double[variants.size()][4][runs];
            for (Variant v : variants) {
                if (v.warmCache()) {
                    once(d, work.resolve("fill-" + Math.abs(v.name().hashCode())), v, event); // fills the cache
                }
            }
            for (int i = 0; i < runs; i++) { // interleaved: a change of machine load hits every variant alike
                for (int k = 0; k < variants.size(); k++) {
                    Variant v = variants.get(k);
                    double[] r = once(d, work.resolve(Math.abs(v.name().hashCode()) + "-" + i), v, event);
                    for (int j = 0; j < 4; j++) {
                        t[k][j][i] = r[j];
                    }
                }
            }
            for (int k = 0; k < variants.size(); k++) {
                Variant v = variants.get(k);
                md.append("| ").append(v.name()).append(" | ").append(runs).append(" | ").append(median(t[k][0]))
                        .append(" | ").append(median(t[k][1])).append(" | ").append(median(t[k][2])).append(" | ")
                        .append(median(t[k][3])).append(" |\n");
                System.out.println(v.name() + ": init " + Arrays.toString(t[k][0]) + " first "
                        + Arrays.toString(t[k][1]));
            }
        }
        Path out = LambdaHarness.target().resolve("bench");
        Files.createDirectories(out);
        String text = "Lambda cold start through the runtime interface client, " + LocalDate.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, load " + load() + "; template flags: "
                + TEMPLATE + "\n\n" + md;
        Files.writeString(out.resolve("lambda-cold-start.md"), text);
        System.out.println(text);
    }

    /** The template's JAVA_TOOL_OPTIONS and glibc variables, plus {@code extra} (key, value, ...). */
    static Map<String, String> template(String... extra) {
        Map<String, String> m = LambdaHarness.env("JAVA_TOOL_OPTIONS", TEMPLATE, "MALLOC_ARENA_MAX", "2",
                "MALLOC_MMAP_THRESHOLD_", "2097152", "MALLOC_TRIM_THRESHOLD_", "4194304");
        m.putAll(LambdaHarness.env(extra));
        return m;
    }

    /** JAVA_TOOL_OPTIONS of the function in template.yaml. */
    static String templateFlags() {
        try {
            Path t = Path.of(System.getProperty("vss.root", "..")).resolve("adapter-aws").resolve("template.yaml");
            String y = Files.readString(t);
            int i = y.indexOf("JAVA_TOOL_OPTIONS:");
            StringBuilder sb = new StringBuilder();
            for (String line : y.substring(i).split("\n")) {
                String l = line.strip();
                if (l.startsWith("JAVA_TOOL_OPTIONS:")) {
                    l = l.substring("JAVA_TOOL_OPTIONS:".length()).strip();
                    if (l.equals(">-")) {
                        continue;
                    }
                } else if (!l.startsWith("-")) {
                    break;
                }
                sb.append(sb.length() == 0 ? "" : " ").append(l);
            }
            return sb.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One fresh process: {init ms, first request ms, start → first response ms}. */
    static double[] once(LocalDeployment d, Path dir, Variant v, String event) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(d.functionEnv());
        v.env().forEach((k, val) -> env.put(k, val.replace("@tmp", dir.resolve("lambda").resolve("tmp").toString())));
        try (RuntimeApi api = new RuntimeApi();
             LambdaHarness h = v.functionZip() == null ? new LambdaHarness(dir.resolve("lambda"), api, env, List.of())
                     : new LambdaHarness(dir.resolve("lambda"), api, v.functionZip(), LambdaHarness.HANDLER, env,
                             List.of())) {
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
