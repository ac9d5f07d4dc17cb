package dev.vss.dl;

/**
 * One inference request. Not for concurrent use: a call while another thread is inside this request throws
 * {@link IllegalStateException} (use one request per thread). Input tensors are read in place while the request
 * runs; outputs are copied into Java-owned tensors, so they stay valid after the request is closed.
 */
public interface InferRequest extends AutoCloseable {
    /**
     * Sets input {@code index}. The tensor must match the port's element type and shape (dynamic dims accept any
     * size), else {@code DlException} TYPE_MISMATCH / SHAPE_MISMATCH is thrown before native code is called.
     */
    void setInput(int index, Tensor tensor) throws DlException;

    /** Runs synchronously. */
    void infer() throws DlException;

    /** Starts inference and returns at once; {@link #await()} waits for it. */
    void startAsync() throws DlException;

    /** Waits for {@link #startAsync()} to finish. */
    void await() throws DlException;

    int outputCount() throws DlException;

    /** A copy of output {@code index} of the last inference. */
    Tensor output(int index) throws DlException;

    @Override
    void close();
}
