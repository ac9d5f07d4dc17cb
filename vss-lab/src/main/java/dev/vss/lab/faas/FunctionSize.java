// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.faas;

import java.util.List;

/**
 * A function's size as a provider grants it, and what that means for the child JVM that plays the instance: memory
 * limit, CPU share (Lambda: 1 vCPU per 1,769 MB, at most 6), inference threads, heap and direct-memory caps.
 *
 * @param memoryMb memory limit of the instance
 * @param vcpu     CPU share in vCPUs (may exceed this machine's cores: then the quota is capped, see {@link #quotaCores})
 * @param threads  inference threads: ceil(vCPU), at least 1, at most this machine's cores
 * @param cores    cores of this machine
 */
public record FunctionSize(int memoryMb, double vcpu, int threads, int cores) {
    /** Lambda gives one vCPU per this many MB. */
    public static final double LAMBDA_MB_PER_VCPU = 1769;
    /** Lambda's largest CPU share. */
    public static final double LAMBDA_MAX_VCPU = 6;

    public FunctionSize {
        if (memoryMb < 64) {
            throw new IllegalArgumentException("memory: " + memoryMb + " MB is below 64 MB");
        }
        if (!(vcpu > 0) || threads < 1 || cores < 1) {
            throw new IllegalArgumentException("vcpu " + vcpu + ", threads " + threads + ", cores " + cores
                    + ": all must be positive");
        }
    }

    /** Lambda's share for a memory size on a machine with {@code cores} cores; threads 0 = ceil(vCPU). */
    public static FunctionSize lambda(int memoryMb, int cores, int threads) {
        return withShare(memoryMb, Math.min(LAMBDA_MAX_VCPU, memoryMb / LAMBDA_MB_PER_VCPU), cores, threads);
    }

    /** A given CPU share (e.g. 0.583 vCPU for a 1 GiB Cloud Run function); threads 0 = ceil(vCPU). */
    public static FunctionSize withShare(int memoryMb, double vcpu, int cores, int threads) {
        int t = threads > 0 ? threads : (int) Math.max(1, Math.min(cores, Math.ceil(vcpu - 1e-9)));
        return new FunctionSize(memoryMb, vcpu, t, cores);
    }

    /** This machine's cores as the JVM sees them. */
    public static int machineCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The CPU quota in cores: the vCPU share, capped at this machine's cores. */
    public double quotaCores() {
        return Math.min(vcpu, cores);
    }

    /** True when the share exceeds this machine's cores: such a size cannot be measured here, only extrapolated. */
    public boolean beyondMachine() {
        return vcpu > cores + 1e-9;
    }

    /**
     * Java heap cap: a tenth of the memory, at least 24 MB. The pipeline's live heap is ~10 MB (the models' weights and
     * buffers are native); the JVM's own default in a small container would be half the memory.
     */
    public int heapMb() {
        return Math.max(24, Math.min(2048, memoryMb / 10));
    }

    /** Direct-buffer cap (decoded images, tensors): as the heap, the JVM's default when it is not set. */
    public int directMb() {
        return heapMb();
    }

    /**
     * JVM options sized from the memory as template.yaml sizes the Lambda function's (there as percentages): C1 only
     * (the Lambda Java runtimes' default), serial GC (one GC thread, least footprint), heap and direct-memory caps,
     * bounded code cache and metaspace, and the JVM's processor count set to the inference threads.
     */
    public List<String> jvmOptions() {
        return List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx" + heapMb() + "m",
                "-Xms16m", "-XX:MaxDirectMemorySize=" + directMb() + "m", "-XX:ReservedCodeCacheSize=32m",
                "-XX:MaxMetaspaceSize=128m", "-Xss512k", "-XX:ActiveProcessorCount=" + threads);
    }

    /**
     * The C library's settings for the instance (glibc environment variables): two malloc arenas instead of one per
     * inference thread, and a fixed 2 MB threshold above which allocations are mapped and returned on free (the
     * default threshold grows with the largest freed block, so decoded images end up in the heap and stay resident),
     * with free heap over 4 MB given back. 128 KB mapped every network input and output afresh: page faults cost ~3-8
     * ms of CPU an image (docs/benchmarks.md), for 4-7 MB less peak memory over 1,000 images.
     */
    public static java.util.Map<String, String> mallocEnvironment() {
        return java.util.Map.of("MALLOC_ARENA_MAX", "2", "MALLOC_MMAP_THRESHOLD_", "2097152",
                "MALLOC_TRIM_THRESHOLD_", "4194304");
    }
}
