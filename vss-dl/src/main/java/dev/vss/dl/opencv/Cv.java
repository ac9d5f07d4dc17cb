// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.opencv;

import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.ElementType;
import dev.vss.dl.ModelFormat;
import dev.vss.dl.Shape;
import dev.vss.dl.Tensor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;

/** OpenCV DNN calls shared by the engine's classes: reading nets, Mat views of tensors, error mapping. Not API. */
final class Cv {
    /** cv::Error::StsNotImplemented: the model uses a feature OpenCV's DNN importer lacks. */
    static final int STS_NOT_IMPLEMENTED = -213;

    private static final Pattern STATUS = Pattern.compile("error: \\((-?\\d+):");

    private Cv() {
    }

    /**
     * Parses a model into a new Net configured for the OpenCV backend on the CPU. The caller owns the Net.
     *
     * @throws DlException UNSUPPORTED if OpenCV cannot import a feature of the model, else MODEL_INVALID
     */
    static Net readNet(byte[] model, ModelFormat format, String name) throws DlException {
        MatOfByte buf = new MatOfByte(model); // copied into native memory; the Net does not keep it
        try {
            Net net = format == ModelFormat.ONNX ? Dnn.readNetFromONNX(buf) : Dnn.readNetFromTFLite(buf);
            if (net.empty()) {
                throw new DlException(DlErrorCode.MODEL_INVALID, "OpenCV read an empty network from " + name);
            }
            net.setPreferableBackend(Dnn.DNN_BACKEND_OPENCV);
            net.setPreferableTarget(Dnn.DNN_TARGET_CPU);
            return net;
        } catch (CvException e) {
            int status = status(e);
            if (status == STS_NOT_IMPLEMENTED) {
                throw new DlException(DlErrorCode.UNSUPPORTED, "OpenCV " + org.opencv.core.Core.VERSION
                        + " DNN cannot import " + format + " model " + name + ": it uses a feature OpenCV does not "
                        + "implement (" + message(e) + "); use engine \"openvino\"", status, e);
            }
            // The importer logs the failing node on stderr and throws a generic "handleNode" error.
            throw new DlException(DlErrorCode.MODEL_INVALID, "OpenCV " + org.opencv.core.Core.VERSION + " cannot "
                    + "import " + format + " model " + name + ": " + message(e) + " (OpenCV's log on stderr names "
                    + "the failing node; dynamic shapes and newer operators are common causes; engine \"openvino\" "
                    + "may read it)", status, e);
        } finally {
            buf.release();
        }
    }

    /** A DlException of {@code code} carrying the cv::Error status of {@code e}. */
    static DlException error(DlErrorCode code, String what, CvException e) {
        return new DlException(code, what + ": " + message(e), status(e), e);
    }

    /** The cv::Error code in an exception's message, or 0. */
    static int status(CvException e) {
        Matcher m = STATUS.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String message(CvException e) {
        String s = String.valueOf(e.getMessage()).strip();
        int i = s.indexOf("error: ");
        return i < 0 ? s : s.substring(i + 7);
    }

    static int cvDepth(ElementType type) throws DlException {
        return switch (type) {
            case F32 -> CvType.CV_32F;
            case U8, BOOLEAN -> CvType.CV_8U;
            case I8 -> CvType.CV_8S;
            case I32 -> CvType.CV_32S;
            case F16 -> CvType.CV_16F;
            case I64 -> throw new DlException(DlErrorCode.TYPE_MISMATCH, "OpenCV 4.9 has no 64-bit integer Mat; "
                    + "feed I32");
        };
    }

    static ElementType elementType(int depth) throws DlException {
        return switch (depth) {
            case CvType.CV_32F -> ElementType.F32;
            case CvType.CV_8U -> ElementType.U8;
            case CvType.CV_8S -> ElementType.I8;
            case CvType.CV_32S -> ElementType.I32;
            case CvType.CV_16F -> ElementType.F16;
            default -> throw new DlException(DlErrorCode.UNSUPPORTED, "OpenCV output of depth "
                    + CvType.typeToString(depth) + " has no vss element type");
        };
    }

    /**
     * A Mat header over the tensor's memory with the tensor's dims (no copy, no ownership). The caller releases it
     * and keeps the tensor reachable while the Mat is used.
     */
    static Mat view(Tensor t) throws DlException {
        int depth = cvDepth(t.type());
        Shape s = t.shape();
        int[] dims = new int[s.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = Math.toIntExact(s.dim(i));
        }
        int count = Math.toIntExact(t.elementCount());
        Mat flat = new Mat(1, count, CvType.makeType(depth, 1), t.data());
        if (dims.length <= 2) {
            if (dims.length == 2 && dims[0] != 1) {
                Mat m = flat.reshape(1, dims[0]);
                flat.release();
                return m;
            }
            return flat;
        }
        try {
            return flat.reshape(1, dims);
        } finally {
            flat.release();
        }
    }
}
