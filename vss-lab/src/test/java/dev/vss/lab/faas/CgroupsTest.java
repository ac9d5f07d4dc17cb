// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.faas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the hierarchy from /proc files (on a fake tree: a plain folder accepts the limit files). */
class CgroupsTest {
    @Test
    void findsOwnGroupUnderTheV1Controllers(@TempDir Path root) throws Exception {
        Path mountinfo = Files.writeString(root.resolve("mountinfo"), String.join("\n",
                "30 24 0:26 / /sys/fs/cgroup/cpu rw,relatime shared:9 - cgroup cgroup rw,cpu",
                "33 24 0:29 / /sys/fs/cgroup/memory rw,relatime shared:12 - cgroup cgroup rw,memory",
                "37 24 0:33 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd", ""));
        Path self = Files.writeString(root.resolve("cgroup"), "4:memory:/jobs/a1\n1:cpu:/\n0::/\n");
        Files.createDirectories(root.resolve("sys/fs/cgroup/memory/jobs/a1"));
        Files.createDirectories(root.resolve("sys/fs/cgroup/cpu"));
        Cgroups.Detection d = Cgroups.detect(mountinfo, self, root);
        assertThat(d.usable()).as(d.reason()).isTrue();
        assertThat(d.cgroups().version()).isEqualTo(Cgroups.Version.V1);
        assertThat(d.cgroups().describe()).startsWith("cgroup v1");
        assertThat(d.cgroups().parents()).containsExactly(root.resolve("sys/fs/cgroup/memory/jobs/a1"),
                root.resolve("sys/fs/cgroup/cpu"));
        try (Cgroup g = d.cgroups().create(704, 704 / 1769.0)) {
            Path mem = g.dirs().get(0);
            assertThat(mem.getParent()).isEqualTo(root.resolve("sys/fs/cgroup/memory/jobs/a1"));
            assertThat(Files.readString(mem.resolve("memory.limit_in_bytes"))).isEqualTo(Long.toString(704L << 20));
            assertThat(Files.readString(g.dirs().get(1).resolve("cpu.cfs_quota_us"))).isEqualTo("39796");
            assertThat(Files.readString(g.dirs().get(1).resolve("cpu.cfs_period_us"))).isEqualTo("100000");
            assertThat(g.procsFiles()).hasSize(2);
            // a fake folder cannot be rmdir'ed while it holds the files we wrote: removal is the kernel's part
            g.dirs().forEach(dir -> {
                try (var s = Files.list(dir)) {
                    for (Path f : s.toList()) {
                        Files.delete(f);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @Test
    void saysWhyNoneIsUsable(@TempDir Path root) throws Exception {
        Path mountinfo = Files.writeString(root.resolve("mountinfo"),
                "33 24 0:29 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
                        + "40 24 0:34 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n");
        Path self = Files.writeString(root.resolve("cgroup"), "4:memory:/\n0::/\n");
        Files.createDirectories(root.resolve("sys/fs/cgroup/unified"));
        Files.writeString(root.resolve("sys/fs/cgroup/unified/cgroup.controllers"), "pids\n");
        Cgroups.Detection d = Cgroups.detect(mountinfo, self, root);
        assertThat(d.usable()).isFalse();
        assertThat(d.reason()).contains("cgroup v1: no cpu controller mounted")
                .contains("cgroup v2: controllers available at").contains("need cpu and memory");
    }

    @Test
    void readsOwnPathPerController() {
        List<String> proc = List.of("9:name=systemd:/", "4:memory:/process_api/x", "2:cpu,cpuacct:/a", "0::/u");
        assertThat(Cgroups.ownPath(proc, "memory")).isEqualTo("/process_api/x");
        assertThat(Cgroups.ownPath(proc, "cpu")).isEqualTo("/a");
        assertThat(Cgroups.ownPath(proc, "")).isEqualTo("/u");
        assertThat(Cgroups.ownPath(List.of(), "cpu")).isEqualTo("/");
    }

    @Test
    void sizesFollowLambda() {
        FunctionSize s = FunctionSize.lambda(704, 2, 0);
        assertThat(s.vcpu()).isEqualTo(704 / 1769.0);
        assertThat(s.threads()).isEqualTo(1);
        assertThat(s.quotaCores()).isEqualTo(704 / 1769.0);
        assertThat(s.beyondMachine()).isFalse();
        FunctionSize big = FunctionSize.lambda(10240, 2, 0);
        assertThat(big.threads()).isEqualTo(2);
        assertThat(big.quotaCores()).isEqualTo(2.0);
        assertThat(big.beyondMachine()).isTrue();
        assertThat(FunctionSize.lambda(1769, 2, 0).threads()).isEqualTo(1);
        assertThat(FunctionSize.lambda(1770, 2, 0).threads()).isEqualTo(2);
        // a tenth of 704 MB for the heap and as much for direct buffers; C1 only, as the Lambda Java runtimes
        assertThat(s.jvmOptions()).contains("-Xmx70m", "-XX:MaxDirectMemorySize=70m", "-XX:ActiveProcessorCount=1",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(FunctionSize.lambda(256, 2, 0).heapMb()).isEqualTo(25);
        assertThat(FunctionSize.lambda(128, 2, 0).heapMb()).isEqualTo(24);
        assertThat(FunctionSize.mallocEnvironment()).containsEntry("MALLOC_ARENA_MAX", "2")
                .containsEntry("MALLOC_MMAP_THRESHOLD_", "2097152");
    }
}
