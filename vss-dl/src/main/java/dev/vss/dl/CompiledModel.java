package dev.vss.dl;

import java.util.List;

/**
 * A model compiled for a device. Thread-safe: create one {@link InferRequest} per thread from it.
 */
public interface CompiledModel extends AutoCloseable {
    List<PortInfo> inputs() throws DlException;

    List<PortInfo> outputs() throws DlException;

    InferRequest createRequest() throws DlException;

    /** A property of the compiled model as the backend reports it (e.g. "INFERENCE_NUM_THREADS"). */
    String property(String key) throws DlException;

    @Override
    void close();
}
