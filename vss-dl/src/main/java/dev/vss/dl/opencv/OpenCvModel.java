// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.opencv;

import dev.vss.dl.CompileOptions;
import dev.vss.dl.CompiledModel;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.ElementType;
import dev.vss.dl.ImagePreprocessing;
import dev.vss.dl.Model;
import dev.vss.dl.ModelFormat;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Shape;
import dev.vss.dl.internal.Closeables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.opencv.core.Core;
import org.opencv.dnn.Net;

/**
 * A model read by OpenCV: the model bytes, the port descriptions and the recorded reshapes and pre-processing.
 *
 * <p>Ports: for ONNX the graph's input and output names, types and shapes are read from the file
 * ({@link OnnxInfo}); outputs are fetched in the file's order so that output indexes agree with OpenVINO's. For TFLite
 * (and ONNX files the reader does not understand) OpenCV reports no shapes: the one input is F32 of rank 4 with
 * dynamic dims until {@link #reshape} sets them, and outputs are F32 of unknown shape (reported as rank 4 dynamic)
 * in OpenCV's order. The real output shape shows in the tensors of a request.
 *
 * <p>Owns one parsed {@link Net} (the one used to validate the file), handed on to the first compile so that the
 * common path parses the model once. Not thread-safe: configure from one thread, then compile.
 */
final class OpenCvModel implements Model {
    /** Pre-processing of one input and the model-side size it resizes to. */
    record Preprocess(ImagePreprocessing pre, int width, int height) {
    }

    private final byte[] bytes; // never modified; shared with compiled models
    private final ModelFormat format;
    private final String name;
    private final List<PortInfo> declaredInputs;
    private final List<PortInfo> declaredOutputs;
    private final String[] cvInputNames;
    private final List<String> cvOutputNames;
    private final Shape[] reshaped;
    private final Preprocess[] preprocess;
    private final AtomicReference<Net> spare;
    private final Closeables state;

    private OpenCvModel(byte[] bytes, ModelFormat format, String name, Net net, List<PortInfo> inputs,
            String[] cvInputNames, List<PortInfo> outputs, List<String> cvOutputNames) {
        this.bytes = bytes;
        this.format = format;
        this.name = name;
        this.declaredInputs = inputs;
        this.cvInputNames = cvInputNames;
        this.declaredOutputs = outputs;
        this.cvOutputNames = cvOutputNames;
        this.reshaped = new Shape[inputs.size()];
        this.preprocess = new Preprocess[inputs.size()];
        this.spare = new AtomicReference<>(net);
        this.state = new Closeables("model " + name);
    }

    static OpenCvModel read(byte[] bytes, ModelFormat format, String name) throws DlException {
        Net net = Cv.readNet(bytes, format, name);
        OnnxInfo onnx = format == ModelFormat.ONNX ? OnnxInfo.parse(bytes) : null;
        List<String> unconnected = net.getUnconnectedOutLayersNames();

        List<PortInfo> inputs = new ArrayList<>();
        String[] cvInputs;
        if (onnx != null && !onnx.inputs.isEmpty()) {
            cvInputs = new String[onnx.inputs.size()];
            for (int i = 0; i < cvInputs.length; i++) {
                OnnxInfo.Port p = onnx.inputs.get(i);
                inputs.add(new PortInfo(i, p.name(), p.type(), p.shape() == null ? dynamic(4) : p.shape()));
                cvInputs[i] = p.name();
            }
        } else {
            // OpenCV's Java API does not list a net's inputs: the empty name addresses its first one.
            inputs.add(new PortInfo(0, "", ElementType.F32, dynamic(4)));
            cvInputs = new String[] {""};
        }

        List<PortInfo> outputs = new ArrayList<>();
        List<String> cvOutputs;
        if (onnx != null && onnx.outputs.size() == unconnected.size()
                && new HashSet<>(unconnected).equals(new HashSet<>(onnx.outputs.stream().map(OnnxInfo.Port::name)
                        .toList()))) {
            cvOutputs = onnx.outputs.stream().map(OnnxInfo.Port::name).toList();
            for (int i = 0; i < onnx.outputs.size(); i++) {
                OnnxInfo.Port p = onnx.outputs.get(i);
                outputs.add(new PortInfo(i, p.name(), p.type(), p.shape() == null ? dynamic(4) : p.shape()));
            }
        } else {
            cvOutputs = List.copyOf(unconnected);
            for (int i = 0; i < cvOutputs.size(); i++) {
                outputs.add(new PortInfo(i, cvOutputs.get(i), ElementType.F32, dynamic(4)));
            }
        }
        return new OpenCvModel(bytes, format, name, net, List.copyOf(inputs), cvInputs, List.copyOf(outputs),
                cvOutputs);
    }

    private static Shape dynamic(int rank) {
        long[] d = new long[rank];
        java.util.Arrays.fill(d, -1);
        return Shape.of(d);
    }

