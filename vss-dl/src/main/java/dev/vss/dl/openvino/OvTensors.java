package dev.vss.dl.openvino;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.ElementType;
import dev.vss.dl.Shape;
import dev.vss.dl.Tensor;

/** Tensors between Java memory and {@code ov_tensor_t}. */
final class OvTensors {
    private OvTensors() {
    }

    /** An ov_tensor over {@code host} (no copy). The caller frees the tensor and keeps {@code host} alive. */
    static Pointer wrap(OvLib lib, ElementType type, long[] dims, Pointer host) throws DlException {
        OvLib.OvShape.ByValue shape = new OvLib.OvShape.ByValue();
        shape.rank = dims.length;
        Memory d = new Memory(8L * Math.max(1, dims.length));
        for (int i = 0; i < dims.length; i++) {
            d.setLong(8L * i, dims[i]);
        }
        shape.dims = d;
        PointerByReference ref = new PointerByReference();
        Ov.check(lib, lib.ov_tensor_create_from_host_ptr(Ov.toOv(type), shape, host, ref), DlErrorCode.NATIVE_ERROR,
                "ov_tensor_create_from_host_ptr");
        return ref.getValue();
    }

    /** An ov_tensor over a Java tensor's direct buffer (no copy). */
    static Pointer wrap(OvLib lib, Tensor t) throws DlException {
        return wrap(lib, t.type(), t.shape().dims(), Native.getDirectBufferPointer(t.data()));
    }

    /** Copies an ov_tensor into a new Java tensor. Does not free {@code tensor}. */
    static Tensor copyOut(OvLib lib, Pointer tensor) throws DlException {
        IntByReference type = new IntByReference();
        Ov.check(lib, lib.ov_tensor_get_element_type(tensor, type), DlErrorCode.NATIVE_ERROR,
                "ov_tensor_get_element_type");
        ElementType et = Ov.fromOv(type.getValue());
        if (et == null) {
            throw new DlException(DlErrorCode.UNSUPPORTED, "output element type " + type.getValue()
                    + " is not supported by vss");
        }
        OvLib.OvShape s = new OvLib.OvShape();
        Ov.check(lib, lib.ov_tensor_get_shape(tensor, s), DlErrorCode.NATIVE_ERROR, "ov_tensor_get_shape");
        long[] dims;
        try {
            dims = s.dims == null ? new long[0] : s.dims.getLongArray(0, (int) s.rank);
        } finally {
            lib.ov_shape_free(s);
        }
        LongByReference bytes = new LongByReference();
        Ov.check(lib, lib.ov_tensor_get_byte_size(tensor, bytes), DlErrorCode.NATIVE_ERROR, "ov_tensor_get_byte_size");
        PointerByReference data = new PointerByReference();
        Ov.check(lib, lib.ov_tensor_data(tensor, data), DlErrorCode.NATIVE_ERROR, "ov_tensor_data");
        Tensor out = Tensor.allocate(et, Shape.of(dims));
        if (bytes.getValue() != out.data().capacity()) {
            throw new DlException(DlErrorCode.NATIVE_ERROR, "output holds " + bytes.getValue() + " bytes, shape "
                    + out.shape() + " of " + et + " needs " + out.data().capacity());
        }
        out.data().put(data.getValue().getByteBuffer(0, bytes.getValue()));
        return out;
    }
}
