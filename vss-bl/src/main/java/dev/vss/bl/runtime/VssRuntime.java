package dev.vss.bl.runtime;

import dev.vss.bl.image.ResultJson;
import dev.vss.dl.CompileOptions;
import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.dl.image.Images;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.pipeline.Analyzer;
import dev.vss.hla.pipeline.AnalyzerOptions;
import dev.vss.hla.pipeline.ModelPlan;
import dev.vss.models.CatalogEntry;
import dev.vss.models.ModelCatalog;
import dev.vss.models.ModelException;
import dev.vss.models.ModelRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What a function instance or the CLI builds once (the paper's lifecycle steps 2–7): natives and engine, models
 * (fetched and verified), the compiled pipeline, and a priming inference; each phase is timed and logged as one
 * JSON line. Owns all of it; a failed start closes what it built and rethrows. Thread-safe after construction.
 */
public final class VssRuntime implements AutoCloseable {
    private final Engine engine;
    private final Analyzer analyzer;
    private final InitPhases phases;

    private VssRuntime(Engine engine, Analyzer analyzer, InitPhases phases) {
        this.engine = engine;
        this.analyzer = analyzer;
        this.phases = phases;
    }

    /** Models from the local repository, no priming, no logs (the CLI's and tests' way). */
    public static VssRuntime open(String engineName, int threads, Path cacheDir, AnalyzerOptions options)
            throws DlException, HlaException {
        try {
            return open(RuntimeConfig.builder().optEngine(engineName).optThreads(threads).optCacheDir(cacheDir)
                    .optOptions(options).optPrime(false).build());
        } catch (IOException | ModelException e) {
            throw new HlaException(dev.vss.hla.HlaErrorCode.MODEL_UNAVAILABLE, e.getMessage(), e);
        }
    }

    /** The record of verified model files kept in the compiled-model cache folder. */
    static final String VERIFIED_RECORD = "verified-models.tsv";

    /**
     * Builds the runtime, overlapping what does not depend on each other: OpenCV's natives load and the models are
     * fetched on background threads while OpenVINO and its CPU plugin load, then every model is read and compiled
     * concurrently ({@link Analyzer#create(ModelContext, AnalyzerOptions)}). Phases are logged on the critical path,
     * so they add up to the wall time: "natives" is OpenVINO's load plus any wait for OpenCV's, "model_fetch" the
     * wait for the models after that.
     */
    public static VssRuntime open(RuntimeConfig c) throws DlException, HlaException, IOException, ModelException {
        long t0 = System.nanoTime();
        ExecutorService background = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "vss-init");
            t.setDaemon(true);
            return t;
        });
        Engine engine = null;
        Analyzer analyzer = null;
        try {
            // image decoding needs OpenCV's natives: load them now, not inside the first request's decode
            Future<Double> opencv = background.submit(() -> {
                long s = System.nanoTime();
                Images.loadNatives();
                return ms(s);
            });
            // the Java side of a request (JSON, decode) loads and runs once while the models compile
            Future<Double> java = c.prime() ? background.submit(() -> {
                opencv.get();
                try {
                    return JavaWarmUp.run();
                } catch (DlException | HlaException | RuntimeException e) {
                    return -1.0; // a warm-up is an optimisation: the first request reports any real problem
                }
            }) : null;
            Future<ModelRepository> models = background.submit(() -> {
                if (c.modelStore() != null) {
                    return ModelDelivery.fetch(c.modelStore(), c.modelPrefix(), c.modelDir(), needed(c.options()));
                }
                ModelRepository r = c.modelsDir() != null ? new ModelRepository(c.modelsDir())
                        : ModelRepository.fromEnvironment();
                // check every file's sha256 now, two at a time, while OpenVINO loads: the compile threads then find
                // them verified (a failure is reported when that model is loaded, naming the file). Beside a
                // compiled-model cache, files not written since an earlier process hashed them are not hashed again.
                Path record = c.cacheDir() == null ? null : c.cacheDir().resolve(VERIFIED_RECORD);
                if (record != null) {
                    ModelRepository.loadVerified(record);
                }
                needed(c.options()).parallelStream().forEach(e -> r.verify(e));
                if (record != null) {
                    ModelRepository.saveVerified(record);
                }
                return r;
            });
            engine = c.engine() == null ? Engine.newInstance() : Engine.newInstance(c.engine());
            engine.deviceInfo("CPU"); // loads the device plugin now, so it counts as natives, not compile
            double natives = ms(t0);
            long t1 = System.nanoTime();
            ModelRepository repo = await(models);
            double fetch = ms(t1);
            long t2 = System.nanoTime();
            CompileOptions co = CompileOptions.builder().optThreads(c.threads()).optCacheDir(c.cacheDir()).build();
            analyzer = Analyzer.create(new ModelContext(engine, repo, co), c.options(), c.prime());
            double compile = ms(t2);
            long t3 = System.nanoTime();
            double opencvMs = await(opencv);
            natives += ms(t3); // only the part of OpenCV's load that nothing else overlapped
            long t4 = System.nanoTime();
            double javaMs = java == null ? 0 : await(java);
            double warm = c.prime() ? ms(t4) + analyzer.prime() : 0;
            // compiling freed far more C heap than the models keep: give it back before the first request
            long t5 = System.nanoTime();
            dev.vss.dl.heap.NativeHeap.trim();
            warm += c.prime() ? ms(t5) : 0;
            InitPhases p = new InitPhases(natives, fetch, compile, warm);
            // one line per phase, in lifecycle order, once the phases are known
            log(c, "natives", natives, Map.of("opencv_background_ms", Math.round(opencvMs * 100) / 100.0));
            log(c, "model_fetch", fetch, Map.of());
            log(c, "read_compile", compile, Map.of());
            log(c, "warmup", warm, Map.of("java_background_ms", Math.round(javaMs * 100) / 100.0));
            log(c, "total", p.total(), Map.of());
            return new VssRuntime(engine, analyzer, p);
        } catch (DlException | HlaException | IOException | ModelException | RuntimeException | Error e) {
            if (analyzer != null) {
                analyzer.close();
            }
            if (engine != null) {
                engine.close();
            }
            throw e;
        } finally {
            background.shutdown();
        }
    }

    /** The task's value; its checked failure rethrown as it was. */
    private static <T> T await(Future<T> f) throws DlException, HlaException, IOException, ModelException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building the runtime", e);
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            rethrowIf(t, DlException.class);
            rethrowIf(t, HlaException.class);
            rethrowIf(t, IOException.class);
            rethrowIf(t, ModelException.class);
            rethrowIf(t, RuntimeException.class);
            rethrowIf(t, Error.class);
            throw new IllegalStateException(t);
        }
    }

    /** Throws {@code t} as what it is when it is an {@code X}, so a task's own exception reaches the caller. */
    private static <X extends Throwable> void rethrowIf(Throwable t, Class<X> type) throws X {
        if (type.isInstance(t)) {
            throw type.cast(t);
        }
    }

    /** The catalog entries the options will load (what a function must have delivered): {@link ModelPlan}'s. */
    static List<CatalogEntry> needed(AnalyzerOptions o) throws HlaException {
        return ModelPlan.of(ModelCatalog.load(), o).entries();
    }

    private static void log(RuntimeConfig c, String phase, double ms, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "init");
        m.put("phase", phase);
        m.put("ms", Math.round(ms * 100) / 100.0);
        m.putAll(extra);
        try {
            c.log().accept(ResultJson.mapper().writeValueAsString(m));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    public Engine engine() {
        return engine;
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    public InitPhases phases() {
        return phases;
    }

    @Override
    public void close() {
        analyzer.close();
        engine.close();
    }
}
