package dev.vss.bl.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Timed phases of building a runtime (the paper's lifecycle steps 2–7), in ms.
 *
 * @param natives     OpenCV and OpenVINO native libraries loaded, engine (core) created, device plugin loaded
 * @param modelFetch  models copied from a store into the instance's temp dir and checksums verified (0 if local)
 * @param readCompile models read and compiled (from the compiled-model cache when warm)
 * @param warmup      priming inference of every model (0 if switched off)
 */
public record InitPhases(double natives, double modelFetch, double readCompile, double warmup) {
    public double total() {
        return natives + modelFetch + readCompile + warmup;
    }

    /** Ordered map for JSON logs and results. */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("natives", r(natives));
        m.put("model_fetch", r(modelFetch));
        m.put("read_compile", r(readCompile));
        m.put("warmup", r(warmup));
        m.put("total", r(total()));
        return m;
    }

    private static double r(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
