package dev.vss.dl.openvino;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.dl.ModelFormat;
import dev.vss.dl.Model;
import dev.vss.dl.internal.Closeables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * OpenVINO through its C API. Owns one {@code ov_core_t}; thread-safe (the core is).
 */
final class OpenVinoEngine implements Engine {
    private final OvLib lib;
    private final Pointer core;
    private final String version;
    private final Closeables state = new Closeables("OpenVINO engine");

    OpenVinoEngine() throws DlException {
        this.lib = OvNatives.lib();
        OvLib.OvVersion v = new OvLib.OvVersion();
        Ov.check(lib, lib.ov_get_openvino_version(v), DlErrorCode.NATIVE_ERROR, "ov_get_openvino_version");
        v.read();
        this.version = v.buildNumber.getString(0);
        lib.ov_version_free(v);
        PointerByReference ref = new PointerByReference();
        Ov.check(lib, lib.ov_core_create(ref), DlErrorCode.RUNTIME_NOT_FOUND, "ov_core_create");
        this.core = ref.getValue();
    }

    @Override
    public String name() {
        return OpenVinoEngineProvider.NAME;
    }

    @Override
    public String version() {
        return version;
    }

    /** The folder libopenvino_c was loaded from (for diagnostics). */
    Path libraryPath() {
        return OvNatives.loadedFrom();
    }

    @Override
    public Model readModel(Path model, Path weights) throws DlException {
        return readModel(model, weights, null);
    }

    @Override
    public Model readModel(Path model, Path weights, String sourceSha256) throws DlException {
        state.ensureOpen();
        Engine.requireReadable(model, "model file");
        ModelFormat format = ModelFormat.of(model);
        if (format == ModelFormat.IR) {
            if (weights == null) {
                String n = model.getFileName().toString();
                weights = model.resolveSibling(n.substring(0, n.length() - 4) + ".bin");
            }
            Engine.requireReadable(weights, "weights file");
            // A .bin smaller than the xml's constants makes OpenVINO read out of bounds: it reports that as an
            // error, so no extra check is needed here.
        } else if (weights != null) {
            throw new IllegalArgumentException("weights: only OpenVINO IR models take a weights file, not " + format);
        }
        PointerByReference ref = new PointerByReference();
        Ov.check(lib, lib.ov_core_read_model(core, model.toString(), weights == null ? null : weights.toString(), ref),
                DlErrorCode.MODEL_INVALID, "reading model " + model);
        Path[] sources = weights == null ? new Path[] {model} : new Path[] {model, weights};
        return new OvModel(this, ref.getValue(), model.getFileName().toString(), null, sources, sourceSha256);
    }

    /**
     * Compiles straight from the file ({@code ov_core_compile_model_from_file}): with a compiled-model cache, OpenVINO
     * finds the blob by the file's path and the properties and imports it without reading the model; the cache entry
     * is the one of the file's contents ({@code sourceSha256}, else the file's hash).
     */
    @Override
    public dev.vss.dl.CompiledModel compileFile(Path model, dev.vss.dl.CompileOptions options, String sourceSha256)
            throws DlException {
        state.ensureOpen();
        Engine.requireReadable(model, "model file");
        ModelFormat format = ModelFormat.of(model);
        Path[] sources = {model};
        if (format == ModelFormat.IR) {
            String n = model.getFileName().toString();
            Path weights = model.resolveSibling(n.substring(0, n.length() - 4) + ".bin");
            Engine.requireReadable(weights, "weights file");
            sources = new Path[] {model, weights};
        }
        Path[] files = sources;
        return OvModel.withCache(this, options, () -> sourceSha256 != null ? sourceSha256 : OvCache.sha256(files),
                props -> {
                    java.util.List<Memory> keep = new java.util.ArrayList<>();
                    OvLib.OvProperty first = OvModel.properties(props, keep);
                    PointerByReference ref = new PointerByReference();
                    Ov.check(lib, lib.ov_core_compile_model_from_file_props(core(), model.toString(), options.device(),
                            props.size(), first, ref), DlErrorCode.MODEL_INVALID, "compiling " + model.getFileName()
                            + " for " + options.device() + " with " + props);
                    // no model was read: the ports (and their names) are the compiled model's
                    return new OvCompiledModel(lib, ref.getValue(), model.getFileName().toString(),
                            java.util.List.of(), java.util.List.of());
                });
    }

