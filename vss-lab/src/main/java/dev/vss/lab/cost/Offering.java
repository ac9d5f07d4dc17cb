// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.cost;

import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One provider's prices and billing rules for a function (or a managed service), built from its {@link PriceRow}s.
 * Memory is in MB (MiB); a "GB-s" is memory MB / 1024 x seconds, as every provider here counts it. Immutable.
 *
 * @param usdPerGbSecond   memory price (0 if not billed by memory)
 * @param usdPerVcpuSecond CPU price (0 if CPU is not billed separately)
 * @param usdPerRequest    price of one request / execution
 * @param granularityMs    billed duration is rounded up to a multiple of this
 * @param minimumBilledMs  billed duration is at least this
 * @param initBilled       whether a cold start's init is billed like the handler
 * @param sizesMb          the memory sizes a function may have; empty = any size in [minMemoryMb, maxMemoryMb]
 * @param mbPerVcpu        linear CPU share (vCPU = MB / mbPerVcpu, at most maxVcpu); 0 when {@code vcpuTable} is used
 * @param vcpuTable        vCPU of listed sizes; a size between rows gets the next larger row's vCPU
 * @param rows             the figures this was built from
 */
public record Offering(String id, String provider, String service, String architecture, String region,
        double usdPerGbSecond, double usdPerVcpuSecond, double usdPerRequest, double freeGbSeconds,
        double freeVcpuSeconds, double freeRequests, int granularityMs, int minimumBilledMs, boolean initBilled,
        int minMemoryMb, int maxMemoryMb, List<Integer> sizesMb, double mbPerVcpu, double maxVcpu,
        NavigableMap<Integer, Double> vcpuTable, List<PriceRow> rows) {
    public Offering {
        Objects.requireNonNull(id, "id");
        if (granularityMs < 1) {
            throw new IllegalArgumentException(id + ": billing granularity " + granularityMs + " ms must be >= 1");
        }
        sizesMb = List.copyOf(sizesMb).stream().sorted().toList();
        vcpuTable = new TreeMap<>(vcpuTable);
        rows = List.copyOf(rows);
    }

    /** The memory the provider bills for a requested size: the next allowed size up, or -1 if none fits. */
    public int billedMemoryMb(int requestedMb) {
        if (!sizesMb.isEmpty()) {
            return sizesMb.stream().filter(s -> s >= requestedMb).findFirst().orElse(-1);
        }
        return requestedMb > maxMemoryMb ? -1 : Math.max(requestedMb, minMemoryMb);
    }

    /** vCPU share the provider gives a function of this (billed) memory size. */
    public double vcpu(int memoryMb) {
        if (!vcpuTable.isEmpty()) {
            var e = vcpuTable.ceilingEntry(memoryMb);
            return e == null ? vcpuTable.lastEntry().getValue() : e.getValue();
        }
        return Math.min(maxVcpu, memoryMb / mbPerVcpu);
    }

    /** A duration as billed: rounded up to the granularity, at least the minimum; 0 stays 0. */
    public long billedMs(double ms) {
        if (ms <= 0) {
            return 0;
        }
        // tolerate float noise: 300.0000000001 ms is 300 ms, not 400
        long units = (long) Math.ceil(ms / granularityMs - 1e-9);
        return Math.max(minimumBilledMs, units * granularityMs);
    }

    /** The rows whose figures could not be confirmed on the provider's own page. */
    public List<PriceRow> unconfirmed() {
        return rows.stream().filter(r -> !r.confirmed()).toList();
    }
}
