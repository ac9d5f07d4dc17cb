package dev.vss.bl;

import dev.vss.dl.CompileOptions;
import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.dl.opencv.OpenCvNatives;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.face.FacePipeline;
import dev.vss.hla.people.PeopleFinder;
import dev.vss.hla.people.PeopleMethod;
import dev.vss.hla.pipeline.Analyzer;
import dev.vss.hla.pipeline.AnalyzerOptions;
import dev.vss.models.CatalogEntry;
import dev.vss.models.ModelCatalog;
import dev.vss.models.ModelException;
import dev.vss.models.ModelRepository;
import dev.vss.models.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
        OpenCvNatives.load();
        Engine engine = c.engine() == null ? Engine.newInstance() : Engine.newInstance(c.engine());
        Analyzer analyzer = null;
        try {
            engine.deviceInfo("CPU"); // loads the device plugin now, so it counts as natives, not compile
            double natives = ms(t0);
            log(c, "natives", natives);
            long t1 = System.nanoTime();
            ModelRepository repo = c.modelStore() == null ? ModelRepository.fromEnvironment()
                    : ModelDelivery.fetch(c.modelStore(), c.modelPrefix(), c.modelDir(), needed(c.options()));
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

    /** The catalog entries the options will load (what a function must have delivered). */
    static List<CatalogEntry> needed(AnalyzerOptions o) {
        ModelCatalog cat = ModelCatalog.load();
        List<CatalogEntry> list = new ArrayList<>();
        if (o.coverage()) {
            list.add(cat.defaultFor(Task.CLASSIFICATION));
        }
        if (o.pose()) {
            list.add(FacePipeline.pick(cat, Task.BODY_POSE, o.precision()));
            if (o.peopleMethod() == PeopleMethod.DETECTOR_POSE || o.peopleMethod() == PeopleMethod.HYBRID) {
                list.add(PeopleFinder.detectorFor(cat, o.precision()));
                list.add(PeopleFinder.confirmingDetectorFor(cat, o.precision()));
            }
        }
        if (o.faces()) {
            for (Task t : List.of(Task.FACE_DETECTION, Task.FACE_LANDMARKS, Task.FACE_REID)) {
                list.add(FacePipeline.pick(cat, t, o.precision()));
            }
        }
        return list;
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
