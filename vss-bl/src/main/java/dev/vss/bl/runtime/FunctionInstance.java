package dev.vss.bl.runtime;

import dev.vss.bl.VssHandler;
import dev.vss.bl.image.AnalyzeRequest;
import dev.vss.bl.image.BatchResult;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.store.ImageSource;
import dev.vss.dl.DlException;
import dev.vss.dl.image.Images;
import dev.vss.hla.HlaException;
import dev.vss.hla.gallery.Gallery;
import dev.vss.hla.pipeline.Analyzer;
import dev.vss.models.ModelException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One function instance (container) with an {@link InitStrategy}: where cold start and keep-warm are decided. The
 * first invocation is the cold start; keep-warm pings are answered without building anything or running inference.
 * {@link VssHandler} holds one; {@code vss run-local} replays events against several. Not for concurrent
 * invocations (a function instance serves one event at a time).
 */
public final class FunctionInstance implements AutoCloseable {
    /** One invocation's outcome and times, ms. {@code init} is null when this invocation built nothing. */
    public record Invocation(BatchResult result, boolean coldStart, InitPhases init, double handlerMs) {
        /** Init paid inside this invocation plus the handler: what the caller waited. */
        public double durationMs() {
            return handlerMs + (init == null ? 0 : init.total());
        }
    }

    /** Work that needs the pipeline (e.g. enrolment), given the analyzer of a built runtime. */
    @FunctionalInterface
    public interface AnalyzerTask<T> {
        T run(Analyzer analyzer) throws IOException, HlaException, DlException;
    }

    private final RuntimeConfig config;
    private final InitStrategy strategy;
    private final ImageSource source;
    private final Supplier<Gallery> gallery;
    private final long maxPixels;
    private java.util.function.ToIntFunction<ImageRef> minPersonPx;
    private final InitPhases instanceInit;
    private VssRuntime runtime;
    private boolean invoked;

    /**
     * Creates the instance; with GLOBAL it builds the runtime now (the provider's init phase), with LAZY and LOCAL
     * later.
     */
    public FunctionInstance(RuntimeConfig config, InitStrategy strategy, ImageSource source, Supplier<Gallery> gallery)
            throws DlException, HlaException, IOException, ModelException {
        this(config, strategy, source, gallery, Images.maxPixels());
    }

    /** @param maxPixels largest image decoded */
    public FunctionInstance(RuntimeConfig config, InitStrategy strategy, ImageSource source, Supplier<Gallery> gallery,
            long maxPixels) throws DlException, HlaException, IOException, ModelException {
        this.config = Objects.requireNonNull(config, "config");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.source = Objects.requireNonNull(source, "source");
        this.gallery = Objects.requireNonNull(gallery, "gallery");
        this.maxPixels = maxPixels;
        if (strategy == InitStrategy.GLOBAL) {
            runtime = VssRuntime.open(config);
            instanceInit = runtime.phases();
        } else {
            instanceInit = null;
        }
    }

    /** Each image's smallest person to find, by its reference (camera); null: the options' one. */
    public FunctionInstance withMinPersonPx(java.util.function.ToIntFunction<ImageRef> f) {
        this.minPersonPx = f;
        return this;
    }

    /** The init done at construction (GLOBAL), else null. */
    public InitPhases instanceInit() {
        return instanceInit;
    }

    public InitStrategy strategy() {
        return strategy;
    }

    /** Whether a runtime is held now (GLOBAL always; LAZY after its first request; LOCAL never between requests). */
    public boolean initialized() {
        return runtime != null;
    }

    public Invocation invoke(AnalyzeRequest request) throws DlException, HlaException, IOException, ModelException {
        return invoke(request, null);
    }

    /** {@link #invoke(AnalyzeRequest)}, showing each analysed image to {@code observer} (may be null). */
    public Invocation invoke(AnalyzeRequest request, VssFunction.ImageObserver observer)
            throws DlException, HlaException, IOException, ModelException {
        return invoke(request, observer, source);
    }

    /** {@link #invoke(AnalyzeRequest, VssFunction.ImageObserver)} reading the images from {@code from}. */
    public Invocation invoke(AnalyzeRequest request, VssFunction.ImageObserver observer, ImageSource from)
            throws DlException, HlaException, IOException, ModelException {
        boolean cold = !invoked;
        invoked = true;
        if (request.ping()) {
            long t0 = System.nanoTime();
            return new Invocation(new BatchResult(List.of(), cold, true), cold, null, ms(t0));
        }
        if (request.images().isEmpty()) {
            long t0 = System.nanoTime(); // nothing to analyse (e.g. only deletions): build nothing
            return new Invocation(new BatchResult(List.of(), cold, false), cold, null, ms(t0));
        }
        InitPhases[] init = new InitPhases[1];
        return withRuntime(rt -> {
            long t0 = System.nanoTime();
            BatchResult r = new VssFunction(rt.analyzer(), from, gallery, maxPixels, observer, minPersonPx)
                    .apply(request, cold);
            return new Invocation(r, cold, init[0], ms(t0));
        }, init);
    }

    /**
     * Runs {@code task} with the pipeline, building it first if this instance holds none (LAZY keeps it, LOCAL closes
     * it afterwards). Enrolment uses this, so it loads exactly the models analysis does.
     */
    public <T> T withAnalyzer(AnalyzerTask<T> task) throws DlException, HlaException, IOException, ModelException {
        return withRuntime(rt -> task.run(rt.analyzer()), new InitPhases[1]);
    }

    /**
     * Priming for a snapshot (SnapStart / CRaC {@code beforeCheckpoint}): builds the runtime if needed and runs one
     * inference per model. Returns the priming time, ms.
     */
    public double prime() throws DlException, HlaException, IOException, ModelException {
        return withRuntime(rt -> rt.analyzer().prime(), new InitPhases[1]);
    }

    private interface RuntimeTask<T> {
        T run(VssRuntime rt) throws IOException, HlaException, DlException;
    }

    private <T> T withRuntime(RuntimeTask<T> task, InitPhases[] built)
            throws DlException, HlaException, IOException, ModelException {
        VssRuntime rt = runtime;
        if (rt == null) {
            rt = VssRuntime.open(config);
            built[0] = rt.phases();
            if (strategy != InitStrategy.LOCAL) {
                runtime = rt;
            }
        }
        try {
            return task.run(rt);
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
