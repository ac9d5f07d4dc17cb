package dev.vss.dl.openvino;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.vss.dl.CompileOptions;
import dev.vss.dl.CompiledModel;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.ElementType;
import dev.vss.dl.ImagePreprocessing;
import dev.vss.dl.Model;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Shape;
import dev.vss.dl.internal.Closeables;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@code ov_model_t}. Not thread-safe. */
final class OvModel implements Model {
    private final OpenVinoEngine engine;
    private final OvLib lib;
    private final String name;
    private final Closeables state;
    private Pointer model;
    @SuppressWarnings("unused") // keeps weights read from memory alive as long as the model
    private final Memory weights;
    private final Path[] sources; // files read, hashed only when a compile uses the cache
    private String sourceSha256;

    /** {@code sources} (files it was read from) or {@code sourceSha256} (of the contents), or both: the digest wins. */
    OvModel(OpenVinoEngine engine, Pointer model, String name, Memory weights, Path[] sources, String sourceSha256) {
        this.engine = engine;
        this.lib = engine.lib();
        this.model = model;
        this.name = name;
        this.weights = weights;
        this.sources = sources;
        this.sourceSha256 = sourceSha256;
        this.state = new Closeables("model " + name);
    }

    @Override
    public List<PortInfo> inputs() throws DlException {
        state.ensureOpen();
        return ports(true);
    }

    @Override
    public List<PortInfo> outputs() throws DlException {
        state.ensureOpen();
        return ports(false);
    }

    private List<PortInfo> ports(boolean inputs) throws DlException {
        return inputs ? Ov.ports(lib, n -> lib.ov_model_inputs_size(model, n),
                (i, port) -> lib.ov_model_const_input_by_index(model, i, port), "ov_model_inputs/outputs_size",
                "model port")
                : Ov.ports(lib, n -> lib.ov_model_outputs_size(model, n),
                        (i, port) -> lib.ov_model_const_output_by_index(model, i, port), "ov_model_inputs/outputs_size",
                        "model port");
    }

    @Override
    public void reshape(int index, Shape shape) throws DlException {
        state.ensureOpen();
        List<PortInfo> in = inputs();
        if (index < 0 || index >= in.size()) {
            throw new IllegalArgumentException("index: input " + index + " does not exist; the model has "
                    + in.size() + " input(s)");
        }
        if (shape.rank() != in.get(index).shape().rank()) {
            throw new DlException(DlErrorCode.SHAPE_MISMATCH, "reshape of input " + index + " to " + shape
                    + ": rank differs from the model's " + in.get(index).shape());
        }
        Memory[] keep = new Memory[1];
        OvLib.OvPartialShape ps = Ov.partialShape(shape, keep);
        Ov.check(lib, lib.ov_model_reshape_by_port_indexes(model, new long[] {index}, ps, 1),
                DlErrorCode.SHAPE_MISMATCH, "reshape of input " + index + " to " + shape);
    }

