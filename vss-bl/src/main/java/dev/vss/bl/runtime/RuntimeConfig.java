package dev.vss.bl.runtime;

import dev.vss.bl.store.BlobStore;
import dev.vss.hla.pipeline.AnalyzerOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to build a {@link VssRuntime}. Build with {@link #builder()}; every setter is optional.
 *
 * <pre>{@code
 * RuntimeConfig c = RuntimeConfig.builder().optThreads(1).optCacheDir(Path.of("/tmp/vss-cache"))
 *         .optModelStore(bucket, "models/", Path.of("/tmp/vss-models")).build();
 * }</pre>
 */
public record RuntimeConfig(String engine, int threads, Path cacheDir, AnalyzerOptions options, BlobStore modelStore,
        String modelPrefix, Path modelDir, Path modelsDir, boolean prime, long maxPixels, Consumer<String> log) {
    public RuntimeConfig {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(log, "log");
        if (threads < 0) {
            throw new IllegalArgumentException("threads: " + threads + " is negative");
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels: " + maxPixels + " is not positive");
        }
        if (modelStore != null && modelDir == null) {
            throw new IllegalArgumentException("modelDir: needed when models come from a store");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder. */
    public static final class Builder {
        private String engine = "openvino";
        private int threads;
        private Path cacheDir;
        private AnalyzerOptions options = AnalyzerOptions.defaults();
        private BlobStore modelStore;
        private String modelPrefix = "";
        private Path modelDir;
        private Path modelsDir;
        private boolean prime = true;
        private long maxPixels = dev.vss.dl.image.Images.maxPixels();
        private Consumer<String> log = s -> { };

        public Builder optEngine(String e) {
            engine = e;
            return this;
        }

        public Builder optThreads(int t) {
            threads = t;
            return this;
        }

        /** Compiled-model cache, e.g. a folder on /tmp that survives warm invocations. */
        public Builder optCacheDir(Path p) {
            cacheDir = p;
            return this;
        }

        public Builder optOptions(AnalyzerOptions o) {
            options = o;
            return this;
        }

        /** Fetch models from {@code store} (keys {@code prefix + catalog path}) into {@code dir} at init. */
        public Builder optModelStore(BlobStore store, String prefix, Path dir) {
            modelStore = store;
            modelPrefix = prefix == null ? "" : prefix;
            modelDir = dir;
            return this;
        }

        /** Read models from this local folder (default: {@link dev.vss.models.ModelRepository#fromEnvironment()}). */
        public Builder optModelsDir(Path dir) {
            modelsDir = dir;
            return this;
        }

        /** Run one priming inference per model at init (default true). */
        public Builder optPrime(boolean p) {
            prime = p;
            return this;
        }

        /** The largest image decoded, pixels (checked from its header, before decoding). */
        public Builder optMaxPixels(long p) {
            maxPixels = p;
            return this;
        }

        /** Receives one JSON line per init phase (structured logs). */
        public Builder optLog(Consumer<String> l) {
            log = l;
            return this;
        }

        public RuntimeConfig build() {
            return new RuntimeConfig(engine, threads, cacheDir, options, modelStore, modelPrefix, modelDir, modelsDir,
                    prime, maxPixels, log);
        }
    }
}
