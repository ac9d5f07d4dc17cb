// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.openvino;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Tensor;
import dev.vss.dl.internal.GuardedInferRequest;
import java.util.List;

/**
 * An {@code ov_infer_request_t}. Input tensors wrap the Java buffers (no copy); the request keeps the Java tensors
 * referenced while it may read them. One thread at a time: a concurrent call throws IllegalStateException instead
 * of racing in native code.
 */
final class OvInferRequest extends GuardedInferRequest {
    private final OvLib lib;
    private final Pointer request;
    private final Pointer[] inputTensors;

    OvInferRequest(OvLib lib, Pointer request, List<PortInfo> inputs, int outputCount, String name) {
        super(inputs, outputCount, name);
        this.lib = lib;
        this.request = request;
        this.inputTensors = new Pointer[inputs.size()];
    }

    @Override
    protected void bind(int index, Tensor tensor) throws DlException {
        Pointer t = OvTensors.wrap(lib, tensor);
        int status = OvDirect.ov_infer_request_set_input_tensor_by_index(request, index, t);
        if (status != 0) {
            lib.ov_tensor_free(t);
            Ov.check(lib, status, DlErrorCode.SHAPE_MISMATCH, "set input " + index);
        }
        if (inputTensors[index] != null) {
            lib.ov_tensor_free(inputTensors[index]);
        }
        inputTensors[index] = t;
    }

    @Override
    protected void run() throws DlException {
        Ov.check(lib, OvDirect.ov_infer_request_infer(request), DlErrorCode.NATIVE_ERROR, "inference");
    }

    @Override
    protected void start() throws DlException {
        Ov.check(lib, lib.ov_infer_request_start_async(request), DlErrorCode.NATIVE_ERROR, "start async inference");
    }

    @Override
    protected void awaitStarted() throws DlException {
        Ov.check(lib, lib.ov_infer_request_wait(request), DlErrorCode.NATIVE_ERROR, "async inference");
    }

    @Override
    protected Tensor read(int index) throws DlException {
        PointerByReference ref = new PointerByReference();
        Ov.check(lib, lib.ov_infer_request_get_output_tensor_by_index(request, index, ref),
                DlErrorCode.NATIVE_ERROR, "get output " + index);
        try {
            return OvTensors.copyOut(lib, ref.getValue());
        } finally {
            lib.ov_tensor_free(ref.getValue());
        }
    }

    @Override
    protected void release() {
        if (guard.asyncPending()) {
            lib.ov_infer_request_wait(request);
            guard.asyncPending(false);
        }
        lib.ov_infer_request_free(request);
        for (Pointer t : inputTensors) {
            if (t != null) {
                lib.ov_tensor_free(t);
            }
        }
    }
}