    @Override
    public void addImagePreprocessing(ImagePreprocessing pre) throws DlException {
        state.ensureOpen();
        List<PortInfo> in = inputs();
        if (pre.inputIndex() >= in.size()) {
            throw new IllegalArgumentException("pre.inputIndex: input " + pre.inputIndex() + " does not exist; the "
                    + "model has " + in.size() + " input(s)");
        }
        PortInfo port = in.get(pre.inputIndex());
        Shape s = port.shape();
        if (s.rank() != 4 || s.dim(1) != 3 || s.isDynamic()) {
            throw new DlException(DlErrorCode.UNSUPPORTED, "image pre-processing needs a static NCHW input with 3 "
                    + "channels; input " + pre.inputIndex() + " '" + port.name() + "' is " + s);
        }
        long h = s.dim(2);
        long w = s.dim(3);
        List<Pointer> toFree = new ArrayList<>();
        PointerByReference ref = new PointerByReference();
        Pointer ppp = null;
        Pointer info = null;
        Pointer tensorInfo = null;
        Pointer steps = null;
        Pointer modelInfo = null;
        try {
            Ov.check(lib, lib.ov_preprocess_prepostprocessor_create(model, ref), DlErrorCode.NATIVE_ERROR, "ppp create");
            ppp = ref.getValue();
            Ov.check(lib, lib.ov_preprocess_prepostprocessor_get_input_info_by_index(ppp, pre.inputIndex(), ref),
                    DlErrorCode.NATIVE_ERROR, "ppp input info");
            info = ref.getValue();
            Ov.check(lib, lib.ov_preprocess_input_info_get_tensor_info(info, ref), DlErrorCode.NATIVE_ERROR,
                    "ppp tensor info");
            tensorInfo = ref.getValue();
            Ov.check(lib, lib.ov_preprocess_input_tensor_info_set_element_type(tensorInfo, Ov.toOv(ElementType.U8)),
                    DlErrorCode.NATIVE_ERROR, "ppp tensor element type");
            Ov.check(lib, lib.ov_preprocess_input_tensor_info_set_color_format(tensorInfo, OvLib.COLOR_BGR),
                    DlErrorCode.NATIVE_ERROR, "ppp tensor colour format");
            Pointer nhwc = layout("NHWC", toFree);
            Ov.check(lib, lib.ov_preprocess_input_tensor_info_set_layout(tensorInfo, nhwc), DlErrorCode.NATIVE_ERROR,
                    "ppp tensor layout");
            if (pre.resize()) {
                // Placeholder size: the input is made spatially dynamic after build (the C API has no
                // set_spatial_dynamic_shape), the resize target stays the model's size.
                Ov.check(lib, lib.ov_preprocess_input_tensor_info_set_spatial_static_shape(tensorInfo, h, w),
                        DlErrorCode.NATIVE_ERROR, "ppp tensor spatial shape");
            }
            Ov.check(lib, lib.ov_preprocess_input_info_get_preprocess_steps(info, ref), DlErrorCode.NATIVE_ERROR,
                    "ppp steps");
            steps = ref.getValue();
            Ov.check(lib, lib.ov_preprocess_preprocess_steps_convert_element_type(steps, Ov.toOv(ElementType.F32)),
                    DlErrorCode.NATIVE_ERROR, "ppp convert element type");
            if (pre.resize()) {
                Ov.check(lib, lib.ov_preprocess_preprocess_steps_resize(steps, OvLib.RESIZE_LINEAR),
                        DlErrorCode.NATIVE_ERROR, "ppp resize");
            }
            if (pre.modelRgb()) {
                Ov.check(lib, lib.ov_preprocess_preprocess_steps_convert_color(steps, OvLib.COLOR_RGB),
                        DlErrorCode.NATIVE_ERROR, "ppp convert colour");
            }
            float[] mean = pre.mean();
            if (mean != null) {
                Ov.check(lib, lib.ov_preprocess_preprocess_steps_mean_multi_channels(steps, expand(mean), 3),
                        DlErrorCode.NATIVE_ERROR, "ppp mean");
            }
            float[] scale = pre.scale();
            if (scale != null) {
                Ov.check(lib, lib.ov_preprocess_preprocess_steps_scale_multi_channels(steps, expand(scale), 3),
                        DlErrorCode.NATIVE_ERROR, "ppp scale");
            }
            Ov.check(lib, lib.ov_preprocess_input_info_get_model_info(info, ref), DlErrorCode.NATIVE_ERROR,
                    "ppp model info");
            modelInfo = ref.getValue();
            Ov.check(lib, lib.ov_preprocess_input_model_info_set_layout(modelInfo, layout("NCHW", toFree)),
                    DlErrorCode.NATIVE_ERROR, "ppp model layout");
            Ov.check(lib, lib.ov_preprocess_prepostprocessor_build(ppp, ref), DlErrorCode.NATIVE_ERROR, "ppp build");
            Pointer built = ref.getValue();
            lib.ov_model_free(model);
            model = built;
        } finally {
            if (modelInfo != null) {
                lib.ov_preprocess_input_model_info_free(modelInfo);
            }
            if (steps != null) {
                lib.ov_preprocess_preprocess_steps_free(steps);
            }
            if (tensorInfo != null) {
                lib.ov_preprocess_input_tensor_info_free(tensorInfo);
            }
            if (info != null) {
                lib.ov_preprocess_input_info_free(info);
            }
            if (ppp != null) {
                lib.ov_preprocess_prepostprocessor_free(ppp);
            }
            toFree.forEach(lib::ov_layout_free);
        }
        if (pre.resize()) {
            reshape(pre.inputIndex(), Shape.of(1, -1, -1, 3));
        }
    }

    private static float[] expand(float[] v) {
        return v.length == 3 ? v : new float[] {v[0], v[0], v[0]};
    }

    private Pointer layout(String desc, List<Pointer> toFree) throws DlException {
        PointerByReference ref = new PointerByReference();
        Ov.check(lib, lib.ov_layout_create(desc, ref), DlErrorCode.NATIVE_ERROR, "ov_layout_create " + desc);
        toFree.add(ref.getValue());
        return ref.getValue();
    }

