// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which model precision to run on this CPU, and why: the candidate with the least measured CPU time per image (what a
 * function is billed for), unless the user named one. Immutable.
 *
 * @param chosen       the precision
 * @param reason       one sentence: measured fastest, or the override
 * @param cpuMsPerImage measured CPU ms per image of each candidate (one inference thread, warm, batch 1)
 * @param capabilities what the CPU reported
 */
public record PrecisionChoice(String chosen, String reason, Map<String, Double> cpuMsPerImage,
        Capabilities capabilities) {
    public PrecisionChoice {
        Objects.requireNonNull(chosen, "chosen");
        cpuMsPerImage = Map.copyOf(cpuMsPerImage);
    }

    /**
     * Chooses among the measured candidates.
     *
     * @param override a precision the user named (kept even if slower), or null
     * @throws IllegalArgumentException if nothing was measured, or the override is not a candidate here
     */
    public static PrecisionChoice choose(Capabilities caps, Map<String, Double> measured, String override) {
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("precision: no candidate could be measured");
        }
        String fastest = measured.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        if (override != null) {
            if (!measured.containsKey(override)) {
                throw new IllegalArgumentException("--precision " + override + ": not one of the precisions that run "
                        + "here " + List.copyOf(measured.keySet()));
            }
            return new PrecisionChoice(override, "named with --precision (measured fastest here: " + fastest + ")",
                    measured, caps);
        }
        return new PrecisionChoice(fastest, String.format(java.util.Locale.ROOT, "least CPU per image measured here "
                + "(%.1f ms), on %s with capabilities %s and default inference precision %s", measured.get(fastest),
                caps.cpuModel(), caps.optimization(), caps.inferencePrecision()), measured, caps);
    }

    /** For plan.json and the log line. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "precision");
        m.put("chosen", chosen);
        m.put("reason", reason);
        Map<String, Object> ms = new LinkedHashMap<>();
        cpuMsPerImage.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> ms.put(e.getKey(), Math.round(e.getValue() * 100) / 100.0));
        m.put("cpu_ms_per_image", ms);
        m.put("capabilities", capabilities.toMap());
        return m;
    }
}
