package dev.vss.bl;

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

    public static VssRuntime open(RuntimeConfig c) throws DlException, HlaException, IOException, ModelException {
        long t0 = System.nanoTime();
        // image decoding needs OpenCV's natives: load them here, not inside the first request's decode
        Images.loadNatives();
        Engine engine = c.engine() == null ? Engine.newInstance() : Engine.newInstance(c.engine());
        Analyzer analyzer = null;
        try {
            engine.deviceInfo("CPU"); // loads the device plugin now, so it counts as natives, not compile
            double natives = ms(t0);
            log(c, "natives", natives);
            long t1 = System.nanoTime();
            ModelRepository repo = c.modelStore() != null
                    ? ModelDelivery.fetch(c.modelStore(), c.modelPrefix(), c.modelDir(), needed(c.options()))
                    : c.modelsDir() != null ? new ModelRepository(c.modelsDir()) : ModelRepository.fromEnvironment();
            double fetch = c.modelStore() == null ? 0 : ms(t1);
            log(c, "model_fetch", fetch);
            long t2 = System.nanoTime();
            CompileOptions co = CompileOptions.builder().optThreads(c.threads()).optCacheDir(c.cacheDir()).build();
            analyzer = Analyzer.create(new ModelContext(engine, repo, co), c.options());
            double compile = ms(t2);
            log(c, "read_compile", compile);
            double warm = c.prime() ? analyzer.prime() : 0;
            log(c, "warmup", warm);
            InitPhases p = new InitPhases(natives, fetch, compile, warm);
            log(c, "total", p.total());
            return new VssRuntime(engine, analyzer, p);
        } catch (DlException | HlaException | IOException | ModelException | RuntimeException e) {
            if (analyzer != null) {
                analyzer.close();
            }
            engine.close();
            throw e;
        }
    }

    /** The catalog entries the options will load (what a function must have delivered): {@link ModelPlan}'s. */
    static List<CatalogEntry> needed(AnalyzerOptions o) throws HlaException {
        return ModelPlan.of(ModelCatalog.load(), o).entries();
    }

    private static void log(RuntimeConfig c, String phase, double ms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "init");
        m.put("phase", phase);
        m.put("ms", Math.round(ms * 100) / 100.0);
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
