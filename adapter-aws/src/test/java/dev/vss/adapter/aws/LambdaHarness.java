// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import dev.vss.bl.testing.ChildProcesses;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One Lambda execution environment, as close as this machine allows: the BUILT function zip unpacked as the task
 * root (the working directory), the BUILT layer zips unpacked apart (standing in for {@code /opt}), and the real
 * {@code aws-lambda-java-runtime-interface-client} in a child JVM with the handler as its argument, talking to
 * {@link RuntimeApi} on 127.0.0.1. The child gets a clean environment: only what Lambda would set plus the
 * function's own variables. Public (in this module's test jar) so that other Lambda routes of the same function,
 * e.g. adapter-spring's, run their own zip and handler in it.
 */
public final class LambdaHarness implements AutoCloseable {
    public static final String HANDLER = "dev.vss.adapter.aws.VssLambda::handleRequest";
    public final Path taskRoot;
    public final Path layer;
    public final Path log;
    private final Process process;
    public final long startNanos;

    /**
     * @param work     a folder for task root, layer, /tmp and the log
     * @param api      the Runtime API the runtime talks to
     * @param env      the function's environment variables (VSS_*, credentials)
     * @param jvmFlags extra JVM flags (e.g. heap size)
     */
    LambdaHarness(Path work, RuntimeApi api, Map<String, String> env, List<String> jvmFlags) throws IOException {
        this(work, api, target().resolve("vss-lambda-function.zip"), HANDLER, env, jvmFlags);
    }

    /**
     * Another function zip and handler with this module's built layers.
     *
     * @param functionZip the function package (unpacked as the task root)
     * @param handler     the Lambda handler string ({@code class::method})
     */
    public LambdaHarness(Path work, RuntimeApi api, Path functionZip, String handler, Map<String, String> env,
            List<String> jvmFlags) throws IOException {
        taskRoot = unzip(functionZip, work.resolve("task"));
        // both layers unpack into the same /opt, as Lambda merges a function's layers
        layer = unzip(target().resolve("vss-lambda-layer-openvino.zip"), work.resolve("opt"));
        unzip(target().resolve("vss-lambda-layer-opencv.zip"), layer);
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        log = work.resolve("function.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildProcesses.java());
        cmd.add("-Djava.io.tmpdir=" + tmp);
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(runtimeClientClassPath());
        cmd.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
        cmd.add(handler);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(taskRoot.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> e = ChildProcesses.cleanEnvironment(pb, tmp);
        e.put("AWS_LAMBDA_RUNTIME_API", api.address());
        e.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        e.put("_HANDLER", handler);
        e.put("AWS_LAMBDA_FUNCTION_NAME", "vss");
        e.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        e.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "2048");
        e.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        // the layer stands in for /opt: tell the function where it is
        e.put("VSS_OPENVINO_HOME", layer.resolve("openvino").toString());
        e.put("VSS_OPENCV_LIB", layer.resolve("opencv").resolve("libopencv_java490.so").toString());
        // this instance's own /tmp: models fetched into it, the compiled-model cache when configured
        e.put("VSS_MODELS_TMP", tmp.resolve("vss-models").toString());
        e.putAll(env);
        startNanos = System.nanoTime();
        process = pb.start();
    }

    /** The module's target folder (the zips are built there by {@code mvn package}). */
    public static Path target() {
        Path t = Path.of(System.getProperty("vss.root", "..")).resolve("adapter-aws").resolve("target");
        if (!Files.isRegularFile(t.resolve("vss-lambda-function.zip"))) {
            throw new IllegalStateException("no built zip in " + t + "; run `mvn package` (failsafe runs after it)");
        }
        return t;
    }

    /** The runtime interface client and its own dependencies, from this test's class path. */
    static String runtimeClientClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> {
                    String n = Path.of(p).getFileName().toString();
                    return n.startsWith("aws-lambda-java-runtime-interface-client") || n.startsWith("aws-lambda-java-core")
                            || n.startsWith("aws-lambda-java-serialization") || n.startsWith("utils-lite");
                })
                .collect(Collectors.joining(File.pathSeparator));
    }

    public static Path unzip(Path zip, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> it = z.entries(); it.hasMoreElements();) {
                ZipEntry en = it.nextElement();
                Path out = dir.resolve(en.getName()).normalize();
                if (!out.startsWith(dir)) {
                    throw new IOException("zip entry outside the folder: " + en.getName());
                }
                if (en.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = z.getInputStream(en)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The function's JSON log lines that have {@code "event": name}. */
    public List<String> logEvents(String name) throws IOException {
        List<String> l = new ArrayList<>();
        for (String line : logText().split("\n")) {
            if (line.contains("\"event\":\"" + name + "\"")) {
                l.add(line.substring(line.indexOf('{')));
            }
        }
        return l;
    }

    public static Map<String, String> env(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
