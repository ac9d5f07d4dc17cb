// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.testing;

import java.nio.file.Path;
import java.util.Map;

/** How the adapters' tests start a function's runtime as a child process, once for all of them. */
public final class ChildProcesses {
    private ChildProcesses() {
    }

    /** This JVM's {@code java} executable. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Empties the child's environment, as a cloud's is, but for a minimal PATH, a UTF-8 locale, UTC and a home; returns
     * it for the runtime's own variables.
     */
    public static Map<String, String> cleanEnvironment(ProcessBuilder pb, Path home) {
        Map<String, String> e = pb.environment();
        e.clear();
        e.put("PATH", "/usr/bin:/bin");
        e.put("LANG", "C.UTF-8");
        e.put("TZ", "UTC");
        e.put("HOME", home.toString());
        return e;
    }
}
