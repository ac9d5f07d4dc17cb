// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.faas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One cgroup made by {@link Cgroups#create}: its directories (one per v1 controller, one for v2), the file a process
 * writes its pid to so it runs inside, and what the kernel recorded (OOM kills, peak memory, CPU throttling).
 * {@link #close()} kills what still runs inside and removes the directories; a JVM shutdown hook does the same for
 * groups still open at exit. Thread-safe.
 */
public final class Cgroup implements AutoCloseable {
    private static final Set<Cgroup> OPEN = Collections.synchronizedSet(new LinkedHashSet<>());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Cgroup g : List.copyOf(OPEN)) {
                g.close();
            }
        }, "vss-cgroup-cleanup"));
    }

    private final Cgroups.Version version;
    private final Path memoryDir;
    private final List<Path> dirs;
    private final List<Path> created = new ArrayList<>();
    private final int memoryMb;
    private final double quotaCores;
    private boolean closed;

    Cgroup(Cgroups.Version version, Path memoryDir, List<Path> dirs, int memoryMb, double quotaCores) {
        this.version = version;
        this.memoryDir = memoryDir;
        this.dirs = dirs;
        this.memoryMb = memoryMb;
        this.quotaCores = quotaCores;
        OPEN.add(this);
    }

    synchronized void created(Path dir) {
        created.add(dir);
    }

    public int memoryMb() {
        return memoryMb;
    }

    public double quotaCores() {
        return quotaCores;
    }

    /** The files a process writes its own pid to, to enter this group (before it starts the JVM). */
    public List<Path> procsFiles() {
        return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    /** The directories of this group (v1: memory and cpu; v2: one). */
    public List<Path> dirs() {
        return dirs;
    }

    /** OOM kills the kernel made in this group (v1 {@code memory.oom_control}, v2 {@code memory.events}). */
    public long oomKills() {
        String file = version == Cgroups.Version.V1 ? "memory.oom_control" : "memory.events";
        long kills = counter(memoryDir.resolve(file), "oom_kill");
        if (kills < 0 && version == Cgroups.Version.V1) {
            // kernels before 4.13 have no oom_kill line: hitting the limit is the best sign left
            return counter(memoryDir.resolve("memory.failcnt"), null) > 0 ? 1 : 0;
        }
        return Math.max(0, kills);
    }

    /** Peak memory charged to the group, MB (v1 {@code memory.max_usage_in_bytes}, v2 {@code memory.peak}); -1 if unknown. */
    public long peakMb() {
        Path f = memoryDir.resolve(version == Cgroups.Version.V1 ? "memory.max_usage_in_bytes" : "memory.peak");
        long b = counter(f, null);
        return b < 0 ? -1 : b / (1024 * 1024);
    }

    /** Anonymous (non-file) memory of the group, MB: what reclaim cannot take back without swap; -1 if unknown. */
    public long anonMb() {
        long b = counter(memoryDir.resolve("memory.stat"), version == Cgroups.Version.V1 ? "total_rss" : "anon");
        return b < 0 ? -1 : b / (1024 * 1024);
    }

    /** How often the group hit its memory limit (v1 {@code memory.failcnt}, v2 {@code memory.events max}); -1 if unknown. */
    public long limitHits() {
        return version == Cgroups.Version.V1 ? counter(memoryDir.resolve("memory.failcnt"), null)
                : counter(memoryDir.resolve("memory.events"), "max");
    }

    /**
     * Pages brought (back) into the group so far: v1 {@code total_pgpgin} (every charge, also re-reads of evicted
     * library pages), v2 {@code workingset_refault_file} (pages read again soon after eviction); -1 if unknown. Its
     * rate is the sign of thrashing: a group at its limit that keeps evicting and re-reading the same pages.
     */
    public long pageIns() {
        Path stat = memoryDir.resolve("memory.stat");
        if (version == Cgroups.Version.V1) {
            return counter(stat, "total_pgpgin");
        }
        long r = counter(stat, "workingset_refault_file");
        return r >= 0 ? r : counter(stat, "workingset_refault");
    }

    /** Periods in which the CPU quota throttled the group; -1 if unknown. */
    public long throttledPeriods() {
        Path cpuDir = version == Cgroups.Version.V1 ? dirs.get(dirs.size() - 1) : memoryDir;
        return counter(cpuDir.resolve("cpu.stat"), "nr_throttled");
    }

    private static long counter(Path file, String key) {
        try {
            for (String l : Files.readAllLines(file)) {
                String[] f = l.trim().split("\\s+");
                if (key == null && f.length == 1) {
                    return Long.parseLong(f[0]);
                }
                if (key != null && f.length == 2 && f[0].equals(key)) {
                    return Long.parseLong(f[1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static List<Long> procs(Path dir) {
        try {
            return Files.readAllLines(dir.resolve("cgroup.procs")).stream().filter(s -> !s.isBlank())
                    .map(s -> Long.parseLong(s.trim())).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** rmdir of a cgroup directory; a group whose last process just exited may be busy for a moment. */
    static boolean rmdir(Path dir) {
        for (int i = 0; i < 50; i++) {
            try {
                Files.deleteIfExists(dir);
                return true;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !Files.exists(dir);
    }

    /** True once every directory of the group is gone. */
    public boolean removed() {
        return dirs.stream().noneMatch(Files::exists);
    }

    /** Kills whatever still runs inside and removes the directories. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Path d : created) {
            for (long pid : procs(d)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            Path d = created.get(i);
            for (int k = 0; k < 100 && !procs(d).isEmpty(); k++) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            rmdir(d);
        }
        OPEN.remove(this);
    }
}
