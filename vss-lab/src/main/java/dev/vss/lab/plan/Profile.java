// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.lab.faas.LocalFaas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one configuration (precision, inference threads) costs on this machine without a CPU limit, phase by phase,
 * in wall and CPU ms: the JVM's start, each init phase, a warm request of each batch size, the extra of the first
 * (cold) request, and with local-scope init the init paid inside each call. From these, {@link Derivation} predicts
 * the durations under any vCPU share. Immutable.
 */
public record Profile(String precision, int threads, Phase jvm, Map<String, Phase> init, TreeMap<Integer, Phase> request,
        Phase firstCallExtra, Phase localInitFirst, Phase localInit, long peakMb) {

    /** A phase's wall and CPU ms; under a share of v vCPUs it takes at least CPU / v. */
    public record Phase(double wallMs, double cpuMs) {
        public static final Phase ZERO = new Phase(0, 0);

        public Phase plus(Phase o) {
            return new Phase(wallMs + o.wallMs, cpuMs + o.cpuMs);
        }

        public Phase minus(Phase o) {
            return new Phase(Math.max(0, wallMs - o.wallMs), Math.max(0, cpuMs - o.cpuMs));
        }

        public Phase times(double k) {
            return new Phase(wallMs * k, cpuMs * k);
        }

        /**
         * Duration at a CPU share of {@code vcpu}: the CPU time spread over the share, or the wall time if longer. The
         * wall time is capped at the CPU time: on a busy measuring machine a phase waits for a core, and that wait
         * must not pass for the phase's own need (the phases here compute; they do not sleep or wait on a network).
         */
        public double at(double vcpu) {
            return Math.max(Math.min(wallMs, cpuMs), cpuMs / vcpu);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("wall_ms", Math.round(wallMs * 10) / 10.0);
            m.put("cpu_ms", Math.round(cpuMs * 10) / 10.0);
            return m;
        }
    }

    public Profile {
        init = new LinkedHashMap<>(init);
        request = new TreeMap<>(request);
    }

    /** The whole INIT phase after the JVM started: init phases and the handler's own set-up. */
    public Phase initTotal() {
        return init.values().stream().reduce(Phase.ZERO, Phase::plus);
    }

    /**
     * A profile from a global-scope run (its events' nominal batch sizes in {@code batches}, the first event cold)
     * and, when given, a local-scope run of batch-1 events.
     *
     * @throws IllegalStateException if the global run's instance did not start or no warm request succeeded
     */
    public static Profile of(String precision, int threads, LocalFaas.Run global, List<Integer> batches,
            LocalFaas.Run local) {
        LocalFaas.Start s = global.starts().stream().filter(LocalFaas.Start::ok).findFirst()
                .orElseThrow(() -> new IllegalStateException("calibration " + precision + "/" + threads + " thread(s): "
                        + "the instance did not start: " + global.starts().get(0).failure()));
        Phase jvm = new Phase(s.startedMs(), s.jvmCpuMs());
        Map<String, Phase> init = new LinkedHashMap<>();
        Phase sum = Phase.ZERO;
        JsonNode wall = s.ready().path("init_ms");
        JsonNode cpu = s.ready().path("init_cpu_ms");
        for (var it = wall.fields(); it.hasNext();) {
            var f = it.next();
            if (f.getKey().equals("total")) {
                continue;
            }
            Phase p = new Phase(f.getValue().asDouble(), cpu.path(f.getKey()).asDouble());
            init.put(f.getKey(), p);
            sum = sum.plus(p);
        }
        // what the handler does around the pipeline's init (catalog, stores, gallery): the rest up to "ready"
        init.put("handler_setup", new Phase(s.readyMs() - s.startedMs(), s.cpuMs() - s.jvmCpuMs()).minus(sum));
        Map<Integer, List<LocalFaas.Call>> warm = new TreeMap<>();
        LocalFaas.Call first = null;
        int firstBatch = 1;
        for (int i = 0; i < global.calls().size(); i++) {
            LocalFaas.Call c = global.calls().get(i);
            if (!c.ok()) {
                continue;
            }
            if (c.cold()) {
                first = c;
                firstBatch = batches.get(i);
            } else {
                warm.computeIfAbsent(batches.get(i), b -> new ArrayList<>()).add(c);
            }
        }
        TreeMap<Integer, Phase> request = new TreeMap<>();
        for (var e : warm.entrySet()) {
            double w = 0;
            double c = 0;
            int images = 0;
            for (LocalFaas.Call call : e.getValue()) {
                w += call.wallMs();
                c += call.cpuMs();
                images += call.images();
            }
            // per image, times the nominal batch: a last, shorter batch does not bias the figure
            request.put(e.getKey(), new Phase(w / images * e.getKey(), c / images * e.getKey()));
        }
        if (request.isEmpty()) {
            throw new IllegalStateException("calibration " + precision + "/" + threads + " thread(s): no warm request "
                    + "succeeded");
        }
        Phase extra = Phase.ZERO;
        if (first != null) {
            Phase same = request.getOrDefault(firstBatch, request.firstEntry().getValue());
            extra = new Phase(first.wallMs(), first.cpuMs()).minus(same.times((double) first.images() / firstBatch));
        }
        Phase localFirst = null;
        Phase localWarm = null;
        if (local != null) {
            List<Phase> warmInits = new ArrayList<>();
            for (LocalFaas.Call c : local.calls()) {
                if (!c.ok() || !c.result().has("init_ms")) {
                    continue;
                }
                double cpuSum = 0;
                for (var it = c.result().path("init_cpu_ms").fields(); it.hasNext();) {
                    cpuSum += it.next().getValue().asDouble();
                }
                Phase p = new Phase(c.result().path("init_ms").path("total").asDouble(), cpuSum);
                if (c.cold()) {
                    localFirst = p;
                } else {
                    warmInits.add(p);
                }
            }
            if (!warmInits.isEmpty()) {
                localWarm = warmInits.stream().reduce(Phase.ZERO, Phase::plus).times(1.0 / warmInits.size());
            }
            if (localFirst == null) {
                localFirst = localWarm;
            }
        }
        return new Profile(precision, threads, jvm, init, request, extra, localFirst, localWarm, global.peakMb());
    }

    /** CPU ms per image of a warm request: what the precision choice compares. */
    public double cpuMsPerImage() {
        var e = request.firstEntry();
        return e.getValue().cpuMs() / e.getKey();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", precision);
        m.put("threads", threads);
        m.put("jvm_start", jvm.toMap());
        Map<String, Object> in = new LinkedHashMap<>();
        init.forEach((k, v) -> in.put(k, v.toMap()));
        m.put("init_phases", in);
        Map<String, Object> rq = new LinkedHashMap<>();
        request.forEach((k, v) -> rq.put(Integer.toString(k), v.toMap()));
        m.put("warm_request_by_batch", rq);
        m.put("first_request_extra", firstCallExtra.toMap());
        m.put("local_init_first_call", localInitFirst == null ? null : localInitFirst.toMap());
        m.put("local_init_per_call", localInit == null ? null : localInit.toMap());
        m.put("peak_memory_mb", peakMb);
        return m;
    }
}