    @Override
    public List<PortInfo> inputs() {
        state.ensureOpen();
        List<PortInfo> list = new ArrayList<>();
        for (int i = 0; i < declaredInputs.size(); i++) {
            PortInfo p = declaredInputs.get(i);
            Preprocess pp = preprocess[i];
            if (pp != null) {
                // What the caller feeds: the decoded image, u8 NHWC BGR (any size when resizing).
                Shape s = pp.pre().resize() ? Shape.of(1, -1, -1, 3) : Shape.of(1, pp.height(), pp.width(), 3);
                list.add(new PortInfo(i, p.name(), ElementType.U8, s));
            } else {
                list.add(new PortInfo(i, p.name(), p.type(), reshaped[i] != null ? reshaped[i] : p.shape()));
            }
        }
        return List.copyOf(list);
    }

    @Override
    public List<PortInfo> outputs() {
        state.ensureOpen();
        boolean anyReshape = false;
        for (Shape s : reshaped) {
            anyReshape |= s != null;
        }
        if (!anyReshape) {
            return declaredOutputs;
        }
        // The file's output shapes were for the file's input shapes.
        List<PortInfo> list = new ArrayList<>();
        for (PortInfo p : declaredOutputs) {
            list.add(new PortInfo(p.index(), p.name(), p.type(), dynamic(p.shape().rank())));
        }
        return List.copyOf(list);
    }

    @Override
    public void reshape(int index, Shape shape) throws DlException {
        state.ensureOpen();
        checkIndex(index, "index");
        java.util.Objects.requireNonNull(shape, "shape");
        if (preprocess[index] != null) {
            throw new DlException(DlErrorCode.UNSUPPORTED, "input " + index + " already has image pre-processing; "
                    + "call reshape before addImagePreprocessing");
        }
        Shape current = declaredInputs.get(index).shape();
        if (shape.rank() != current.rank()) {
            throw new DlException(DlErrorCode.SHAPE_MISMATCH, "reshape of input " + index + " to " + shape
                    + ": rank differs from the model's " + current);
        }
        // OpenCV infers every layer's shape from the input blob at the first forward: recording it is enough here.
        reshaped[index] = shape;
    }

    @Override
    public void addImagePreprocessing(ImagePreprocessing pre) throws DlException {
        state.ensureOpen();
        java.util.Objects.requireNonNull(pre, "pre");
        int index = pre.inputIndex();
        if (index >= declaredInputs.size()) {
            throw new IllegalArgumentException("pre.inputIndex: input " + index + " does not exist; the model has "
                    + declaredInputs.size() + " input(s)");
        }
        PortInfo port = declaredInputs.get(index);
        Shape s = reshaped[index] != null ? reshaped[index] : port.shape();
        if (port.type() != ElementType.F32 || s.rank() != 4 || (s.dim(1) != 3 && s.dim(1) != -1) || s.dim(0) > 1
                || s.dim(2) < 1 || s.dim(3) < 1) {
            throw new DlException(DlErrorCode.UNSUPPORTED, "image pre-processing on the OpenCV engine needs an f32 "
                    + "NCHW input of known height and width to resize to; input " + index + " '" + port.name()
                    + "' is " + port.type() + " " + s + ". Call reshape(" + index + ", Shape.of(1, 3, height, width)) "
                    + "first");
        }
        preprocess[index] = new Preprocess(pre, Math.toIntExact(s.dim(3)), Math.toIntExact(s.dim(2)));
    }

    @Override
    public CompiledModel compile(CompileOptions options) throws DlException {
        state.ensureOpen();
        java.util.Objects.requireNonNull(options, "options");
        if (!options.device().toUpperCase(Locale.ROOT).equals("CPU")) {
            throw new DlException(DlErrorCode.UNSUPPORTED, "device '" + options.device() + "': the OpenCV engine "
                    + "runs on CPU only");
        }
        if (options.threads() > 0) {
            Core.setNumThreads(options.threads()); // process-wide in OpenCV
        }
        Net net = spare.getAndSet(null);
        if (net == null) {
            net = Cv.readNet(bytes, format, name);
        }
        return new OpenCvCompiledModel(bytes, format, name, net, inputs(), outputs(), cvInputNames.clone(),
                cvOutputNames, preprocess.clone(), options.threads());
    }

    private void checkIndex(int index, String param) {
        if (index < 0 || index >= declaredInputs.size()) {
            throw new IllegalArgumentException(param + ": input " + index + " does not exist; the model has "
                    + declaredInputs.size() + " input(s)");
        }
    }

    /** Drops the spare Net: OpenCV's Java Net has no explicit release, its finalizer frees the native net. */
    @Override
    public void close() {
        if (state.markClosed()) {
            spare.set(null);
        }
    }

    @Override
    public String toString() {
        return "OpenCvModel{" + name + "}";
    }
}
