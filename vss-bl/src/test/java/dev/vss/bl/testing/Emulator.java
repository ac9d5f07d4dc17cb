// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A storage emulator process on 127.0.0.1 that a test starts and stops: installed on first use by
 * scripts/install/emulators.sh into .vss/emulators, started on a free port, ready when the port accepts
 * connections. Its output goes to target/NAME.log, quoted when it fails to start. Shared by the storage modules' tests
 * through vss-bl's test jar.
 */
public final class Emulator implements AutoCloseable {
    public final int port;
    private final Process process;

    private Emulator(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static Path root() {
        String r = System.getProperty("vss.root", System.getenv("VSS_ROOT"));
        if (r == null) {
            throw new IllegalStateException("vss.root / VSS_ROOT not set: run the tests through Maven from the project");
        }
        return Path.of(r).toAbsolutePath().normalize();
    }

    /** The emulator's executable, installing it with scripts/install/emulators.sh WHAT if it is missing. */
    public static Path installed(String what, String relative) throws IOException, InterruptedException {
        Path exe = root().resolve(".vss/emulators").resolve(relative);
        if (Files.isExecutable(exe)) {
            return exe;
        }
        Path log = Path.of("target", "install-" + what + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder("bash", root().resolve("scripts/install/emulators.sh").toString(), what)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isExecutable(exe)) {
            p.destroyForcibly();
            throw new IllegalStateException("could not install the " + what + " emulator with scripts/install/emulators.sh "
                    + what + " (it needs npm or python3 and the package registry): " + Files.readString(log));
        }
        return exe;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code command} (which must listen on 127.0.0.1:port) and waits until the port answers. */
    public static Emulator start(String name, int port, List<String> command) throws IOException, InterruptedException {
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Emulator e = new Emulator(port, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + ": " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return e;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        e.close();
        throw new IllegalStateException(name + " did not listen on 127.0.0.1:" + port + " within 60 s: " + Files.readString(log));
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
