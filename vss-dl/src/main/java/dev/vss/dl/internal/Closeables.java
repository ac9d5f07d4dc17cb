package dev.vss.dl.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The closed flag of an object that owns a native resource: close runs once, use after close throws
 * {@link IllegalStateException}. Not API.
 */
public final class Closeables {
    private final String what;
    private final AtomicBoolean closed = new AtomicBoolean();

    public Closeables(String what) {
        this.what = what;
    }

    /** @throws IllegalStateException if closed */
    public void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(what + " is closed");
        }
    }

    /** True the first time only: the caller then releases the resource. */
    public boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    public boolean isClosed() {
        return closed.get();
    }
}
