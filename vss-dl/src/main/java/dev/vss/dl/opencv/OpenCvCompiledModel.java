// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.opencv;

import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.InferRequest;
import dev.vss.dl.ModelFormat;
import dev.vss.dl.PortInfo;
import dev.vss.dl.internal.PortedCompiledModel;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.opencv.core.Core;
import org.opencv.dnn.Net;

/**
 * A model ready for inference on the OpenCV engine. Thread-safe: create one request per thread.
 *
 * <p>An OpenCV {@code Net} is not thread-safe, so every {@link InferRequest} owns its own {@code Net}: the first
 * request takes the one parsed when the model was read, later ones parse the kept model bytes again (a few ms for
 * the small models vss uses; the request then runs with no lock shared with other requests). Compile options: only
 * the CPU device exists; {@code threads() > 0} calls {@code cv::setNumThreads}, which is process-wide in OpenCV and so
 * also changes other compiled models; the performance hint, streams, cache directory and extra properties do not
 * apply to OpenCV and are ignored.
 */
final class OpenCvCompiledModel extends PortedCompiledModel {
    static final String PROP_THREADS = "INFERENCE_NUM_THREADS";
    static final String PROP_DEVICES = "EXECUTION_DEVICES";
    static final String PROP_BACKEND = "OPENCV_DNN_BACKEND";

    private final byte[] bytes;
    private final ModelFormat format;
    private final String name;
    private final AtomicReference<Net> spare;
    private final String[] cvInputNames;
    private final List<String> cvOutputNames;
    private final OpenCvModel.Preprocess[] preprocess;
    private final int threads;

    OpenCvCompiledModel(byte[] bytes, ModelFormat format, String name, Net net, List<PortInfo> inputs,
            List<PortInfo> outputs, String[] cvInputNames, List<String> cvOutputNames,
            OpenCvModel.Preprocess[] preprocess, int threads) {
        super(name, inputs, outputs);
        this.bytes = bytes;
        this.format = format;
        this.name = name;
        this.spare = new AtomicReference<>(net);
        this.cvInputNames = cvInputNames;
        this.cvOutputNames = cvOutputNames;
        this.preprocess = preprocess;
        this.threads = threads;
    }

    @Override
    protected InferRequest newRequest() throws DlException {
        Net net = spare.getAndSet(null);
        if (net == null) {
            net = Cv.readNet(bytes, format, name);
        }
        return new OpenCvInferRequest(net, inputs(), cvInputNames, cvOutputNames, preprocess, name);
    }

    /**
     * {@value #PROP_THREADS} (OpenCV's current, process-wide thread count), {@value #PROP_DEVICES} ("CPU") and
     * {@value #PROP_BACKEND} ("OPENCV").
     *
     * @throws DlException UNSUPPORTED for another key, listing these
     */
    @Override
    public String property(String key) throws DlException {
        state.ensureOpen();
        java.util.Objects.requireNonNull(key, "key");
        return switch (key) {
            case PROP_THREADS -> Integer.toString(Core.getNumThreads());
            case PROP_DEVICES -> "CPU";
            case PROP_BACKEND -> "OPENCV";
            default -> throw new DlException(DlErrorCode.UNSUPPORTED, "property '" + key + "' is not known to the "
                    + "OpenCV engine; known: " + List.of(PROP_THREADS, PROP_DEVICES, PROP_BACKEND));
        };
    }

    /** Threads asked for at compile time (0 = OpenCV's default). */
    int requestedThreads() {
        return threads;
    }

    /** Drops the spare Net (its finalizer frees it); requests already created keep working. */
    @Override
    protected void release() {
        spare.set(null);
    }

    @Override
    public String toString() {
        return "OpenCvCompiledModel{" + name + "}";
    }
}