    @Override
    public Model readModel(byte[] model, byte[] weights, ModelFormat format) throws DlException {
        state.ensureOpen();
        if (model == null || model.length == 0) {
            throw new IllegalArgumentException("model: no bytes");
        }
        if (format == ModelFormat.IR && (weights == null || weights.length == 0)) {
            throw new IllegalArgumentException("weights: an IR model read from memory needs its .bin bytes");
        }
        if (format == ModelFormat.IR && !new String(model, 0, Math.min(model.length, 256), StandardCharsets.UTF_8)
                .contains("<")) {
            throw new DlException(DlErrorCode.MODEL_INVALID, "IR model bytes are not XML");
        }
        Memory modelMem = new Memory(model.length);
        modelMem.write(0, model, 0, model.length);
        Memory weightsMem = null;
        Pointer weightsTensor = null;
        PointerByReference ref = new PointerByReference();
        try {
            if (weights != null && weights.length > 0) {
                weightsMem = new Memory(weights.length);
                weightsMem.write(0, weights, 0, weights.length);
                weightsTensor = OvTensors.wrap(lib, dev.vss.dl.ElementType.U8, new long[] {weights.length}, weightsMem);
            }
            Ov.check(lib, lib.ov_core_read_model_from_memory_buffer(core, modelMem, model.length, weightsTensor, ref),
                    DlErrorCode.MODEL_INVALID, "reading " + format + " model from memory");
        } finally {
            if (weightsTensor != null) {
                lib.ov_tensor_free(weightsTensor);
            }
        }
        // The model may share the weights memory: keep it until the model is closed.
        return new OvModel(this, ref.getValue(), "memory", weightsMem, null, OvCache.sha256(model, weights));
    }

    OvLib lib() {
        return lib;
    }

    Pointer core() {
        state.ensureOpen();
        return core;
    }

    private volatile String cpuKey;

    /**
     * What identifies this CPU for the compiled-model cache: OpenVINO's device name and optimization capabilities and,
     * on Linux, the kernel's CPU flags (the ISA a blob was compiled for: AVX-512, AMX, ...).
     */
    String cpuKey() throws DlException {
        String k = cpuKey;
        if (k == null) {
            StringBuilder sb = new StringBuilder(deviceProperty("CPU", "FULL_DEVICE_NAME"));
            try {
                sb.append(" | ").append(deviceProperty("CPU", "OPTIMIZATION_CAPABILITIES"));
            } catch (DlException e) {
                // older plugins may lack the property; the name and flags still tell CPUs apart
            }
            try (var lines = java.nio.file.Files.lines(Path.of("/proc/cpuinfo"))) {
                lines.filter(l -> l.startsWith("flags")).findFirst()
                        .ifPresent(l -> sb.append(" | flags ").append(OvCache.sha256(
                                l.getBytes(StandardCharsets.UTF_8)).substring(0, 16)));
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // not Linux: the device name stands alone
            }
            k = sb.toString();
            cpuKey = k;
        }
        return k;
    }

    @Override
    public String deviceInfo(String device) throws DlException {
        return deviceProperty(device, "FULL_DEVICE_NAME");
    }

    /** Reads a property of a device (e.g. "FULL_DEVICE_NAME", "OPTIMIZATION_CAPABILITIES"). */
    @Override
    public String deviceProperty(String device, String key) throws DlException {
        java.util.Objects.requireNonNull(device, "device");
        java.util.Objects.requireNonNull(key, "key");
        PointerByReference ref = new PointerByReference();
        Ov.check(lib, lib.ov_core_get_property(core(), device, key, ref), DlErrorCode.NATIVE_ERROR,
                "ov_core_get_property " + key);
        return Ov.takeString(lib, ref.getValue());
    }

    @Override
    public void close() {
        if (state.markClosed()) {
            lib.ov_core_free(core);
        }
    }

}
