// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.plan;

import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this CPU can do for inference, as OpenVINO and the kernel report it: the device name, OpenVINO's
 * {@code OPTIMIZATION_CAPABILITIES} (FP32, BF16, FP16, INT8, ...) and default {@code INFERENCE_PRECISION_HINT}, and
 * the CPU flags that matter for them (AMX, AVX-512 VNNI/BF16, AVX-VNNI, AVX2). Read, never assumed: the same code runs
 * on Xeons with AMX and on EPYCs without. Immutable.
 */
public record Capabilities(String cpuModel, String device, List<String> optimization, String inferencePrecision,
        Set<String> flags) {
    /** The flags we report: matrix and dot-product extensions that decide which precision is fast. */
    static final List<String> FLAGS = List.of("amx_tile", "amx_int8", "amx_bf16", "avx512_vnni", "avx512_bf16",
            "avx_vnni", "avx512f", "avx2");

    public Capabilities {
        optimization = List.copyOf(optimization);
        flags = new TreeSet<>(flags);
    }

    /** Reads the capabilities through an OpenVINO engine and /proc/cpuinfo. */
    public static Capabilities read() {
        String model = cpuinfo("model name");
        Set<String> flags = new TreeSet<>();
        for (String f : cpuinfo("flags").split(" ")) {
            if (FLAGS.contains(f)) {
                flags.add(f);
            }
        }
        try (Engine e = Engine.newInstance("openvino")) {
            return new Capabilities(model, e.deviceInfo("CPU"),
                    List.of(e.deviceProperty("CPU", "OPTIMIZATION_CAPABILITIES").trim().split("\\s+")),
                    e.deviceProperty("CPU", "INFERENCE_PRECISION_HINT").trim(), flags);
        } catch (DlException e) {
            return new Capabilities(model, "unknown (" + e.getMessage() + ")", List.of(), "unknown", flags);
        }
    }

    private static String cpuinfo(String key) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith(key)) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    /**
     * The model precisions worth measuring here: FP32 and FP16 IRs run on every CPU (computed in f32, or bf16 where
     * the device's default says so); FP16-INT8 only where the device lists INT8.
     */
    public List<String> candidates() {
        List<String> c = new ArrayList<>(List.of("FP32", "FP16"));
        if (optimization.contains("INT8")) {
            c.add("FP16-INT8");
        }
        return c;
    }

    /** For plan.json and the log line. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_model", cpuModel);
        m.put("device", device);
        m.put("optimization_capabilities", optimization);
        m.put("inference_precision_hint", inferencePrecision.toLowerCase(Locale.ROOT));
        m.put("cpu_flags", List.copyOf(flags));
        return m;
    }
}
