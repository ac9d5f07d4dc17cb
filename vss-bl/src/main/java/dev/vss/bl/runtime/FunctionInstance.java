// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.runtime;

import dev.vss.bl.image.AnalyzeRequest;
import dev.vss.bl.image.BatchResult;
import dev.vss.bl.image.ErrorCode;
import dev.vss.bl.image.ImageReadException;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ImageResult;
import dev.vss.bl.store.ImageSource;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.HlaException;
import dev.vss.hla.gallery.Gallery;
import dev.vss.hla.pipeline.Analyzer;
import dev.vss.hla.pipeline.ImageAnalysis;
import dev.vss.models.ModelException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One function instance (container): its {@link InitStrategy}, the runtime it holds ({@link VssRuntime}: engine and
 * analyzer) and the per-image analysis loop — the only class between the handler and the {@link Analyzer}. Built
 * once; the first invocation is the cold start; keep-warm pings are answered without building anything or running
 * inference. What an invocation needs comes in as arguments (the images, where to read them, the gallery to match
 * against) and its results come back as the return value: one result per image, a failure being that item's error
 * while the others still run. The handler holds one; {@code vss run-local} replays events against several. Not for
 * concurrent invocations (a function instance serves one event at a time).
 *
 * <pre>{@code
 * try (FunctionInstance f = new FunctionInstance(RuntimeConfig.builder().build(), InitStrategy.GLOBAL)) {
 *     BatchResult r = f.invoke(AnalyzeRequest.of(List.of(ImageRef.of("cam1/0001.jpg"))), ImageSource.localFiles(),
 *             null, null).result();
 * }
 * }</pre>
 */
public final class FunctionInstance implements AutoCloseable {
    /** One invocation's outcome and times, ms. {@code init} is null when this invocation built nothing. */
    public record Invocation(BatchResult result, boolean coldStart, InitPhases init, double handlerMs) {
        /** Init paid inside this invocation plus the handler: what the caller waited. */
        public double durationMs() {
            return handlerMs + (init == null ? 0 : init.total());
        }
    }

    /**
     * Sees each successfully analysed image with its result (e.g. to draw it) without a second read and decode. It
     * handles its own failures: the analysis stands whatever it does.
     */
    @FunctionalInterface
    public interface ImageObserver {
        void accept(ImageRef ref, Image image, ImageResult result);
    }

    /** Work that needs the pipeline (e.g. enrolment), given the analyzer of a built runtime. */
    @FunctionalInterface
    public interface AnalyzerTask<T> {
        T run(Analyzer analyzer) throws IOException, HlaException, DlException;
    }

    private final RuntimeConfig config;
    private final InitStrategy strategy;
    private final long maxPixels;
    private final boolean ownsRuntime;
    private final InitPhases instanceInit;
    private VssRuntime runtime;
    private boolean invoked;

    /**
     * Creates the instance; with GLOBAL it builds the runtime now (the provider's init phase), with LAZY and LOCAL
     * later.
     */
    public FunctionInstance(RuntimeConfig config, InitStrategy strategy)
            throws DlException, HlaException, IOException, ModelException {
        this.config = Objects.requireNonNull(config, "config");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.maxPixels = config.maxPixels();
        this.ownsRuntime = true;
        if (strategy == InitStrategy.GLOBAL) {
            runtime = VssRuntime.open(config);
            instanceInit = runtime.phases();
        } else {
            instanceInit = null;
        }
    }

    private FunctionInstance(VssRuntime rt, long maxPixels) {
        this.config = null;
        this.strategy = InitStrategy.GLOBAL;
        this.maxPixels = maxPixels;
        this.ownsRuntime = false;
        this.runtime = Objects.requireNonNull(rt, "runtime");
        this.instanceInit = null;
    }

