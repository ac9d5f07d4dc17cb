// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.faas;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.runtime.InitStrategy;
import dev.vss.bl.ops.Stats;
import dev.vss.lab.cost.CostModel;
import dev.vss.lab.cost.Offering;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code vss run-local} prints of a {@link LocalFaas.Run}: images, failures, cold starts, init and stage times,
 * throughput, billed GB-s and cost per 1,000 images under an offering. Pure arithmetic over the run's records.
 */
public final class RunSummary {
    private RunSummary() {
    }

    /** The run-local summary of a run; the cost is {@link CostModel#bill(Offering, CostModel.Usage)} of what it billed. */
    public static Map<String, Object> of(LocalFaas.Run run, InitStrategy strategy, int batch, Offering prices) {
        List<Double> inits = new ArrayList<>();
        Map<String, double[]> phases = new LinkedHashMap<>();
        Map<String, double[]> stages = new LinkedHashMap<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        double handlerMs = 0;
        double busyMs = 0;
        double billedInitMs = 0;
        double billedHandlerMs = 0;
        int images = 0;
        int failed = 0;
        int cold = 0;
        int oom = 0;
        double jvmStart = 0;
        for (LocalFaas.Start st : run.starts()) {
            if (!st.ok()) {
                continue;
            }
            jvmStart += st.startedMs();
            if (st.ready().has("init_ms")) {
                addPhases(phases, st.ready().get("init_ms"));
                inits.add(st.readyMs()); // the INIT phase: JVM start + natives, models, compile, priming
            }
            busyMs += st.billedMs();
            billedInitMs += prices.billedMs(st.billedMs());
        }
        for (LocalFaas.Call c : run.calls()) {
            images += c.images();
            if (c.cold()) {
                cold++;
            }
            if (!c.ok()) {
                failed += c.images();
                oom += c.outOfMemory() ? 1 : 0;
                if (failures.size() < 20) {
                    failures.add(Map.of("images", c.images(), "message", c.failure()));
                }
                continue;
            }
            JsonNode r = c.result();
            double initInCall = 0;
            if (r.has("init_ms")) {
                addPhases(phases, r.get("init_ms"));
                initInCall = r.path("init_ms").path("total").asDouble();
                inits.add(initInCall); // local and lazy scope pay init inside the call
            }
            busyMs += c.billedMs();
            billedHandlerMs += prices.billedMs(c.billedMs());
            handlerMs += Math.max(0, c.billedMs() - initInCall * c.billedMs() / Math.max(1e-9, c.wallMs()));
            for (JsonNode im : r.path("images")) {
                if (!im.path("ok").asBoolean()) {
                    failed++;
                    if (failures.size() < 20) {
                        failures.add(Map.of("image", im.path("image").asText(), "message", im.path("code").asText() + ": "
                                + im.path("message").asText()));
                    }
                    continue;
                }
                im.path("stages_ms").fields().forEachRemaining(f -> {
                    double[] a = stages.computeIfAbsent(f.getKey(), x -> new double[2]);
                    a[0] += f.getValue().asDouble();
                    a[1]++;
                });
            }
            for (JsonNode f : r.path("failures")) {
                if (r.path("images").size() == 0) {
                    failed++;
                }
                if (failures.size() < 20) {
                    failures.add(Map.of("image", f.path("image").asText(), "message", f.path("code").asText() + ": "
                            + f.path("message").asText()));
                }
            }
        }
        int mem = run.size().memoryMb();
        // the size as it ran (its memory and share), each call and start billed by the offering's rounding
        CostModel.Bill bill = CostModel.bill(prices, new CostModel.Usage(mem, run.size().vcpu(), run.calls().size(),
                billedHandlerMs + (prices.initBilled() ? billedInitMs : 0), false));
        double gbs = bill.gbSeconds();
        double usd = bill.usd();
        Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("images", images);
        sum.put("failed", failed);
        sum.put("invocations", run.calls().size());
        sum.put("cold_starts", cold);
        double[] in = inits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        sum.put("init_ms_p50", r(Stats.percentile(in, 50)));
        sum.put("init_ms_p99", r(Stats.percentile(in, 99)));
        long okStarts = run.starts().stream().filter(LocalFaas.Start::ok).count();
        sum.put("jvm_start_ms_mean", r(okStarts == 0 ? 0 : jvmStart / okStarts));
        sum.put("images_per_s", r(images / (busyMs / 1000.0)));
        sum.put("warm_images_per_s", r(images / (handlerMs / 1000.0)));
        sum.put("billed_gb_s", Math.round(gbs * 1000) / 1000.0);
        sum.put("cost_usd_per_1000_images", Math.round(usd / Math.max(1, images) * 1000 * 1e6) / 1e6);
        sum.put("offering", prices.id());
        Map<String, Object> st = new LinkedHashMap<>();
        stages.forEach((s, a) -> st.put(s, r(a[0] / a[1])));
        sum.put("stage_ms_mean", st);
        Map<String, Object> ph = new LinkedHashMap<>();
        phases.forEach((s2, a) -> ph.put(s2, r(a[0] / a[1])));
        sum.put("init_phases_ms_mean", ph);
        sum.put("memory_mb", mem);
        sum.put("vcpu", r(run.size().vcpu()));
        sum.put("threads", run.size().threads());
        sum.put("batch", batch);
        sum.put("init", strategy.name().toLowerCase(Locale.ROOT));
        sum.put("instances", run.starts().stream().mapToInt(LocalFaas.Start::slot).max().orElse(0) + 1);
        sum.put("limits", run.limits().name().toLowerCase(Locale.ROOT));
        sum.put("limits_detail", run.limitsDetail());
        sum.put("peak_memory_mb", run.peakMb());
        sum.put("out_of_memory", oom);
        sum.put("failures", failures);
        return sum;
    }

    private static void addPhases(Map<String, double[]> acc, JsonNode p) {
        p.fields().forEachRemaining(f -> {
            double[] a = acc.computeIfAbsent(f.getKey(), x -> new double[2]);
            a[0] += f.getValue().asDouble();
            a[1]++;
        });
    }

    private static double r(double v) {
        return Double.isNaN(v) ? 0 : Math.round(v * 100) / 100.0;
    }

}
