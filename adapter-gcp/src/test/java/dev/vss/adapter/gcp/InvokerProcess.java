// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.gcp;

import dev.vss.bl.testing.ChildProcesses;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Cloud Functions instance, as close as this machine allows: the real {@code java-function-invoker} (the
 * Functions Framework's server, from this test's class path) in a child JVM serving the BUILT jar of the deployment
 * folder (the working directory, like {@code /workspace}), with a clean environment: what Cloud Functions sets plus
 * the function's own variables. It listens on all interfaces; tests call 127.0.0.1.
 */
final class InvokerProcess implements AutoCloseable {
    final int port;
    final Path log;
    final long startNanos;
    /** When the port first accepted a connection (the invoker builds the function before it listens). */
    long listeningNanos;
    private final Process process;

    InvokerProcess(Path work, String target, int port, Map<String, String> env) throws IOException {
        Path folder = deployFolder();
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        this.port = port;
        this.log = work.resolve("function.log");
        List<String> cmd = new ArrayList<>(List.of(ChildProcesses.java(),
                "-Djava.io.tmpdir=" + tmp, "-Xmx1g", "-jar", invokerJar(), "--classpath",
                folder.resolve("vss-gcp.jar").toString(), "--target", target, "--port", Integer.toString(port)));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> e = ChildProcesses.cleanEnvironment(pb, tmp);
        e.put("K_SERVICE", "vss");
        e.put("K_REVISION", "vss-00001-abc");
        e.put("FUNCTION_TARGET", target);
        e.put("PORT", Integer.toString(port));
        // the natives ship in the deployment folder (/workspace/openvino, /workspace/opencv in Cloud Functions)
        e.put("VSS_OPENVINO_HOME", folder.resolve("openvino").toString());
        e.put("VSS_OPENCV_LIB", folder.resolve("opencv").resolve("libopencv_java490.so").toString());
        e.putAll(env);
        startNanos = System.nanoTime();
        process = pb.start();
    }

    /** The module's deployment folder, built by {@code mvn package}. */
    static Path deployFolder() {
        Path t = Path.of(System.getProperty("vss.root", "..")).resolve("adapter-gcp/target/vss-gcp");
        if (!Files.isRegularFile(t.resolve("vss-gcp.jar"))) {
            throw new IllegalStateException("no built folder " + t + "; run `mvn package` (failsafe runs after it)");
        }
        return t;
    }

    static String invokerJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> Path.of(p).getFileName().toString().startsWith("java-function-invoker-")).findFirst()
                .orElseThrow(() -> new IllegalStateException("java-function-invoker is not on the test class path"));
    }

    /** Waits until the invoker listens (its function is built by then), or fails with the log. */
    InvokerProcess awaitListening(long timeoutSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the invoker exited with " + process.exitValue() + ":\n" + logText());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                listeningNanos = System.nanoTime();
                return this;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the invoker did not listen on " + port + " within " + timeoutSeconds + " s:\n"
                + logText());
    }

    boolean alive() {
        return process.isAlive();
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The function's JSON log lines that have {@code "event": name}. */
    List<String> logEvents(String name) throws IOException {
        List<String> l = new ArrayList<>();
        for (String line : logText().split("\n")) {
            if (line.contains("\"event\":\"" + name + "\"")) {
                l.add(line.substring(line.indexOf('{')));
            }
        }
        return l;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
