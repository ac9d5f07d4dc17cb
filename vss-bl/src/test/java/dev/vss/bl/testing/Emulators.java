// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The storage emulators the cloud modules' tests run, each started the one way they need it. */
public final class Emulators {
    private Emulators() {
    }

    /**
     * Azurite's blob service on a free port: in memory, no telemetry (it would call out of this machine), any API
     * version the SDK speaks.
     */
    public static Emulator azurite() throws IOException, InterruptedException {
        Path exe = Emulator.installed("azurite", "azurite/node_modules/.bin/azurite-blob");
        int port = Emulator.freePort();
        return Emulator.start("azurite", port, List.of(exe.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                Integer.toString(port), "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
                "--silent"));
    }

    /** fake-gcs-server (JSON API over plain HTTP) on a free port, in memory; its URL is {@code http://127.0.0.1:PORT}. */
    public static Emulator fakeGcs() throws IOException, InterruptedException {
        Path exe = Emulator.installed("fake-gcs", "fake-gcs/bin/fake-gcs-server");
        int port = Emulator.freePort();
        return Emulator.start("fake-gcs-server", port, List.of(exe.toString(), "-scheme", "http",
                "-host", "127.0.0.1", "-port", Integer.toString(port), "-backend", "memory", "-public-host",
                "127.0.0.1:" + port, "-log-level", "warn"));
    }
}
