// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.internal;

import dev.vss.dl.CompiledModel;
import dev.vss.dl.DlException;
import dev.vss.dl.InferRequest;
import dev.vss.dl.PortInfo;
import java.util.List;

/**
 * The part of a compiled model that is the same in every backend: ports fixed at compile time, refused after close,
 * and a close that releases the backend's resources once. Thread-safe as its backend's steps. Not API.
 */
public abstract class PortedCompiledModel implements CompiledModel {
    protected final Closeables state;
    private final List<PortInfo> inputs;
    private final List<PortInfo> outputs;

    protected PortedCompiledModel(String name, List<PortInfo> inputs, List<PortInfo> outputs) {
        this.state = new Closeables("compiled model " + name);
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /** A new request of the backend (the model is open). */
    protected abstract InferRequest newRequest() throws DlException;

    /** Frees the backend's resources; called once. */
    protected abstract void release();

    @Override
    public final List<PortInfo> inputs() {
        state.ensureOpen();
        return inputs;
    }

    @Override
    public final List<PortInfo> outputs() {
        state.ensureOpen();
        return outputs;
    }

    @Override
    public final InferRequest createRequest() throws DlException {
        state.ensureOpen();
        return newRequest();
    }

    @Override
    public final void close() {
        if (state.markClosed()) {
            release();
        }
    }
}
