// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.ops;

import dev.vss.dl.Shape;
import dev.vss.models.BaseSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs OpenVINO's own benchmark_app (Python, from the same pinned wheel in .vss/openvino) with the settings vss
 * used, and reads its median latency and throughput.
 */
public final class BenchmarkApp {
    public record Result(double medianMs, double throughputFps) {
    }

    private static final Pattern MEDIAN = Pattern.compile("Median:\\s+([0-9.]+) (ms|us)");
    private static final Pattern FPS = Pattern.compile("Throughput:\\s+([0-9.]+) FPS");

    private BenchmarkApp() {
    }

    /** The wheel's install folder: VSS_OPENVINO_HOME, else {@code <VSS_ROOT>/.vss/openvino}. */
    static Path home() {
        BaseSettings s = BaseSettings.current(); // installed by the CLI from VssSettings
        if (s.openvinoHome() != null) {
            return s.openvinoHome();
        }
        return (s.root() == null ? Path.of(".") : s.root()).resolve(".vss").resolve("openvino");
    }

    public static Result run(Path model, Shape shape, boolean reshaped, int threads, String precision, int iterations)
            throws IOException, InterruptedException {
        Path home = home();
        if (!Files.isDirectory(home.resolve("openvino").resolve("tools").resolve("benchmark"))) {
            throw new IOException("benchmark_app not found under " + home + "; run scripts/install/openvino.sh");
        }
        List<String> cmd = new ArrayList<>(List.of("python3", "-c",
                "import sys; from openvino.tools.benchmark.main import main; sys.exit(main())",
                "-m", model.toString(), "-d", "CPU", "-hint", "none", "-nstreams", "1", "-api", "sync",
                "-niter", Integer.toString(iterations)));
        if (threads > 0) {
            cmd.addAll(List.of("-nthreads", Integer.toString(threads)));
        }
        if (precision != null) {
            cmd.addAll(List.of("-infer_precision", precision));
        }
        if (reshaped) {
            cmd.addAll(List.of("-shape", shape.toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", home.toString());
        pb.environment().put("OPENVINO_TELEMETRY_OPT_OUT", "1"); // no network calls from the benchmark tool
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("benchmark_app failed for " + model + ":\n" + tail(out));
        }
        Matcher m = MEDIAN.matcher(out);
        Matcher f = FPS.matcher(out);
        if (!m.find() || !f.find()) {
            throw new IOException("benchmark_app output not understood:\n" + tail(out));
        }
        double median = Double.parseDouble(m.group(1)) / (m.group(2).equals("us") ? 1000.0 : 1.0);
        return new Result(median, Double.parseDouble(f.group(1)));
    }

    private static String tail(String s) {
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }
}
