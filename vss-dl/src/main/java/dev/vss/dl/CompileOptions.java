package dev.vss.dl;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to compile a model. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * CompileOptions o = CompileOptions.builder().optThreads(2).optHint(PerformanceHint.LATENCY)
 *         .optCacheDir(Path.of("/tmp/vss-cache")).build();
 * }</pre>
 */
public final class CompileOptions {
    private final String device;
    private final int threads;
    private final int streams;
    private final PerformanceHint hint;
    private final Path cacheDir;
    private final String inferencePrecision;
    private final Map<String, String> properties;

    private CompileOptions(Builder b) {
        this.inferencePrecision = b.inferencePrecision;
        this.device = b.device;
        this.threads = b.threads;
        this.streams = b.streams;
        this.hint = b.hint;
        this.cacheDir = b.cacheDir;
        this.properties = Map.copyOf(b.properties);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: CPU, engine's thread count, LATENCY hint, no cache. */
    public static CompileOptions defaults() {
        return builder().build();
    }

    public String device() {
        return device;
    }

    /** Inference threads; 0 means the engine decides. */
    public int threads() {
        return threads;
    }

    /** Streams; 0 means the hint decides. */
    public int streams() {
        return streams;
    }

    public PerformanceHint hint() {
        return hint;
    }

    public Optional<Path> cacheDir() {
        return Optional.ofNullable(cacheDir);
    }

    /** Inference precision ("f32", "bf16", "f16"); empty = the device's default (bf16 on CPUs with AMX). */
    public Optional<String> inferencePrecision() {
        return Optional.ofNullable(inferencePrecision);
    }

    /** Extra backend properties passed as they are (for OpenVINO: property keys such as "ENABLE_CPU_PINNING"). */
    public Map<String, String> properties() {
        return properties;
    }

    public Builder toBuilder() {
        Builder b = new Builder().optDevice(device).optThreads(threads).optStreams(streams).optHint(hint);
        b.cacheDir = cacheDir;
        b.inferencePrecision = inferencePrecision;
        b.properties.putAll(properties);
        return b;
    }

    @Override
    public String toString() {
        return "CompileOptions{device=" + device + ", threads=" + threads + ", streams=" + streams + ", hint=" + hint
                + ", cacheDir=" + cacheDir + ", precision=" + inferencePrecision + ", properties=" + properties + "}";
    }

    /** Builder; every setter is optional. */
    public static final class Builder {
        private String device = "CPU";
        private int threads;
        private int streams;
        private PerformanceHint hint = PerformanceHint.LATENCY;
        private Path cacheDir;
        private String inferencePrecision;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder optDevice(String device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        public Builder optThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("threads: " + threads + " is negative (0 = engine default)");
            }
            this.threads = threads;
            return this;
        }

        public Builder optStreams(int streams) {
            if (streams < 0) {
                throw new IllegalArgumentException("streams: " + streams + " is negative (0 = hint decides)");
            }
            this.streams = streams;
            return this;
        }

        public Builder optHint(PerformanceHint hint) {
            this.hint = Objects.requireNonNull(hint, "hint");
            return this;
        }

        /** Directory of the compiled-model cache; null switches the cache off. */
        public Builder optCacheDir(Path cacheDir) {
            this.cacheDir = cacheDir;
            return this;
        }

        /**
         * Inference precision: "f32" for results equal to the reference, "bf16"/"f16" for speed; null = device
         * default. OpenVINO's CPU default is bf16 on processors with AMX, which changes outputs slightly.
         */
        public Builder optInferencePrecision(String precision) {
            if (precision != null && !java.util.Set.of("f32", "bf16", "f16").contains(precision)) {
                throw new IllegalArgumentException("precision: '" + precision + "' is not one of f32, bf16, f16");
            }
            this.inferencePrecision = precision;
            return this;
        }

        public Builder optProperty(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public CompileOptions build() {
            return new CompileOptions(this);
        }
    }
}
