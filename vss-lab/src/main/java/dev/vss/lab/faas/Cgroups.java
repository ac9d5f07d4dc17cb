// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.faas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Linux cgroups that vss may create for function instances: the {@code cpu} and {@code memory} controllers of cgroup
 * v1, or cgroup v2 with both controllers delegated. Groups are made under the cgroup this process already belongs to
 * (so every limit above it still applies), named {@code vss-<pid>-<n>}. {@link #detect()} tries to create and remove
 * a probe group; when that fails the caller falls back to emulated limits. Thread-safe.
 */
public final class Cgroups {
    /** Which hierarchy. */
    public enum Version { V1, V2 }

    /** The outcome of detection: the usable hierarchy, or null with the reason why none is. */
    public record Detection(Cgroups cgroups, String reason) {
        public boolean usable() {
            return cgroups != null;
        }
    }

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final long PERIOD_US = 100_000;

    private final Version version;
    /** v1: parent dirs of the memory and cpu controllers; v2: one parent dir (both keys map to it). */
    private final Path memoryParent;
    private final Path cpuParent;

    Cgroups(Version version, Path memoryParent, Path cpuParent) {
        this.version = version;
        this.memoryParent = memoryParent;
        this.cpuParent = cpuParent;
    }

    /**
     * The limits a run asks for: {@code emulated} (no cgroup), {@code auto} (a cgroup where one can be made) or
     * {@code cgroup} (one must be made).
     *
     * @throws IllegalArgumentException for another mode
     * @throws IllegalStateException    for {@code cgroup} when none can be made here
     */
    public static Detection detect(String mode) {
        Detection d = switch (mode) {
            case "emulated" -> new Detection(null, "emulated on request (--limits emulated)");
            case "auto", "cgroup" -> detect();
            default -> throw new IllegalArgumentException("--limits: '" + mode + "' is not auto, cgroup or emulated");
        };
        if (mode.equals("cgroup") && !d.usable()) {
            throw new IllegalStateException("--limits cgroup: no cgroup can be made here: " + d.reason());
        }
        return d;
    }

    public Version version() {
        return version;
    }

    /** What is used, for summaries (no paths: plan.json files get shared). */
    public String describe() {
        return (version == Version.V1 ? "cgroup v1 (memory and cpu controllers)" : "cgroup v2 (memory.max, cpu.max)")
                + ", one group per instance under this process's own group";
    }

    /** The parent directories groups are made in (v1: memory, cpu; v2: one). */
    public List<Path> parents() {
        return version == Version.V1 ? List.of(memoryParent, cpuParent) : List.of(memoryParent);
    }

    /** Finds a writable hierarchy from /proc/self/mountinfo and /proc/self/cgroup and proves it with a probe group. */
    public static Detection detect() {
        return detect(Path.of("/proc/self/mountinfo"), Path.of("/proc/self/cgroup"), Path.of(""));
    }

    /** Detection over given proc files; {@code rootPrefix} is prepended to mount points (tests). */
    static Detection detect(Path mountinfo, Path procCgroup, Path rootPrefix) {
        List<String> mounts;
        List<String> own;
        try {
            mounts = Files.readAllLines(mountinfo);
            own = Files.readAllLines(procCgroup);
        } catch (IOException e) {
            return new Detection(null, "cannot read " + mountinfo + " / " + procCgroup + " (not Linux?): " + e.getMessage());
        }
        List<String> reasons = new ArrayList<>();
        Path mem = null;
        Path cpu = null;
        Path v2 = null;
        for (String line : mounts) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] pre = line.substring(0, dash).split(" ");
            String[] post = line.substring(dash + 3).split(" ");
            if (pre.length < 5 || post.length < 3) {
                continue;
            }
            String root = pre[3];
            Path mountPoint = rootPrefix.toString().isEmpty() ? Path.of(pre[4]) : rootPrefix.resolve(pre[4].substring(1));
            if (post[0].equals("cgroup")) {
                List<String> opts = List.of(post[2].split(","));
                if (opts.contains("memory") && mem == null) {
                    mem = parentOf(mountPoint, root, ownPath(own, "memory"));
                }
                if (opts.contains("cpu") && cpu == null) {
                    cpu = parentOf(mountPoint, root, ownPath(own, "cpu"));
                }
            } else if (post[0].equals("cgroup2") && v2 == null) {
                v2 = parentOf(mountPoint, root, ownPath(own, ""));
            }
        }
        // v1 first, then v2: the first whose probe group can be made and removed
        Cgroups[] candidates = {mem != null && cpu != null ? new Cgroups(Version.V1, mem, cpu) : null,
            v2 != null ? new Cgroups(Version.V2, v2, v2) : null};
        String[] absent = {mem == null ? "no memory controller mounted" : "no cpu controller mounted", "not mounted"};
        for (int i = 0; i < candidates.length; i++) {
            String why = candidates[i] == null ? absent[i] : candidates[i].probe();
            if (why == null) {
                return new Detection(candidates[i], null);
            }
            reasons.add("cgroup v" + (i + 1) + ": " + why);
        }
        return new Detection(null, String.join("; ", reasons));
    }

    /** The path of this process's cgroup for a v1 controller ("" = the v2 line "0::/path"). */
    static String ownPath(List<String> procCgroup, String controller) {
        for (String l : procCgroup) {
            String[] f = l.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            boolean match = controller.isEmpty() ? f[0].equals("0") && f[1].isEmpty()
                    : List.of(f[1].split(",")).contains(controller);
            if (match) {
                return f[2];
            }
        }
        return "/";
    }

    private static Path parentOf(Path mountPoint, String mountRoot, String ownPath) {
        String rel = ownPath;
        if (!mountRoot.equals("/") && rel.startsWith(mountRoot)) {
            rel = rel.substring(mountRoot.length());
        }
        rel = rel.replaceFirst("^/+", "");
        return rel.isEmpty() ? mountPoint : mountPoint.resolve(rel);
    }

    /** Creates and removes a probe group with both limits written; null when it worked, else why not. */
    private String probe() {
        if (version == Version.V2) {
            String why = enableV2Controllers();
            if (why != null) {
                return why;
            }
        }
        sweepStale();
        try (Cgroup g = create(256, 0.5)) {
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    private String enableV2Controllers() {
        try {
            String avail = Files.readString(memoryParent.resolve("cgroup.controllers")).trim();
            if (!List.of(avail.split(" ")).containsAll(List.of("cpu", "memory"))) {
                return "controllers available at " + memoryParent + " are [" + avail + "], need cpu and memory";
            }
            String on = Files.readString(memoryParent.resolve("cgroup.subtree_control")).trim();
            if (!List.of(on.split(" ")).containsAll(List.of("cpu", "memory"))) {
                Files.writeString(memoryParent.resolve("cgroup.subtree_control"), "+cpu +memory");
            }
            return null;
        } catch (IOException e) {
            return "cannot enable cpu and memory for children of " + memoryParent + " (" + e.getMessage()
                    + "; a non-root group with processes cannot delegate them)";
        }
    }

    /** Removes empty groups left by vss processes that no longer run (e.g. killed with SIGKILL). */
    void sweepStale() {
        for (Path parent : List.of(memoryParent, cpuParent)) {
            try (Stream<Path> s = Files.list(parent)) {
                for (Path d : s.filter(p -> p.getFileName().toString().matches("vss-\\d+-\\d+")).toList()) {
                    long pid = Long.parseLong(d.getFileName().toString().split("-")[1]);
                    if (ProcessHandle.of(pid).isEmpty() && Cgroup.procs(d).isEmpty()) {
                        Cgroup.rmdir(d);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // best effort: a stale group is harmless until the next sweep
            }
        }
    }

    /**
     * Creates a group with a memory limit and a CPU quota of {@code quotaCores} cores (period 100 ms). The caller
     * owns it and must close it; it is also removed at JVM exit if still there.
     */
    public Cgroup create(int memoryMb, double quotaCores) throws IOException {
        String name = "vss-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        long bytes = memoryMb * 1024L * 1024L;
        long quota = Math.max(1000, Math.round(PERIOD_US * quotaCores));
        Map<Path, Map<String, String>> dirs = new LinkedHashMap<>();
        if (version == Version.V1) {
            dirs.put(memoryParent.resolve(name), Map.of("memory.limit_in_bytes", Long.toString(bytes)));
            dirs.put(cpuParent.resolve(name), orderedMap("cpu.cfs_period_us", Long.toString(PERIOD_US),
                    "cpu.cfs_quota_us", Long.toString(quota)));
        } else {
            dirs.put(memoryParent.resolve(name), orderedMap("memory.max", Long.toString(bytes), "cpu.max",
                    quota + " " + PERIOD_US));
        }
        Cgroup g = new Cgroup(version, memoryParent.resolve(name), List.copyOf(dirs.keySet()), memoryMb, quotaCores);
        try {
            for (var e : dirs.entrySet()) {
                Files.createDirectory(e.getKey());
                g.created(e.getKey());
                for (var kv : e.getValue().entrySet()) {
                    write(e.getKey().resolve(kv.getKey()), kv.getValue());
                }
            }
            // no swap: an instance over its memory is killed, as on a provider (ignored where swap accounting is off)
            Path swap = version == Version.V1 ? memoryParent.resolve(name).resolve("memory.memsw.limit_in_bytes")
                    : memoryParent.resolve(name).resolve("memory.swap.max");
            if (Files.exists(swap)) {
                try {
                    write(swap, version == Version.V1 ? Long.toString(bytes) : "0");
                } catch (IOException e) {
                    // swap accounting disabled: nothing to cap
                }
            }
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
        return g;
    }

    private static Map<String, String> orderedMap(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    static void write(Path file, String value) throws IOException {
        try {
            Files.writeString(file, value, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IOException("cannot write " + value + " to " + file + ": " + e.getMessage(), e);
        }
    }
}
