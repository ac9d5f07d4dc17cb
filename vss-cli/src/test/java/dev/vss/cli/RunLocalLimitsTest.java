// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vss.cli.CliTest.Run;
import dev.vss.lab.faas.Cgroups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code vss run-local} under real limits: each instance a child JVM in its own cgroup.
 *
 * <p>The cgroup tests need a writable cgroup hierarchy (root on a Linux machine with the cpu and memory controllers,
 * as on our machines and CI). Where there is none they FAIL, naming the reason, instead of passing without testing
 * anything; set {@code VSS_CGROUP_TESTS=skip} to turn them into skipped tests (reported as skipped) on such a machine.
 */
class RunLocalLimitsTest {
    static Cgroups requireCgroups() {
        Cgroups.Detection d = Cgroups.detect();
        if (!d.usable()) {
            String why = "no writable cgroup hierarchy here: " + d.reason();
            if ("skip".equals(System.getenv("VSS_CGROUP_TESTS"))) {
                Assumptions.abort(why + " (VSS_CGROUP_TESTS=skip)");
            }
            fail(why + ". These tests need root and the cpu+memory controllers; set VSS_CGROUP_TESTS=skip to skip them.");
        }
        return d.cgroups();
    }

    /** cgroup directories this JVM made that still exist. */
    static List<Path> leftovers() throws IOException {
        List<Path> found = new ArrayList<>();
        String mine = "vss-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> s = Files.walk(Path.of("/sys/fs/cgroup"), 6)) {
            s.filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith(mine)).forEach(found::add);
        } catch (java.io.UncheckedIOException e) {
            // a group vanishing while we walk is fine
        }
        return found;
    }

    @Test
    @Timeout(180)
    void outOfMemoryIsAFailedInvocationNotAHang() throws Exception {
        requireCgroups();
        // 128 MB is far below the ~300 MB the JVM pipeline needs; one full vCPU so that the kill comes in seconds
        JsonNode s = summary(3, "--memory", "128", "--vcpu", "1", "--limits", "cgroup", "--limit", "2");
        assertThat(s.path("limits").asText()).isEqualTo("cgroup");
        assertThat(s.path("images").asInt()).isEqualTo(2);
        assertThat(s.path("failed").asInt()).isEqualTo(2);
        assertThat(s.path("invocations").asInt()).isEqualTo(2);
        assertThat(s.path("out_of_memory").asInt()).isEqualTo(2);
        assertThat(s.path("failures").get(0).path("message").asText()).startsWith("out of memory at 128 MB");
        // the second event is not retried on an instance that cannot start
        assertThat(s.path("failures").get(1).path("message").asText())
                .startsWith("instance could not start: out of memory at 128 MB");
        assertThat(s.path("peak_memory_mb").asLong()).isBetween(100L, 128L);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @Timeout(240)
    void justBelowTheNeedIsOutOfMemoryToo() throws Exception {
        requireCgroups();
        // 192 MB: the JVM starts and most of init fits, then the instance either is OOM-killed or thrashes at its
        // limit (the kernel evicting and re-reading library pages without killing it); both must end as an OOM
        JsonNode s = summary(3, "--memory", "192", "--vcpu", "1", "--limits", "cgroup", "--limit", "1");
        assertThat(s.path("failed").asInt()).isEqualTo(1);
        assertThat(s.path("out_of_memory").asInt()).isEqualTo(1);
        assertThat(s.path("failures").get(0).path("message").asText()).startsWith("out of memory at 192 MB");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @Timeout(300)
    void realLimitsRunThePipelineAndBillTheInit() throws Exception {
        requireCgroups();
        JsonNode s = summary(0, "--memory", "2048", "--limits", "cgroup", "--limit", "3");
        assertThat(s.path("limits").asText()).isEqualTo("cgroup");
        assertThat(s.path("limits_detail").asText()).contains("cgroup v");
        assertThat(s.path("failed").asInt()).isZero();
        assertThat(s.path("cold_starts").asInt()).isEqualTo(1);
        assertThat(s.path("vcpu").asDouble()).isEqualTo(1.16);
        assertThat(s.path("threads").asInt()).isEqualTo(Math.min(2, Runtime.getRuntime().availableProcessors()));
        // the INIT phase includes the JVM's own start, measured from the spawn
        assertThat(s.path("init_ms_p50").asDouble()).isGreaterThan(s.path("jvm_start_ms_mean").asDouble());
        assertThat(s.path("jvm_start_ms_mean").asDouble()).isPositive();
        // the memory charged to the instance's cgroup: the pipeline's ~300 MB, well under the limit
        assertThat(s.path("peak_memory_mb").asLong()).isBetween(150L, 2048L);
        assertThat(s.path("cost_usd_per_1000_images").asDouble()).isPositive();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @Timeout(300)
    void emulatedLimitsSaySo() throws Exception {
        JsonNode s = summary(0, "--memory", "1769", "--limits", "emulated", "--limit", "2", "--batch", "2");
        assertThat(s.path("limits").asText()).isEqualTo("emulated");
        assertThat(s.path("limits_detail").asText()).contains("emulated on request");
        assertThat(s.path("invocations").asInt()).isEqualTo(1);
        assertThat(s.path("vcpu").asDouble()).isEqualTo(1.0);
        // emulated: memory measured (the child's peak RSS), not enforced
        assertThat(s.path("peak_memory_mb").asLong()).isBetween(100L, 1769L);
    }

    @Test
    void badLimitsModeIsRefused() {
        Run r = CliTest.vss("run-local", "--limits", "sometimes", CliTest.images().resolve("faces").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--limits: 'sometimes' is not auto, cgroup or emulated");
    }

    /** run-local's JSON summary of the faces folder with these options, after checking its exit code. */
    static JsonNode summary(int code, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("run-local"));
        args.addAll(List.of(options));
        args.addAll(List.of("--json", CliTest.images().resolve("faces").toString()));
        Run r = CliTest.vss(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        return new ObjectMapper().readTree(r.out());
    }
}
