// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.opencv;

import dev.vss.dl.internal.OpenCvNatives;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.dl.Model;
import dev.vss.dl.ModelFormat;
import dev.vss.dl.internal.Closeables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.opencv.core.Core;

/**
 * OpenCV DNN (org.openpnp:opencv 4.9.0, backend OPENCV, target CPU). Reads ONNX and TFLite; not OpenVINO IR (this
 * OpenCV build has no OpenVINO backend). Holds no native object of its own: models read from it stay valid after it
 * is closed. Thread-safe.
 *
 * <p>Each model keeps its file's bytes in memory, because an OpenCV {@code Net} is not thread-safe and every
 * {@link dev.vss.dl.InferRequest} gets its own {@code Net} parsed from them (see {@link OpenCvCompiledModel}).
 */
final class OpenCvEngine implements Engine {
    private final Closeables state = new Closeables("OpenCV engine");

    OpenCvEngine() throws DlException {
        OpenCvNatives.load();
    }

    @Override
    public String name() {
        return OpenCvEngineProvider.NAME;
    }

    @Override
    public String version() {
        return Core.VERSION;
    }

    @Override
    public Model readModel(Path model, Path weights) throws DlException {
        state.ensureOpen();
        Objects.requireNonNull(model, "model");
        ModelFormat format = ModelFormat.of(model);
        if (format == ModelFormat.IR) {
            throw noIr(model.getFileName().toString());
        }
        if (weights != null) {
            throw new IllegalArgumentException("weights: only OpenVINO IR models take a weights file, not " + format);
        }
        Engine.requireReadable(model, "model file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(model);
        } catch (IOException e) {
            throw new DlException(DlErrorCode.MODEL_NOT_FOUND, "cannot read model file " + model + ": " + e, e);
        }
        if (bytes.length == 0) {
            throw new DlException(DlErrorCode.MODEL_INVALID, "model file " + model + " is empty");
        }
        return OpenCvModel.read(bytes, format, model.getFileName().toString());
    }

    @Override
    public Model readModel(byte[] model, byte[] weights, ModelFormat format) throws DlException {
        state.ensureOpen();
        Objects.requireNonNull(format, "format");
        if (model == null || model.length == 0) {
            throw new IllegalArgumentException("model: no bytes");
        }
        if (format == ModelFormat.IR) {
            throw noIr("IR model bytes");
        }
        if (weights != null) {
            throw new IllegalArgumentException("weights: only OpenVINO IR models take a weights file, not " + format);
        }
        // Our own copy: the caller may reuse its array, and every request parses a Net from these bytes.
        return OpenCvModel.read(model.clone(), format, "memory");
    }

    /**
     * For "CPU" (the only device): the processor's name from /proc/cpuinfo (else the OS architecture), OpenCV's
     * version, its thread count and the CPU features it was dispatched for.
     *
     * @throws DlException UNSUPPORTED for another device
     */
    @Override
    public String deviceInfo(String device) throws DlException {
        state.ensureOpen();
        Objects.requireNonNull(device, "device");
        if (!device.equalsIgnoreCase("CPU")) {
            throw new DlException(DlErrorCode.UNSUPPORTED, "device '" + device + "': the OpenCV engine runs on CPU "
                    + "only");
        }
        return cpuName() + " (OpenCV " + Core.getVersionString() + " DNN, " + Core.getNumThreads() + " threads, "
                + Core.getCPUFeaturesLine().strip() + ")";
    }

    private static String cpuName() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch"); // not Linux, or /proc not readable
        }
    }

    private static DlException noIr(String what) {
        return new DlException(DlErrorCode.UNSUPPORTED, "cannot read " + what + ": the OpenCV engine reads ONNX and "
                + "TFLite only; OpenVINO IR needs OpenCV's OpenVINO backend, which the org.openpnp:opencv build does "
                + "not include. Use engine \"openvino\" (Engine.newInstance(\"openvino\") or VSS_ENGINE=openvino)");
    }

    @Override
    public void close() {
        state.markClosed();
    }

    @Override
    public String toString() {
        return "OpenCvEngine{" + Core.VERSION + "}";
    }
}
