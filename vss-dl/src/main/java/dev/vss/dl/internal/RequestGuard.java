package dev.vss.dl.internal;

import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Tensor;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single-thread contract of an infer request, shared by the backends: a second thread entering a busy request
 * gets {@link IllegalStateException} instead of racing in native code; use after close, calls during a pending
 * asynchronous inference and inferring with unset inputs are refused. Not API.
 */
public final class RequestGuard {
    private final Closeables state;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean asyncPending;

    public RequestGuard(String what) {
        this.state = new Closeables(what);
    }

    /** Enters a call; pair with {@link #exit()} in a finally block. */
    public void enter() {
        state.ensureOpen();
        if (!lock.tryLock()) {
            throw new IllegalStateException("infer request is in use by another thread; use one request per thread");
        }
        if (state.isClosed()) {
            lock.unlock();
            throw new IllegalStateException("infer request is closed");
        }
    }

    public void exit() {
        lock.unlock();
    }

    /** Throws if an asynchronous inference has not been awaited. */
    public void requireIdle() {
        if (asyncPending) {
            throw new IllegalStateException("an asynchronous inference is pending; call await() first");
        }
    }

    public boolean asyncPending() {
        return asyncPending;
    }

    public void asyncPending(boolean pending) {
        this.asyncPending = pending;
    }

    public void ensureOpen() {
        state.ensureOpen();
    }

    /**
     * Starts closing: waits for a running call (never frees under it) and returns true the first time only; pair
     * with {@link #exit()} in a finally block.
     */
    public boolean beginClose() {
        lock.lock();
        return state.markClosed();
    }

    /** Every input must have been set before inference. */
    public static void requireInputs(List<PortInfo> inputs, Tensor[] given) throws DlException {
        for (int i = 0; i < given.length; i++) {
            if (given[i] == null) {
                throw new DlException(DlErrorCode.SHAPE_MISMATCH, "input " + i + " '" + inputs.get(i).name()
                        + "' was not set");
            }
        }
    }
}
