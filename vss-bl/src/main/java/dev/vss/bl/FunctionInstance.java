package dev.vss.bl;

import dev.vss.dl.DlException;
import dev.vss.hla.HlaException;
import dev.vss.hla.gallery.Gallery;
import dev.vss.models.ModelException;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One function instance (container) with an {@link InitStrategy}: what every adapter holds in a static field and
 * what {@code vss run-local} replays events against. The first invocation is the cold start; keep-warm pings are
 * answered without building anything or running inference. Not for concurrent invocations (a function instance
 * serves one event at a time).
 */
public final class FunctionInstance implements AutoCloseable {
    /** One invocation's outcome and times, ms. {@code init} is null when this invocation built nothing. */
    public record Invocation(BatchResult result, boolean coldStart, InitPhases init, double handlerMs) {
        /** Init paid inside this invocation plus the handler: what the caller waited. */
        public double durationMs() {
            return handlerMs + (init == null ? 0 : init.total());
        }
    }

    private final RuntimeConfig config;
    private final InitStrategy strategy;
    private final ImageSource source;
    private final Supplier<Gallery> gallery;
    private final InitPhases instanceInit;
    private VssRuntime runtime;
    private boolean invoked;

    /**
     * Creates the instance; with GLOBAL it builds the runtime now (the provider's init phase), with LAZY and LOCAL
     * later.
     */
    public FunctionInstance(RuntimeConfig config, InitStrategy strategy, ImageSource source, Supplier<Gallery> gallery)
            throws DlException, HlaException, IOException, ModelException {
        this.config = Objects.requireNonNull(config, "config");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.source = Objects.requireNonNull(source, "source");
        this.gallery = Objects.requireNonNull(gallery, "gallery");
        if (strategy == InitStrategy.GLOBAL) {
            runtime = VssRuntime.open(config);
            instanceInit = runtime.phases();
        } else {
            instanceInit = null;
        }
    }

    /** The init done at construction (GLOBAL), else null. */
    public InitPhases instanceInit() {
        return instanceInit;
    }

    public InitStrategy strategy() {
        return strategy;
    }

    public Invocation invoke(AnalyzeRequest request) throws DlException, HlaException, IOException, ModelException {
        boolean cold = !invoked;
        invoked = true;
        if (request.ping()) {
            long t0 = System.nanoTime();
            return new Invocation(new BatchResult(java.util.List.of(), cold, true), cold, null, ms(t0));
        }
        InitPhases init = null;
        VssRuntime rt = runtime;
        if (rt == null) {
            rt = VssRuntime.open(config);
            init = rt.phases();
            if (strategy == InitStrategy.LAZY) {
                runtime = rt;
            }
        }
        try {
            long t0 = System.nanoTime();
            BatchResult r = new VssFunction(rt.analyzer(), source, gallery).apply(request, cold);
            return new Invocation(r, cold, init, ms(t0));
        } finally {
            if (strategy == InitStrategy.LOCAL) {
                rt.close(); // local scope: nothing survives the invocation
            }
        }
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }
}
