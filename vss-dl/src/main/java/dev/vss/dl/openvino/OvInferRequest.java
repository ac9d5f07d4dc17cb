package dev.vss.dl.openvino;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.InferRequest;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Tensor;
import dev.vss.dl.internal.Closeables;
import dev.vss.dl.internal.Inputs;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

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
    private final Closeables state;
    private final ReentrantLock lock = new ReentrantLock();
    private final Pointer[] inputTensors;
    private final Tensor[] inputJava;
    private boolean asyncRunning;

    OvInferRequest(OvLib lib, Pointer request, List<PortInfo> inputs, int outputCount, String name) {
        this.lib = lib;
        this.request = request;
        this.inputs = inputs;
        this.outputCount = outputCount;
        this.state = new Closeables("infer request of " + name);
        this.inputTensors = new Pointer[inputs.size()];
        this.inputJava = new Tensor[inputs.size()];
    }

    private void enter() {
        state.ensureOpen();
        if (!lock.tryLock()) {
            throw new IllegalStateException("infer request is in use by another thread; use one request per thread");
        }
        if (state.isClosed()) {
            lock.unlock();
            throw new IllegalStateException("infer request is closed");
        }
    }

    @Override
    public void setInput(int index, Tensor tensor) throws DlException {
        enter();
        try {
            requireIdle();
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
            lock.unlock();
        }
    }

    private void requireIdle() {
        if (asyncRunning) {
            throw new IllegalStateException("an asynchronous inference is running; call await() first");
        }
    }

    private void requireInputs() throws DlException {
        for (int i = 0; i < inputJava.length; i++) {
            if (inputJava[i] == null) {
                throw new DlException(DlErrorCode.SHAPE_MISMATCH, "input " + i + " '" + inputs.get(i).name()
                        + "' was not set");
            }
        }
    }

    @Override
    public void infer() throws DlException {
        enter();
        try {
            requireIdle();
            requireInputs();
            Ov.check(lib, OvDirect.ov_infer_request_infer(request), DlErrorCode.NATIVE_ERROR, "inference");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void startAsync() throws DlException {
        enter();
        try {
            requireIdle();
            requireInputs();
            Ov.check(lib, lib.ov_infer_request_start_async(request), DlErrorCode.NATIVE_ERROR, "start async inference");
            asyncRunning = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void await() throws DlException {
        enter();
        try {
            if (!asyncRunning) {
                return;
            }
            asyncRunning = false;
            Ov.check(lib, lib.ov_infer_request_wait(request), DlErrorCode.NATIVE_ERROR, "async inference");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int outputCount() {
        state.ensureOpen();
        return outputCount;
    }

    @Override
    public Tensor output(int index) throws DlException {
        enter();
        try {
            requireIdle();
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
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock(); // waits for a running call instead of freeing under it
        try {
            if (!state.markClosed()) {
                return;
            }
            if (asyncRunning) {
                lib.ov_infer_request_wait(request);
                asyncRunning = false;
            }
            lib.ov_infer_request_free(request);
            for (Pointer t : inputTensors) {
                if (t != null) {
                    lib.ov_tensor_free(t);
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
