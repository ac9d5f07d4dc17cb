package dev.vss.dl.openvino;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.InferRequest;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Tensor;
import dev.vss.dl.internal.Inputs;
import dev.vss.dl.internal.RequestGuard;
import java.util.List;

/**
 * An {@code ov_infer_request_t}. Input tensors wrap the Java buffers (no copy); the request keeps the Java tensors
 * referenced while it may read them. One thread at a time: a concurrent call throws IllegalStateException instead
 * of racing in native code.
 */
final class OvInferRequest implements InferRequest {
    private final OvLib lib;
    private final Pointer request;
    private final List<PortInfo> inputs;
    private final int outputCount;
    private final RequestGuard guard;
    private final Pointer[] inputTensors;
    private final Tensor[] inputJava;

    OvInferRequest(OvLib lib, Pointer request, List<PortInfo> inputs, int outputCount, String name) {
        this.lib = lib;
        this.request = request;
        this.inputs = inputs;
        this.outputCount = outputCount;
        this.guard = new RequestGuard("infer request of " + name);
        this.inputTensors = new Pointer[inputs.size()];
        this.inputJava = new Tensor[inputs.size()];
    }

    @Override
    public void setInput(int index, Tensor tensor) throws DlException {
        guard.enter();
        try {
            guard.requireIdle();
            Inputs.check(inputs, index, tensor);
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
            inputJava[index] = tensor;
        } finally {
            guard.exit();
        }
    }

    @Override
    public void infer() throws DlException {
        guard.enter();
        try {
            guard.requireIdle();
            RequestGuard.requireInputs(inputs, inputJava);
            Ov.check(lib, OvDirect.ov_infer_request_infer(request), DlErrorCode.NATIVE_ERROR, "inference");
        } finally {
            guard.exit();
        }
    }

    @Override
    public void startAsync() throws DlException {
        guard.enter();
        try {
            guard.requireIdle();
            RequestGuard.requireInputs(inputs, inputJava);
            Ov.check(lib, lib.ov_infer_request_start_async(request), DlErrorCode.NATIVE_ERROR, "start async inference");
            guard.asyncPending(true);
        } finally {
            guard.exit();
        }
    }

    @Override
    public void await() throws DlException {
        guard.enter();
        try {
            if (!guard.asyncPending()) {
                return;
            }
            guard.asyncPending(false);
            Ov.check(lib, lib.ov_infer_request_wait(request), DlErrorCode.NATIVE_ERROR, "async inference");
        } finally {
            guard.exit();
        }
    }

    @Override
    public int outputCount() {
        guard.ensureOpen();
        return outputCount;
    }

    @Override
    public Tensor output(int index) throws DlException {
        guard.enter();
        try {
            guard.requireIdle();
            if (index < 0 || index >= outputCount) {
                throw new IllegalArgumentException("index: output " + index + " does not exist; the model has "
                        + outputCount + " output(s)");
            }
            PointerByReference ref = new PointerByReference();
            Ov.check(lib, lib.ov_infer_request_get_output_tensor_by_index(request, index, ref),
                    DlErrorCode.NATIVE_ERROR, "get output " + index);
            try {
                return OvTensors.copyOut(lib, ref.getValue());
            } finally {
                lib.ov_tensor_free(ref.getValue());
            }
        } finally {
            guard.exit();
        }
    }

    @Override
    public void close() {
        boolean first = guard.beginClose(); // waits for a running call instead of freeing under it
        try {
            if (!first) {
                return;
            }
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
        } finally {
            guard.exit();
        }
    }
}
