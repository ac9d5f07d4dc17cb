// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration of the sweep with its cost and times per 10,000 images.
 *
 * @param basis           {@code measured} (run under real limits of this size), {@code derived} (from measured CPU
 *                        time per phase and the vCPU share) or {@code extrapolated} (share above this machine's cores)
 * @param status          {@code ok} or {@code out_of_memory} (then no cost or times)
 * @param latencyMs       a warm request's duration (init included under local scope)
 * @param coldStartMs     from starting the instance to the first response (JVM start, init, first request)
 * @param initMs          the INIT phase (JVM start and, under global scope, the pipeline's init)
 */
public record PlanRow(String offering, String provider, String architecture, int memoryMb, int billedMemoryMb,
        double vcpu, int threads, int batch, String precision, String init, String basis, String status,
        double usdPer10kImages, double secondsPer10kImages, double coldStartMs, double initMs, double latencyMs,
        long requestsPer10k, long coldStartsPer10k, double billedGbSecondsPer10k, String note) {

    public boolean ok() {
        return status.equals("ok");
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offering", offering);
        m.put("provider", provider);
        m.put("architecture", architecture);
        m.put("memory_mb", memoryMb);
        m.put("billed_memory_mb", billedMemoryMb);
        m.put("vcpu", r(vcpu, 3));
        m.put("threads", threads);
        m.put("batch", batch);
        m.put("precision", precision);
        m.put("init", init);
        m.put("basis", basis);
        m.put("status", status);
        m.put("usd_per_10k_images", ok() ? r(usdPer10kImages, 6) : null);
        m.put("seconds_per_10k_images", ok() ? r(secondsPer10kImages, 1) : null);
        m.put("cold_start_ms", ok() ? r(coldStartMs, 1) : null);
        m.put("init_ms", ok() ? r(initMs, 1) : null);
        m.put("latency_ms", ok() ? r(latencyMs, 1) : null);
        m.put("requests_per_10k", requestsPer10k);
        m.put("cold_starts_per_10k", ok() ? coldStartsPer10k : null);
        m.put("billed_gb_s_per_10k", ok() ? r(billedGbSecondsPer10k, 2) : null);
        m.put("note", note);
        return m;
    }

    static double r(double v, int digits) {
        double k = Math.pow(10, digits);
        return Double.isFinite(v) ? Math.round(v * k) / k : Double.NaN;
    }
}
