// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.opencv;

import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.ElementType;
import dev.vss.dl.ImagePreprocessing;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Shape;
import dev.vss.dl.Tensor;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.dl.internal.GuardedInferRequest;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.CvException;
import org.opencv.core.Mat;
import org.opencv.dnn.Net;

/**
 * One inference request on its own OpenCV {@code Net} (which it owns). The input tensors are read when
 * {@link #infer()} runs ({@code Net.setInput} copies them into the net); an input with image pre-processing is
 * converted in Java at that point: resized (bilinear, on the u8 image) to the model's size, BGR→RGB if the model
 * wants RGB, {@code (x - mean) / scale}, NCHW f32. Outputs are the Mats of the last {@code forward}, copied into
 * Java tensors by {@link #output(int)}.
 *
 * <p>{@link #startAsync()} runs the inference on the calling thread; {@link #await()} then reports its failure, if
 * any. {@link #output(int)} before a successful inference throws IllegalStateException (there is no output Mat yet).
 * One thread at a time: a call while another thread is inside throws IllegalStateException.
 */
final class OpenCvInferRequest extends GuardedInferRequest {
    private final String[] cvInputNames;
    private final List<String> cvOutputNames;
    private final OpenCvModel.Preprocess[] preprocess;
    private Net net;
    private List<Mat> outputs; // of the last forward, owned here
    private DlException asyncFailure;

    OpenCvInferRequest(Net net, List<PortInfo> inputs, String[] cvInputNames, List<String> cvOutputNames,
            OpenCvModel.Preprocess[] preprocess, String name) {
        super(inputs, cvOutputNames.size(), name);
        this.net = net;
        this.cvInputNames = cvInputNames;
        this.cvOutputNames = cvOutputNames;
        this.preprocess = preprocess;
    }

    @Override
    protected void bind(int index, Tensor tensor) throws DlException {
        if (preprocess[index] == null) {
            Cv.cvDepth(tensor.type()); // fails now, not at infer, for a type OpenCV cannot take
        }
    }

    @Override
    protected void run() throws DlException {
        releaseOutputs(); // a failed inference must not leave the previous outputs readable as if they were its own
        Tensor[] fed = new Tensor[inputJava.length];
        try {
            for (int i = 0; i < inputJava.length; i++) {
                fed[i] = modelInput(i);
                Mat m = Cv.view(fed[i]);
                try {
                    net.setInput(m, cvInputNames[i]);
                } finally {
                    m.release();
                }
            }
            List<Mat> outs = new ArrayList<>(cvOutputNames.size());
            net.forward(outs, cvOutputNames);
            outputs = outs;
        } catch (CvException e) {
            throw Cv.error(DlErrorCode.NATIVE_ERROR, "OpenCV inference failed", e);
        } finally {
            Reference.reachabilityFence(fed);
        }
    }

    /** The tensor the net takes for input {@code i}: the caller's, or the image converted by the pre-processing. */
    private Tensor modelInput(int i) throws DlException {
        OpenCvModel.Preprocess pp = preprocess[i];
        if (pp == null) {
            return inputJava[i];
        }
        ImagePreprocessing pre = pp.pre();
        Image img = Image.of(inputJava[i]);
        return Images.toBlob(img, pp.width(), pp.height(), pre.mean(), pre.scale(), pre.modelRgb());
    }

    @Override
    protected void start() {
        try {
            run();
            asyncFailure = null;
        } catch (DlException e) {
            asyncFailure = e; // reported by await(), as an asynchronous failure would be
        }
    }

    @Override
    protected void awaitStarted() throws DlException {
        DlException e = asyncFailure;
        asyncFailure = null;
        if (e != null) {
            throw e;
        }
    }

    @Override
    protected Tensor read(int index) throws DlException {
        if (outputs == null) {
            throw new IllegalStateException("no successful inference has run on this request yet");
        }
        return copyOut(outputs.get(index), cvOutputNames.get(index));
    }

    /** A Java tensor with the Mat's dims and a copy of its data (one native copy into the tensor's buffer). */
    private static Tensor copyOut(Mat o, String name) throws DlException {
        if (o.channels() != 1) {
            throw new DlException(DlErrorCode.UNSUPPORTED, "output '" + name + "' has " + o.channels()
                    + " channels per element");
        }
        ElementType type = Cv.elementType(o.depth());
        long[] dims = new long[o.dims()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = o.size(i);
        }
        Tensor t = Tensor.allocate(type, Shape.of(dims));
        int count = Math.toIntExact(t.elementCount());
        if (count == 0) {
            return t;
        }
        Mat src = o.isContinuous() ? o : o.clone();
        Mat flat = src.reshape(1, new int[] {1, count});
        Mat dst = new Mat(1, count, o.type(), t.data());
        try {
            flat.copyTo(dst); // same size and type: writes into the tensor's buffer
            return t;
        } catch (CvException e) {
            throw Cv.error(DlErrorCode.NATIVE_ERROR, "copying output '" + name + "'", e);
        } finally {
            dst.release();
            flat.release();
            if (src != o) {
                src.release();
            }
            Reference.reachabilityFence(t);
        }
    }

    private void releaseOutputs() {
        if (outputs != null) {
            outputs.forEach(Mat::release);
            outputs = null;
        }
    }

    /** Releases the output Mats and drops the Net (OpenCV's Java Net has no explicit release; its finalizer frees it). */
    @Override
    protected void release() {
        releaseOutputs();
        net = null;
        java.util.Arrays.fill(inputJava, null);
    }
}
