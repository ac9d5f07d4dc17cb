package dev.vss.dl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * An inference engine (backend): reads models. Owns its native runtime object; models it read stay valid after
 * the engine closes. Thread-safe: one engine per process is the intended use.
 *
 * <pre>{@code
 * try (Engine engine = Engine.newInstance("openvino");
 *      Model model = engine.readModel(Path.of("face-detection-retail-0004.xml"));
 *      CompiledModel compiled = model.compile(CompileOptions.defaults());
 *      InferRequest request = compiled.createRequest()) {
 *     request.setInput(0, tensor);
 *     request.infer();
 *     float[] detections = request.output(0).toFloatArray();
 * }
 * }</pre>
 */
public interface Engine extends AutoCloseable {
    /** Environment variable naming the engine to use when none is given. */
    String ENV_ENGINE = "VSS_ENGINE";

    /** The engine's name ("openvino", "opencv"). */
    String name();

    /** The backend's version string. */
    String version();

    /**
     * Reads a model file: OpenVINO IR (.xml with its .bin beside it), ONNX (.onnx) or TFLite (.tflite), as far as the
     * backend supports the format.
     *
     * @throws DlException MODEL_NOT_FOUND if a file is missing, MODEL_INVALID if it cannot be parsed
     */
    default Model readModel(Path model) throws DlException {
        return readModel(model, null);
    }

    /** Reads a model with an explicit weights file (IR .bin); {@code weights} may be null. */
    Model readModel(Path model, Path weights) throws DlException;

    /**
     * As {@link #readModel(Path, Path)}, with the sha256 (hex) identifying the files' contents, e.g. the model
     * catalog's, checked by the caller: a compiled-model cache then need not hash the files again. The default ignores
     * it.
     */
    default Model readModel(Path model, Path weights, String sourceSha256) throws DlException {
        return readModel(model, weights);
    }

    /**
     * Reads a model from memory: {@code model} is the IR xml / ONNX / TFLite bytes, {@code weights} the IR .bin bytes
     * or null. The engine keeps its own reference to the bytes for as long as the model needs them.
     */
    Model readModel(byte[] model, byte[] weights, ModelFormat format) throws DlException;

    /**
     * Reads and compiles a model file in one step, without image pre-processing. With a compiled-model cache
     * ({@link CompileOptions#cacheDir()}) an engine that can compile straight from a file looks the compiled model up
     * by the file and the options and, when it is there, never reads or hashes the model graph: the cold start of a
     * plain Python OpenVINO script. The default reads and compiles.
     *
     * @param sourceSha256 sha256 (hex) identifying the file's contents, e.g. the model catalog's, checked by the
     *                     caller; null lets the engine hash the file when its cache needs to
     * @throws DlException MODEL_NOT_FOUND, MODEL_INVALID as {@link #readModel(Path)} and {@link Model#compile}
     */
    default CompiledModel compileFile(Path model, CompileOptions options, String sourceSha256) throws DlException {
        try (Model m = readModel(model)) {
            return m.compile(options);
        }
    }

    /**
     * A description of the device the engine runs on (for OpenVINO the device's FULL_DEVICE_NAME). Loads the
     * device plugin if it is not loaded yet, so benchmarks call it to keep plugin loading out of compile times.
     */
    String deviceInfo(String device) throws DlException;

    /**
     * One property of a device as the engine reports it, e.g. OpenVINO's {@code OPTIMIZATION_CAPABILITIES} ("FP32 BF16
     * INT8 ...") or {@code INFERENCE_PRECISION_HINT}. Engines without device properties throw UNSUPPORTED.
     *
     * @throws DlException UNSUPPORTED if the engine has no such properties, NATIVE_ERROR if the device rejects the key
     */
    default String deviceProperty(String device, String key) throws DlException {
        throw new DlException(DlErrorCode.UNSUPPORTED, getClass().getSimpleName() + " reports no device properties ("
                + key + ")");
    }

    /** Idempotent. */
    @Override
    void close();

    /** Names of the engines on the class path, best first. */
    static List<String> availableEngines() {
        return providers().stream().map(EngineProvider::name).toList();
    }

    /** The engine named by the installed settings ({@code VSS_ENGINE}), else the best-ranked available one. */
    static Engine newInstance() throws DlException {
        String name = dev.vss.models.BaseSettings.current().engine();
        if (name != null && !name.isBlank()) {
            return newInstance(name.trim());
        }
        List<EngineProvider> ps = providers();
        if (ps.isEmpty()) {
            throw new DlException(DlErrorCode.ENGINE_NOT_FOUND, "no engine on the class path");
        }
        return ps.get(0).newEngine();
    }

    /**
     * The engine of that name.
     *
     * @throws DlException ENGINE_NOT_FOUND listing the available names
     */
    static Engine newInstance(String name) throws DlException {
        String n = name.toLowerCase(Locale.ROOT);
        for (EngineProvider p : providers()) {
            if (p.name().equals(n)) {
                return p.newEngine();
            }
        }
        throw new DlException(DlErrorCode.ENGINE_NOT_FOUND, "unknown engine '" + name + "'; available: "
                + availableEngines());
    }

    private static List<EngineProvider> providers() {
        List<EngineProvider> list = new ArrayList<>();
        ServiceLoader.load(EngineProvider.class, Engine.class.getClassLoader()).forEach(list::add);
        list.sort(Comparator.comparingInt(EngineProvider::rank).reversed());
        return list;
    }

    /** Checks that a model file exists and is a readable regular file. */
    static void requireReadable(Path file, String what) throws DlException {
        if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new DlException(DlErrorCode.MODEL_NOT_FOUND, what + " not found or not readable: " + file);
        }
    }
}
