package dev.vss.dl.openvino;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.ElementType;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Shape;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;

/** Status checks and conversions shared by the OpenVINO classes. */
final class Ov {
    private static final String[] STATUS = {"OK", "GENERAL_ERROR", "NOT_IMPLEMENTED", "NETWORK_NOT_LOADED",
        "PARAMETER_MISMATCH", "NOT_FOUND", "OUT_OF_BOUNDS", "UNEXPECTED", "REQUEST_BUSY", "RESULT_NOT_READY",
        "NOT_ALLOCATED", "INFER_NOT_STARTED", "NETWORK_NOT_READ", "INFER_CANCELLED", "INVALID_C_PARAM",
        "UNKNOWN_C_ERROR", "NOT_IMPLEMENT_C_METHOD", "UNKNOW_EXCEPTION"};

    private Ov() {
    }

    /** Throws a DlException carrying the status and {@code ov_get_last_err_msg()} unless status is OK. */
    static void check(OvLib lib, int status, DlErrorCode code, String what) throws DlException {
        if (status == 0) {
            return;
        }
        String name = -status >= 0 && -status < STATUS.length ? STATUS[-status] : "status " + status;
        String msg = lib.ov_get_last_err_msg();
        throw new DlException(code, what + " failed: OpenVINO " + name + " (" + status + ")"
                + (msg == null || msg.isBlank() ? "" : ": " + msg.strip()), status, null);
    }

    static int toOv(ElementType t) {
        return switch (t) {
            case BOOLEAN -> 1;
            case F16 -> 3;
            case F32 -> 4;
            case I8 -> 7;
            case I32 -> 9;
            case I64 -> 10;
            case U8 -> 16;
        };
    }

    /** Maps an ov_element_type_e; null when vss has no such type. */
    static ElementType fromOv(int t) {
        return switch (t) {
            case 1 -> ElementType.BOOLEAN;
            case 3 -> ElementType.F16;
            case 4 -> ElementType.F32;
            case 7 -> ElementType.I8;
            case 9 -> ElementType.I32;
            case 10 -> ElementType.I64;
            case 16 -> ElementType.U8;
            default -> null;
        };
    }

    /** A port count of a model or compiled model: {@code ov_*_inputs_size} or {@code ov_*_outputs_size}. */
    interface PortCount {
        int call(LongByReference size);
    }

    /** A port by index of a model or compiled model: {@code ov_*_input_by_index} or {@code ov_*_output_by_index}. */
    interface PortAt {
        int call(long index, PointerByReference port);
    }

    /** Every port that {@code count} and {@code at} reach, freeing each native port after reading it. */
    static List<PortInfo> ports(OvLib lib, PortCount count, PortAt at, String sizeWhat, String portWhat)
            throws DlException {
        LongByReference n = new LongByReference();
        check(lib, count.call(n), DlErrorCode.NATIVE_ERROR, sizeWhat);
        List<PortInfo> list = new ArrayList<>();
        for (int i = 0; i < n.getValue(); i++) {
            PointerByReference port = new PointerByReference();
            check(lib, at.call(i, port), DlErrorCode.NATIVE_ERROR, portWhat + " " + i);
            try {
                list.add(portInfo(lib, i, port.getValue()));
            } finally {
                lib.ov_output_const_port_free(port.getValue());
            }
        }
        return List.copyOf(list);
    }

    /** The native string {@code p} points to, freed ({@code ov_free}) once read. */
    static String takeString(OvLib lib, Pointer p) {
        String s = p.getString(0);
        lib.ov_free(p);
        return s;
    }

    /** Reads name, type and (partial) shape of a const port; frees nothing (caller owns the port). */
    static PortInfo portInfo(OvLib lib, int index, Pointer port) throws DlException {
        PointerByReference name = new PointerByReference();
        String n;
        if (lib.ov_port_get_any_name(port, name) == 0 && name.getValue() != null) {
            n = name.getValue().getString(0);
            lib.ov_free(name.getValue());
        } else {
            n = "";
        }
        IntByReference type = new IntByReference();
        check(lib, lib.ov_port_get_element_type(port, type), DlErrorCode.NATIVE_ERROR, "ov_port_get_element_type");
        ElementType et = fromOv(type.getValue());
        if (et == null) {
            throw new DlException(DlErrorCode.UNSUPPORTED, "port '" + n + "' has OpenVINO element type "
                    + type.getValue() + ", which vss does not support");
        }
        OvLib.OvPartialShape ps = new OvLib.OvPartialShape();
        check(lib, lib.ov_port_get_partial_shape(port, ps), DlErrorCode.NATIVE_ERROR, "ov_port_get_partial_shape");
        try {
            int rank = (int) ps.rankMax;
            if (ps.rankMin != ps.rankMax || rank < 0) {
                throw new DlException(DlErrorCode.UNSUPPORTED, "port '" + n + "' has a dynamic rank");
            }
            long[] dims = new long[rank];
            for (int i = 0; i < rank; i++) {
                long min = ps.dims.getLong(i * 16L);
                long max = ps.dims.getLong(i * 16L + 8);
                dims[i] = min == max ? min : -1;
            }
            return new PortInfo(index, n, et, Shape.of(dims));
        } finally {
            lib.ov_partial_shape_free(ps);
        }
    }

    /** A partial shape over Java memory: -1 dims become dynamic. The memory must outlive the call. */
    static OvLib.OvPartialShape partialShape(Shape shape, Memory[] keep) {
        OvLib.OvPartialShape ps = new OvLib.OvPartialShape();
        ps.rankMin = shape.rank();
        ps.rankMax = shape.rank();
        Memory m = new Memory(Math.max(16L, 16L * shape.rank()));
        for (int i = 0; i < shape.rank(); i++) {
            long d = shape.dim(i);
            m.setLong(i * 16L, d < 0 ? 0 : d);
            m.setLong(i * 16L + 8, d < 0 ? -1 : d);
        }
        ps.dims = m;
        keep[0] = m;
        return ps;
    }
}