    @Override
    public CompiledModel compile(CompileOptions options) throws DlException {
        state.ensureOpen();
        return withCache(engine, options, () -> sourceSha256 != null ? sourceSha256
                : (sourceSha256 = OvCache.sha256(sources)), props -> compile(options, props));
    }

    /** A compile given its OpenVINO properties (CACHE_DIR included when a cache is used). */
    interface Compile {
        CompiledModel run(Map<String, String> props) throws DlException;
    }

    /** The model's identity for the cache, computed only when a cache is used. */
    interface Digest {
        String get() throws IOException;
    }

    /**
     * OpenVINO properties of {@code options}; with a cache directory, the compile runs inside the verified, locked
     * cache entry of the model's contents, OpenVINO version and CPU ({@link OvCache}), whose manifest is updated after
     * the compile when it wrote a new blob.
     */
    static CompiledModel withCache(OpenVinoEngine engine, CompileOptions options, Digest digest, Compile compile)
            throws DlException {
        Map<String, String> props = new LinkedHashMap<>();
        if (options.hint() != dev.vss.dl.PerformanceHint.NONE) {
            props.put("PERFORMANCE_HINT", options.hint().name());
        }
        if (options.threads() > 0) {
            props.put("INFERENCE_NUM_THREADS", Integer.toString(options.threads()));
        }
        if (options.streams() > 0) {
            props.put("NUM_STREAMS", Integer.toString(options.streams()));
        }
        options.inferencePrecision().ifPresent(p -> props.put("INFERENCE_PRECISION_HINT", p));
        OvCache.Entry entry = null;
        if (options.cacheDir().isPresent()) {
            Path root = options.cacheDir().get();
            try {
                entry = OvCache.open(root, digest.get(), engine.version(), engine.cpuKey());
            } catch (IOException e) {
                throw new DlException(DlErrorCode.NATIVE_ERROR, "cannot use the compiled-model cache dir " + root
                        + ": " + e, e);
            }
            props.put("CACHE_DIR", entry.dir().toString());
        }
        try {
            props.putAll(options.properties());
            CompiledModel cm = compile.run(props);
            if (entry != null) {
                try {
                    entry.record();
                } catch (IOException e) {
                    System.getLogger("dev.vss.dl.cache").log(System.Logger.Level.WARNING, "compiled-model cache "
                            + entry.dir() + ": cannot write the manifest (" + e + "); the next compile rebuilds it");
                }
            }
            return cm;
        } finally {
            if (entry != null) {
                entry.close();
            }
        }
    }

    /** The properties as a C array of ov_property_t (null when empty); the strings stay alive in {@code keep}. */
    static OvLib.OvProperty properties(Map<String, String> props, List<Memory> keep) {
        if (props.isEmpty()) {
            return null;
        }
        OvLib.OvProperty first = new OvLib.OvProperty();
        OvLib.OvProperty[] arr = (OvLib.OvProperty[]) first.toArray(props.size());
        int i = 0;
        for (var e : props.entrySet()) {
            arr[i].key = cstr(e.getKey(), keep);
            arr[i].value = cstr(e.getValue(), keep);
            arr[i].write();
            i++;
        }
        return first;
    }

    private CompiledModel compile(CompileOptions options, Map<String, String> props) throws DlException {
        List<Memory> keep = new ArrayList<>();
        OvLib.OvProperty first = properties(props, keep);
        PointerByReference ref = new PointerByReference();
        Ov.check(lib, lib.ov_core_compile_model_props(engine.core(), model, options.device(), props.size(), first, ref),
                DlErrorCode.MODEL_INVALID, "compiling " + name + " for " + options.device() + " with " + props);
        // The compiled model may report another of a port's tensor names (e.g. "291" for YuNet's "cls_8"): keep
        // the model's names so that ports are named alike on every engine.
        return new OvCompiledModel(lib, ref.getValue(), name, inputs(), outputs());
    }

    private static Memory cstr(String s, List<Memory> keep) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(b.length + 1L);
        m.write(0, b, 0, b.length);
        m.setByte(b.length, (byte) 0);
        keep.add(m);
        return m;
    }

    @Override
    public void close() {
        if (state.markClosed()) {
            lib.ov_model_free(model);
        }
    }

    @Override
    public String toString() {
        return "OvModel{" + name + "}";
    }
}
