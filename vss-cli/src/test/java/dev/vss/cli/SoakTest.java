// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI-sized soak (the full one is scripts/bench/soak.sh, 10,000 analyses under a 512 MB cgroup; see docs/reliability.md):
 * {@value #ANALYSES} analyses, every 10th a truncated JPEG, in one child JVM whose heap is fixed and touched up front
 * ({@code -Xms=-Xmx}, AlwaysPreTouch), so that RSS can only grow through native memory, metaspace or code. After a
 * warm-up of {@value #WARM_UP} analyses, RSS may grow by at most {@value #MAX_GROWTH_MB} MB over the rest: a leak of
 * one decoded image (~2 MB) or one inference's buffers per analysis would add several hundred. A correctness bound
 * on memory, not a timing: the machine's speed and load do not change it.
 */
class SoakTest {
    static final int ANALYSES = 300;
    static final int WARM_UP = 60;
    static final int WINDOW = 60;
    static final int MAX_GROWTH_MB = 40;

    @Test
    void rssStaysFlatOverHundredsOfAnalysesInOneProcess(@TempDir Path tmp) throws Exception {
        Path images = CliTest.images();
        List<Path> srcs;
        try (Stream<Path> s = Files.walk(images)) {
            srcs = s.filter(Inputs::isImageName).sorted().toList();
        }
        Path bad = tmp.resolve("truncated.jpg");
        byte[] b = Files.readAllBytes(images.resolve("faces/two_people.jpg"));
        byte[] cut = java.util.Arrays.copyOf(b, b.length / 2 + 2);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9;
        Files.write(bad, cut);
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        for (int i = 0; i < ANALYSES; i++) {
            Path src = i % 10 == 9 ? bad : srcs.get(i % srcs.size());
            Files.createSymbolicLink(in.resolve(String.format("%05d-%s", i, src.getFileName())), src);
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms160m", "-Xmx160m", "-XX:+AlwaysPreTouch", "-XX:MaxMetaspaceSize=128m",
                "-Dvss.root=" + System.getProperty("vss.root", ""), "-cp", System.getProperty("java.class.path"),
                VssCli.class.getName(), "analyze", in.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long early = 0; // peak RSS over analyses WARM_UP .. WARM_UP + WINDOW
        long late = 0; // peak RSS over the last WINDOW analyses
        int lines = 0;
        int ok = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                lines++;
                if (l.contains("\"ok\":true") || l.contains("\"ok\": true")) {
                    ok++;
                }
                long rss = rssMb(p.pid());
                if (lines > WARM_UP && lines <= WARM_UP + WINDOW) {
                    early = Math.max(early, rss);
                }
                if (lines > ANALYSES - WINDOW) {
                    late = Math.max(late, rss);
                }
            }
        }
        assertThat(p.waitFor()).isEqualTo(3); // the truncated items fail, the run completes
        assertThat(lines).isEqualTo(ANALYSES);
        assertThat(ok).isEqualTo(ANALYSES - ANALYSES / 10);
        System.out.printf("soak: %d analyses, peak RSS over analyses %d-%d: %d MB, over the last %d: %d MB%n",
                ANALYSES, WARM_UP + 1, WARM_UP + WINDOW, early, WINDOW, late);
        assertThat(early).isPositive();
        assertThat(late - early).as("RSS growth after warm-up, MB (early peak %d MB, late peak %d MB)", early, late)
                .isLessThanOrEqualTo(MAX_GROWTH_MB);
    }

    private static long rssMb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            // the process has ended
        }
        return 0;
    }
}