    /**
     * An instance over a runtime built elsewhere (tests and benches that build one runtime for many instances). The
     * caller keeps owning {@code rt}: closing this instance leaves it open.
     */
    public static FunctionInstance over(VssRuntime rt) {
        return new FunctionInstance(rt, Images.maxPixels());
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

    /** {@link #invoke(AnalyzeRequest, ImageSource, Gallery, ImageObserver)} with no gallery and no observer. */
    public Invocation invoke(AnalyzeRequest request, ImageSource source)
            throws DlException, HlaException, IOException, ModelException {
        return invoke(request, source, null, null);
    }

    /**
     * Analyses each image of the request (building the runtime first if this instance holds none).
     *
     * @param source   where the images are read
     * @param gallery  the gallery to match faces against, or null (faces are then not matched)
     * @param observer sees each analysed image, or null
     * @throws DlException if the runtime cannot be built (per-image problems are results, never thrown)
     */
    public Invocation invoke(AnalyzeRequest request, ImageSource source, Gallery gallery, ImageObserver observer)
            throws DlException, HlaException, IOException, ModelException {
        Objects.requireNonNull(source, "source");
        boolean cold = !invoked;
        invoked = true;
        if (request.ping() || request.images().isEmpty()) {
            long t0 = System.nanoTime(); // keep-warm, or nothing to analyse (e.g. only deletions): build nothing
            return new Invocation(new BatchResult(List.of(), cold, request.ping()), cold, null, ms(t0));
        }
        InitPhases[] init = new InitPhases[1];
        return withRuntime(rt -> {
            long t0 = System.nanoTime();
            List<ImageResult> out = new ArrayList<>(request.images().size());
            for (ImageRef ref : request.images()) {
                ImageResult r;
                try {
                    r = one(rt.analyzer(), source, gallery, observer, ref, cold);
                } catch (Error e) {
                    // e.g. OutOfMemoryError on one huge item: that item fails, the batch goes on
                    r = ImageResult.failed(ref, ErrorCode.INTERNAL, e.getClass().getSimpleName() + " while analysing",
                            cold);
                }
                out.add(r);
            }
            return new Invocation(new BatchResult(out, cold, false), cold, init[0], ms(t0));
        }, init);
    }

    /**
     * Answers every image of the request with the same failure, building and analysing nothing (the handler's way
     * when what the analysis needs, e.g. the gallery, is unavailable). Counts as an invocation for the cold start.
     */
    public Invocation refuse(AnalyzeRequest request, ErrorCode code, String why) {
        long t0 = System.nanoTime();
        boolean cold = !invoked;
        invoked = true;
        List<ImageResult> out = request.images().stream().map(ref -> ImageResult.failed(ref, code, why, cold)).toList();
        return new Invocation(new BatchResult(out, cold, request.ping()), cold, null, ms(t0));
    }

    private ImageResult one(Analyzer analyzer, ImageSource source, Gallery gallery, ImageObserver observer, ImageRef ref,
            boolean cold) {
        byte[] bytes;
        try {
            bytes = source.read(ref);
        } catch (ImageReadException e) {
            return ImageResult.failed(ref, e.code(), e.getMessage(), cold);
        } catch (NoSuchFileException e) {
            return ImageResult.failed(ref, ErrorCode.NOT_FOUND, "no such image: " + e.getMessage(), cold);
        } catch (IOException | RuntimeException e) {
            return ImageResult.failed(ref, ErrorCode.READ_FAILED, e.toString(), cold);
        }
        long t0 = System.nanoTime();
        Image img;
        try {
            img = Images.decode(bytes, ref.uri(), maxPixels);
        } catch (DlException e) {
            return ImageResult.failed(ref, e.code() == DlErrorCode.IMAGE_DECODE_FAILED ? ErrorCode.DECODE_FAILED
                    : ErrorCode.INTERNAL, e.getMessage(), cold);
        } catch (RuntimeException e) {
            return ImageResult.failed(ref, ErrorCode.DECODE_FAILED, e.toString(), cold);
        }
        double decodeMs = (System.nanoTime() - t0) / 1e6;
        ImageResult result;
        try {
            // the per-camera person size travels on the reference; none: the analyzer's option
            ImageAnalysis a = ref.minPersonPx() == null ? analyzer.analyze(img, gallery)
                    : analyzer.analyze(img, gallery, ref.minPersonPx());
            result = new ImageResult(ref, a, null, null, cold, decodeMs);
        } catch (HlaException e) {
            ErrorCode code = switch (e.code()) {
                case BAD_IMAGE -> ErrorCode.BAD_IMAGE;
                case INFERENCE_FAILED, MODEL_UNAVAILABLE -> ErrorCode.INFERENCE_FAILED;
                default -> ErrorCode.INTERNAL;
            };
            return ImageResult.failed(ref, code, e.getMessage(), cold);
        } catch (RuntimeException e) {
            return ImageResult.failed(ref, ErrorCode.INTERNAL, e.toString(), cold);
        }
        if (observer != null) {
            observer.accept(ref, img, result);
        }
        return result;
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
        if (runtime != null && ownsRuntime) {
            runtime.close();
        }
        runtime = null;
    }
}
