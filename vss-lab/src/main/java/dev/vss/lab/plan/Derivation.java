// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.plan;

import dev.vss.lab.plan.Profile.Phase;
import java.util.function.Function;

/**
 * Predicts durations under a vCPU share from {@link Profile}s measured without a CPU limit at one and at all of this
 * machine's cores. Each phase takes max(wall time, CPU time / vCPU) with ceil(vCPU) inference threads, the rule a
 * CFS quota enforces (the measured points of a plan check it). Shares above this machine's cores cannot be measured:
 * their threads' speed-up is extrapolated with Amdahl's law fitted to the 1- and 2-thread wall times, and their CPU
 * overhead per extra thread linearly; such figures are marked extrapolated. Immutable.
 */
public final class Derivation {
    private final Profile one;
    private final Profile all;
    private final int cores;

    /**
     * @param one   the profile at one inference thread
     * @param all   the profile at {@code cores} threads (the same as {@code one} on a one-core machine)
     * @param cores this machine's cores
     */
    public Derivation(Profile one, Profile all, int cores) {
        this.one = one;
        this.all = all;
        this.cores = cores;
    }

    /** Inference threads a share gets: ceil(vCPU), at least 1, at most 6 (Lambda's most). */
    public static int threads(double vcpu) {
        return (int) Math.max(1, Math.min(6, Math.ceil(vcpu - 1e-9)));
    }

    public boolean extrapolated(double vcpu) {
        return vcpu > cores + 1e-9;
    }

    /** One phase of the profiles at a share. */
    public double at(Function<Profile, Phase> phase, double vcpu) {
        int t = threads(vcpu);
        if (!extrapolated(vcpu)) {
            return phase.apply(t <= 1 ? one : all).at(vcpu);
        }
        Phase p1 = phase.apply(one);
        Phase pn = phase.apply(all);
        // Amdahl: wall(n) = wall(1) * (s + (1 - s) / n), s fitted from the measured wall at `cores` threads
        double s = p1.wallMs() <= 0 ? 1 : Math.max(0, Math.min(1, (pn.wallMs() / p1.wallMs() - 1.0 / cores)
                / (1 - 1.0 / cores)));
        double wall = p1.wallMs() * (s + (1 - s) / t);
        double cpuPerThread = cores > 1 ? Math.max(0, (pn.cpuMs() - p1.cpuMs()) / (cores - 1)) : 0;
        double cpu = pn.cpuMs() + cpuPerThread * (t - cores);
        return new Phase(wall, cpu).at(vcpu);
    }

    /** The INIT phase of a global-scope instance: the JVM's start plus every init phase, each at the share. */
    public double initMs(double vcpu) {
        double ms = at(Profile::jvm, vcpu);
        for (String k : one.init().keySet()) {
            ms += at(p -> p.init().getOrDefault(k, Phase.ZERO), vcpu);
        }
        return ms;
    }

    /** A warm request of {@code batch} images. */
    public double requestMs(double vcpu, int batch) {
        return at(p -> request(p, batch), vcpu);
    }

    /** What the first request of an instance takes beyond a warm one (one-off allocations). */
    public double firstExtraMs(double vcpu) {
        return at(Profile::firstCallExtra, vcpu);
    }

    /** The JVM's start alone (what a local-scope instance pays before its first call). */
    public double jvmMs(double vcpu) {
        return at(Profile::jvm, vcpu);
    }

    /** Init paid inside each warm call under local scope; NaN without a local profile. */
    public double localInitMs(double vcpu) {
        return one.localInit() == null ? Double.NaN : at(p -> p.localInit() == null ? one.localInit() : p.localInit(), vcpu);
    }

    /** Init paid inside the first call under local scope (natives, model fetch too); NaN without a local profile. */
    public double localInitFirstMs(double vcpu) {
        return one.localInitFirst() == null ? Double.NaN
                : at(p -> p.localInitFirst() == null ? one.localInitFirst() : p.localInitFirst(), vcpu);
    }

    /** The profile's request of a batch: measured, or scaled per image from the nearest measured batch. */
    static Phase request(Profile p, int batch) {
        Phase exact = p.request().get(batch);
        if (exact != null) {
            return exact;
        }
        var near = p.request().floorEntry(batch);
        if (near == null) {
            near = p.request().firstEntry();
        }
        return near.getValue().times((double) batch / near.getKey());
    }

    public Profile one() {
        return one;
    }

    public Profile all() {
        return all;
    }
}
