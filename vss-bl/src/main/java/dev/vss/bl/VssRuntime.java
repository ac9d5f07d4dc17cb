package dev.vss.bl;

import dev.vss.dl.CompileOptions;
import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.pipeline.Analyzer;
import dev.vss.hla.pipeline.AnalyzerOptions;
import dev.vss.models.ModelRepository;
import java.nio.file.Path;

/**
 * What a function instance or the CLI builds once: the engine, the verified models, the compiled pipeline.
 * Owns all of it; a failed start closes what it built and rethrows. Thread-safe after construction.
 */
public final class VssRuntime implements AutoCloseable {
    private final Engine engine;
    private final Analyzer analyzer;

    private VssRuntime(Engine engine, Analyzer analyzer) {
        this.engine = engine;
        this.analyzer = analyzer;
    }

    /**
     * @param engineName "openvino" or "opencv" (null: VSS_ENGINE, else the best available)
     * @param threads    inference threads, 0 = engine default
     * @param cacheDir   compiled-model cache directory, or null
     */
    public static VssRuntime open(String engineName, int threads, Path cacheDir, AnalyzerOptions options)
            throws DlException, HlaException {
        // image decoding needs OpenCV's natives: load them at start, not inside the first request's decode
        dev.vss.dl.opencv.OpenCvNatives.load();
        Engine engine = engineName == null ? Engine.newInstance() : Engine.newInstance(engineName);
        try {
            CompileOptions co = CompileOptions.builder().optThreads(threads).optCacheDir(cacheDir).build();
            ModelContext ctx = new ModelContext(engine, ModelRepository.fromEnvironment(), co);
            return new VssRuntime(engine, Analyzer.create(ctx, options));
        } catch (HlaException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    public Engine engine() {
        return engine;
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    @Override
    public void close() {
        analyzer.close();
        engine.close();
    }
}
