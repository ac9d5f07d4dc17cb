// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.opencv;

import dev.vss.dl.internal.OpenCvNatives;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's order, in fresh JVMs (natives load once per JVM): explicit path, bundled copy, and their errors. */
class OpenCvNativesTest {

    /** Runs {@link NativesProbe} in a new JVM and parses its key=value lines. */
    private static Map<String, String> probe(String... jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(NativesProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove(OpenCvNatives.ENV_LIB);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return m;
    }

    @Test
    void bundledCopyIsTheDefault() throws Exception {
        Map<String, String> m = probe();
        assertThat(m).containsEntry("version", "4.9.0").containsEntry("from", "bundled");
        assertThat(Double.parseDouble(m.get("ms"))).isPositive();
    }

    @Test
    void explicitPathLoadsThatFile(@TempDir Path dir) throws Exception {
        Path lib = dir.resolve("libopencv_java490.so");
        String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "ARMv8" : "x86_64";
        String resource = "/nu/pattern/opencv/linux/" + arch + "/libopencv_java490.so";
        try (InputStream in = nu.pattern.OpenCV.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource + " in the org.openpnp:opencv jar (this test needs Linux)").isNotNull();
            Files.copy(in, lib);
        }
        Map<String, String> m = probe("-D" + OpenCvNatives.PROP_LIB + "=" + lib);
        assertThat(m).containsEntry("version", "4.9.0").containsEntry("from", lib.toAbsolutePath().toString());
        System.out.printf("OpenCV natives from an extracted file: %s ms%n", m.get("ms"));
    }

    @Test
    void missingExplicitPathSaysWhatToSet(@TempDir Path dir) throws Exception {
        Map<String, String> m = probe("-D" + OpenCvNatives.PROP_LIB + "=" + dir.resolve("nope.so"));
        assertThat(m).containsEntry("code", "RUNTIME_NOT_FOUND").containsEntry("again", "RUNTIME_NOT_FOUND");
        assertThat(m.get("message")).contains("nope.so").contains("VSS_OPENCV_LIB").contains("-Dvss.opencv.lib");
    }

    @Test
    void aFileThatIsNoLibraryIsRefused(@TempDir Path dir) throws Exception {
        Path bogus = Files.writeString(dir.resolve("libopencv_java490.so"), "not an ELF file");
        Map<String, String> m = probe("-D" + OpenCvNatives.PROP_LIB + "=" + bogus);
        assertThat(m).containsEntry("code", "RUNTIME_NOT_FOUND");
        assertThat(m.get("message")).contains("cannot load OpenCV library").contains(bogus.toString());
    }
}
