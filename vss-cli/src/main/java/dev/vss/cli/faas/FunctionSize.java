// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli.faas;

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
        double v = Math.min(LAMBDA_MAX_VCPU, memoryMb / LAMBDA_MB_PER_VCPU);
        int t = threads > 0 ? threads : (int) Math.max(1, Math.min(cores, Math.ceil(v - 1e-9)));
        return new FunctionSize(memoryMb, v, t, cores);
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

    /** Java heap cap: a fifth of the memory (the pipeline's weights and buffers live outside the heap), >= 32 MB. */
    public int heapMb() {
        return Math.max(32, Math.min(2048, memoryMb / 5));
    }

    /** Direct-buffer cap (image tensors): a quarter of the memory, >= 16 MB. */
    public int directMb() {
        return Math.max(16, Math.min(2048, memoryMb / 4));
    }

    /**
     * JVM options sized from the memory: serial GC (one GC thread, least footprint), heap and direct-memory caps,
     * bounded code cache and metaspace, and the JVM's processor count set to the inference threads.
     */
    public List<String> jvmOptions() {
        return List.of("-XX:+UseSerialGC", "-Xmx" + heapMb() + "m", "-Xms16m", "-XX:MaxDirectMemorySize=" + directMb() + "m",
                "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=160m", "-Xss512k",
                "-XX:ActiveProcessorCount=" + threads);
    }
}
