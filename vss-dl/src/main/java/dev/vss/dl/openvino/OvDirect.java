package dev.vss.dl.openvino;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * JNA direct mapping of the calls on the inference hot path: a direct call costs far less than an
 * interface-mapped one (no proxy, no reflection), which matters for models that run in well under a millisecond.
 */
final class OvDirect {
    private OvDirect() {
    }

    static void register(NativeLibrary lib) {
        Native.register(OvDirect.class, lib);
    }

    static native int ov_infer_request_infer(Pointer request);

    static native int ov_infer_request_set_input_tensor_by_index(Pointer request, long index, Pointer tensor);
}
