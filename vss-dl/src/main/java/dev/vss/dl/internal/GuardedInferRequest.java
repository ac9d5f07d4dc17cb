// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.internal;

import dev.vss.dl.DlException;
import dev.vss.dl.InferRequest;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Tensor;
import java.util.List;

/**
 * The part of an infer request that is the same in every backend: the single-thread contract ({@link RequestGuard}),
 * the input checks before any native call, the pending-asynchronous state and the output bounds. A backend supplies
 * the native steps; each runs inside the guard. Not API.
 */
public abstract class GuardedInferRequest implements InferRequest {
    private final List<PortInfo> inputs;
    private final int outputCount;
    /** The caller's input tensors, kept referenced while the request may read them. */
    protected final Tensor[] inputJava;
    protected final RequestGuard guard;

    protected GuardedInferRequest(List<PortInfo> inputs, int outputCount, String name) {
        this.inputs = inputs;
        this.outputCount = outputCount;
        this.inputJava = new Tensor[inputs.size()];
        this.guard = new RequestGuard("infer request of " + name);
    }

    /** Hands a checked tensor to the backend for input {@code index}. */
    protected abstract void bind(int index, Tensor tensor) throws DlException;

    /** Runs the inference on the set inputs, synchronously. */
    protected abstract void run() throws DlException;

    /** Starts the inference (or runs it and keeps its failure for {@link #awaitStarted()}). */
    protected abstract void start() throws DlException;

    /** Waits for what {@link #start()} began and reports its failure. */
    protected abstract void awaitStarted() throws DlException;

    /** A copy of output {@code index} (in range) of the last inference. */
    protected abstract Tensor read(int index) throws DlException;

    /** Frees the backend's resources; called once, inside the guard. */
    protected abstract void release();

    @Override
    public final void setInput(int index, Tensor tensor) throws DlException {
        guard.enter();
        try {
            guard.requireIdle();
            Inputs.check(inputs, index, tensor);
            bind(index, tensor);
            inputJava[index] = tensor;
        } finally {
            guard.exit();
        }
    }

    @Override
    public final void infer() throws DlException {
        runGuarded(false);
    }

    @Override
    public final void startAsync() throws DlException {
        runGuarded(true);
    }

    /** Runs ({@link #run()}) or starts ({@link #start()}) the inference inside the guard, inputs checked. */
    private void runGuarded(boolean async) throws DlException {
        guard.enter();
        try {
            guard.requireIdle();
            RequestGuard.requireInputs(inputs, inputJava);
            if (async) {
                start();
                guard.asyncPending(true);
            } else {
                run();
            }
        } finally {
            guard.exit();
        }
    }

    @Override
    public final void await() throws DlException {
        guard.enter();
        try {
            if (!guard.asyncPending()) {
                return;
            }
            guard.asyncPending(false);
            awaitStarted();
        } finally {
            guard.exit();
        }
    }

    @Override
    public final int outputCount() {
        guard.ensureOpen();
        return outputCount;
    }

    @Override
    public final Tensor output(int index) throws DlException {
        guard.enter();
        try {
            guard.requireIdle();
            if (index < 0 || index >= outputCount) {
                throw new IllegalArgumentException("index: output " + index + " does not exist; the model has "
                        + outputCount + " output(s)");
            }
            return read(index);
        } finally {
            guard.exit();
        }
    }

    @Override
    public final void close() {
        boolean first = guard.beginClose(); // waits for a running call instead of freeing under it
        try {
            if (first) {
                release();
            }
        } finally {
            guard.exit();
        }
    }
}
