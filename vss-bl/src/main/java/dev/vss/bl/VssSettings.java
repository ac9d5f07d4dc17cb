// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import dev.vss.bl.runtime.InitStrategy;
import dev.vss.bl.store.StorageUris;
import dev.vss.hla.people.PeopleMethod;
import dev.vss.hla.pipeline.AnalyzerOptions;
import dev.vss.hla.pipeline.FaceSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Everything a vss function instance or CLI run is configured with, built in one place: {@link #load} reads the
 * environment and system properties ({@link Setting} lists them), the CLI then overrides with its flags through
 * {@link #toBuilder()}. Immutable; {@link #toString()} never shows the key.
 *
 * <pre>{@code
 * VssSettings s = VssSettings.fromEnvironment();                       // a function
 * VssSettings c = VssSettings.fromEnvironment().toBuilder().optThreads(2).build(); // a CLI flag wins
 * }</pre>
 *
 * @param engine            engine name (openvino, opencv)
 * @param precision         model precision, null for the catalog defaults
 * @param threads           inference threads, 0 = the engine's choice
 * @param minPersonPx       the smallest person to find, per camera
 * @param peopleMethod      how people are found
 * @param modelsDir         local models folder, null for the repository's own lookup
 * @param modelsUri         storage location models are fetched from at init, or null
 * @param modelsTmp         where fetched models go
 * @param gallery           gallery location, or null (faces are then not matched)
 * @param galleryKeyService {@code local}, {@code aws-kms:<id>}, {@code azure-keyvault:<url>}, {@code gcp-kms:<name>}
 * @param galleryKey        the local key itself (base64) or null
 * @param galleryKeyFile    the local key file or null (default file)
 * @param results           where results are written, or null
 * @param inputs            the storage locations images may be read from; empty = any
 * @param cacheDir          compiled-model cache, or null
 * @param maxImageBytes     largest image object read
 * @param maxPixels         largest image decoded
 */
public record VssSettings(String engine, String precision, int threads, FaceSource faceSource, boolean analyzeCovered,
        PersonSizes minPersonPx, PeopleMethod peopleMethod, Path modelsDir, URI modelsUri, Path modelsTmp, URI gallery, String galleryKeyService, String galleryKey,
        Path galleryKeyFile, Duration galleryRefresh, URI results, List<URI> inputs, InitStrategy init, boolean prime,
        Path cacheDir, long maxImageBytes, long maxPixels) {
    /** Default {@link #maxImageBytes}: 20 MiB, far above any camera still. */
    public static final long DEFAULT_MAX_IMAGE_BYTES = 20L << 20;
    /** Default {@link #maxPixels}. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    private static final Pattern PRECISION = Pattern.compile("FP32|FP16|FP16-INT8|INT8|UINT8");
    private static final Pattern KEY_SERVICE = Pattern.compile("local|(aws-kms|azure-keyvault|gcp-kms):.+");

    public VssSettings {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(faceSource, "faceSource");
        Objects.requireNonNull(minPersonPx, "minPersonPx");
        Objects.requireNonNull(peopleMethod, "peopleMethod");
        Objects.requireNonNull(modelsTmp, "modelsTmp");
        Objects.requireNonNull(galleryKeyService, "galleryKeyService");
        Objects.requireNonNull(galleryRefresh, "galleryRefresh");
        Objects.requireNonNull(init, "init");
        inputs = List.copyOf(inputs);
        if (threads < 0) {
            throw new IllegalArgumentException("threads: " + threads + " is negative");
        }
        if (precision != null && !PRECISION.matcher(precision).matches()) {
            throw new IllegalArgumentException("precision: '" + precision + "' is not one of FP32, FP16, FP16-INT8");
        }
        if (!KEY_SERVICE.matcher(galleryKeyService).matches()) {
            throw new IllegalArgumentException("gallery key service: '" + galleryKeyService + "' is not local, "
                    + "aws-kms:<key>, azure-keyvault:<key URL> or gcp-kms:<key name>");
        }
        if (maxImageBytes < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("maxImageBytes/maxPixels: must be positive");
        }
        if (galleryRefresh.isNegative()) {
            throw new IllegalArgumentException("galleryRefresh: negative");
        }
    }

    /** The process's environment and system properties. */
    public static VssSettings fromEnvironment() {
        return load(System.getenv(), System.getProperties());
    }

    /**
     * Reads every {@link Setting} (system property before environment variable) over the defaults.
     *
     * @throws IllegalArgumentException naming the variable whose value is not valid
     */
    public static VssSettings load(Map<String, String> env, Properties props) {
        Builder b = new Builder();
        Reader r = new Reader(env, props);
        b.engine = r.get(Setting.ENGINE, v -> v.toLowerCase(Locale.ROOT), b.engine);
        b.precision = r.get(Setting.PRECISION, v -> v.toUpperCase(Locale.ROOT), null);
        b.threads = r.get(Setting.THREADS, Integer::parseInt, 0);
        b.faceSource = r.get(Setting.FACE_SOURCE, v -> FaceSource.valueOf(v.toUpperCase(Locale.ROOT)), b.faceSource);
        b.analyzeCovered = r.get(Setting.ANALYZE_COVERED, VssSettings::bool, false);
        b.minPersonPx = r.get(Setting.MIN_PERSON_PX, PersonSizes::parse, b.minPersonPx);
        b.peopleMethod = r.get(Setting.PEOPLE_METHOD, v -> PeopleMethod.valueOf(v.toUpperCase(Locale.ROOT)), b.peopleMethod);
        b.modelsDir = r.get(Setting.MODELS_DIR, Path::of, null);
        b.modelsUri = r.get(Setting.MODELS_URI, VssSettings::location, null);
        b.modelsTmp = r.get(Setting.MODELS_TMP, Path::of, b.modelsTmp);
        b.gallery = r.get(Setting.GALLERY, VssSettings::location, null);
        b.galleryKeyService = r.get(Setting.GALLERY_KEY_SERVICE, v -> v, b.galleryKeyService);
        b.galleryKey = r.get(Setting.GALLERY_KEY, v -> v, null);
        b.galleryKeyFile = r.get(Setting.GALLERY_KEY_FILE, Path::of, null);
        b.galleryRefresh = r.get(Setting.GALLERY_REFRESH, v -> Duration.ofSeconds(Long.parseLong(v)), b.galleryRefresh);
        b.results = r.get(Setting.RESULTS, VssSettings::location, null);
        b.inputs = r.get(Setting.INPUTS, VssSettings::locations, List.of());
        b.init = r.get(Setting.INIT, InitStrategy::parse, b.init);
        b.prime = r.get(Setting.PRIME, VssSettings::bool, true);
        b.cacheDir = r.get(Setting.CACHE_DIR, Path::of, null);
        b.maxImageBytes = r.get(Setting.MAX_IMAGE_BYTES, Long::parseLong, b.maxImageBytes);
        b.maxPixels = r.get(Setting.MAX_PIXELS, Long::parseLong, b.maxPixels);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("settings: " + e.getMessage(), e);
        }
    }

    /** Defaults only (no environment): for tests and embedding. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to override some (CLI flags). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.engine = engine;
        b.precision = precision;
        b.threads = threads;
        b.faceSource = faceSource;
        b.analyzeCovered = analyzeCovered;
        b.minPersonPx = minPersonPx;
        b.peopleMethod = peopleMethod;
        b.modelsDir = modelsDir;
        b.modelsUri = modelsUri;
        b.modelsTmp = modelsTmp;
        b.gallery = gallery;
        b.galleryKeyService = galleryKeyService;
        b.galleryKey = galleryKey;
        b.galleryKeyFile = galleryKeyFile;
        b.galleryRefresh = galleryRefresh;
        b.results = results;
        b.inputs = inputs;
        b.init = init;
        b.prime = prime;
        b.cacheDir = cacheDir;
        b.maxImageBytes = maxImageBytes;
        b.maxPixels = maxPixels;
        return b;
    }

    /**
     * The pipeline's options: every stage on, with this face source, precision, covered-camera rule, people method
     * and the default smallest person (per-camera sizes are applied per image by the handler).
     */
    public AnalyzerOptions analyzerOptions() {
        return new AnalyzerOptions(true, true, true, faceSource, analyzeCovered, precision, minPersonPx.defaultPx(),
                peopleMethod);
    }

    /**
     * These settings as the system properties {@link #load} reads, for a child process that must run with exactly
     * them ({@code vss run-local}'s instances). The inline gallery key ({@link Setting#GALLERY_KEY}) has no property
     * and is left out: pass it in the child's environment. {@code load(env, toProperties())} gives these settings back.
     */
    public Map<String, String> toProperties() {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put(Setting.ENGINE.property(), engine);
        if (precision != null) {
            p.put(Setting.PRECISION.property(), precision);
        }
        p.put(Setting.THREADS.property(), Integer.toString(threads));
        p.put(Setting.FACE_SOURCE.property(), faceSource.name().toLowerCase(Locale.ROOT));
        p.put(Setting.ANALYZE_COVERED.property(), Boolean.toString(analyzeCovered));
        p.put(Setting.MIN_PERSON_PX.property(), minPersonPx.toString());
        p.put(Setting.PEOPLE_METHOD.property(), peopleMethod.name().toLowerCase(Locale.ROOT));
        putPath(p, Setting.MODELS_DIR, modelsDir);
        if (modelsUri != null) {
            p.put(Setting.MODELS_URI.property(), modelsUri.toString());
        }
        putPath(p, Setting.MODELS_TMP, modelsTmp);
        if (gallery != null) {
            p.put(Setting.GALLERY.property(), gallery.toString());
        }
        p.put(Setting.GALLERY_KEY_SERVICE.property(), galleryKeyService);
        putPath(p, Setting.GALLERY_KEY_FILE, galleryKeyFile);
        p.put(Setting.GALLERY_REFRESH.property(), Long.toString(galleryRefresh.toSeconds()));
        if (results != null) {
            p.put(Setting.RESULTS.property(), results.toString());
        }
        if (!inputs.isEmpty()) {
            p.put(Setting.INPUTS.property(), String.join(",", inputs.stream().map(URI::toString).toList()));
        }
        p.put(Setting.INIT.property(), init.name().toLowerCase(Locale.ROOT));
        p.put(Setting.PRIME.property(), Boolean.toString(prime));
        putPath(p, Setting.CACHE_DIR, cacheDir);
        p.put(Setting.MAX_IMAGE_BYTES.property(), Long.toString(maxImageBytes));
        p.put(Setting.MAX_PIXELS.property(), Long.toString(maxPixels));
        return p;
    }

    private static void putPath(Map<String, String> p, Setting s, Path v) {
        if (v != null) {
            p.put(s.property(), v.toAbsolutePath().toString());
        }
    }

    /**
     * A location from a setting or flag: a storage or {@code file:} URI as given, a plain path as an absolute
     * {@code file:} URI.
     */
    public static URI location(String s) {
        if (s.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            return StorageUris.parse("location", s);
        }
        return Path.of(s).toAbsolutePath().normalize().toUri();
    }

    private static List<URI> locations(String s) {
        List<URI> l = new ArrayList<>();
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                l.add(location(part.strip()));
            }
        }
        return l;
    }

    private static boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("'" + v + "' is not true or false");
        };
    }

    @Override
    public String toString() {
        return "VssSettings[engine=" + engine + ", precision=" + precision + ", threads=" + threads + ", faceSource="
                 + faceSource + ", analyzeCovered=" + analyzeCovered + ", minPersonPx=" + minPersonPx + ", peopleMethod="
                + peopleMethod + ", modelsDir=" + modelsDir + ", modelsUri="
                + modelsUri + ", gallery=" + gallery + ", galleryKeyService=" + galleryKeyService + ", galleryKey="
                + (galleryKey == null ? "none" : "(set)") + ", galleryKeyFile=" + galleryKeyFile + ", results=" + results
                + ", inputs=" + inputs + ", init=" + init + ", prime=" + prime + ", cacheDir=" + cacheDir
                + ", maxImageBytes=" + maxImageBytes + ", maxPixels=" + maxPixels + "]";
    }

    /** Reads one setting and names it when its value is not valid. */
    private record Reader(Map<String, String> env, Properties props) {
        <T> T get(Setting s, java.util.function.Function<String, T> parse, T def) {
            String v = s.raw(env, props);
            if (v == null) {
                return def;
            }
            try {
                return parse.apply(v);
            } catch (RuntimeException e) {
                String shown = s == Setting.GALLERY_KEY ? "(hidden)" : "'" + (v.length() > 80 ? v.substring(0, 80) + "…" : v) + "'";
                throw new IllegalArgumentException(s.names() + ": " + shown + " is not valid: " + e.getMessage(), e);
            }
        }
    }

    /** Builder; every setter is optional and overrides what the builder holds. */
    public static final class Builder {
        private String engine = "openvino";
        private String precision;
        private int threads;
        private FaceSource faceSource = FaceSource.DETECTOR;
        private boolean analyzeCovered;
        private PersonSizes minPersonPx = PersonSizes.fromFrame();
        private PeopleMethod peopleMethod = PeopleMethod.HYBRID;
        private Path modelsDir;
        private URI modelsUri;
        private Path modelsTmp = Path.of(System.getProperty("java.io.tmpdir"), "vss-models");
        private URI gallery;
        private String galleryKeyService = "local";
        private String galleryKey;
        private Path galleryKeyFile;
        private Duration galleryRefresh = Duration.ofSeconds(30);
        private URI results;
        private List<URI> inputs = List.of();
        private InitStrategy init = InitStrategy.GLOBAL;
        private boolean prime = true;
        private Path cacheDir;
        private long maxImageBytes = DEFAULT_MAX_IMAGE_BYTES;
        private long maxPixels = DEFAULT_MAX_PIXELS;

        private Builder() {
        }

        public Builder optEngine(String v) {
            engine = v.toLowerCase(Locale.ROOT);
            return this;
        }

        public Builder optPrecision(String v) {
            precision = v == null ? null : v.toUpperCase(Locale.ROOT);
            return this;
        }

        public Builder optThreads(int v) {
            threads = v;
            return this;
        }

        public Builder optFaceSource(FaceSource v) {
            faceSource = v;
            return this;
        }

        public Builder optAnalyzeCovered(boolean v) {
            analyzeCovered = v;
            return this;
        }

        public Builder optMinPersonPx(PersonSizes v) {
            minPersonPx = v;
            return this;
        }

        public Builder optPeopleMethod(PeopleMethod v) {
            peopleMethod = v;
            return this;
        }

        public Builder optModelsDir(Path v) {
            modelsDir = v;
            return this;
        }

        public Builder optModelsUri(URI v) {
            modelsUri = v;
            return this;
        }

        public Builder optModelsTmp(Path v) {
            modelsTmp = v;
            return this;
        }

        public Builder optGallery(URI v) {
            gallery = v;
            return this;
        }

        public Builder optGalleryKeyService(String v) {
            galleryKeyService = v;
            return this;
        }

        public Builder optGalleryKey(String v) {
            galleryKey = v;
            return this;
        }

        public Builder optGalleryKeyFile(Path v) {
            galleryKeyFile = v;
            return this;
        }

        public Builder optGalleryRefresh(Duration v) {
            galleryRefresh = v;
            return this;
        }

        public Builder optResults(URI v) {
            results = v;
            return this;
        }

        public Builder optInputs(List<URI> v) {
            inputs = v;
            return this;
        }

        public Builder optInit(InitStrategy v) {
            init = v;
            return this;
        }

        public Builder optPrime(boolean v) {
            prime = v;
            return this;
        }

        public Builder optCacheDir(Path v) {
            cacheDir = v;
            return this;
        }

        public Builder optMaxImageBytes(long v) {
            maxImageBytes = v;
            return this;
        }

        public Builder optMaxPixels(long v) {
            maxPixels = v;
            return this;
        }

        public VssSettings build() {
            return new VssSettings(engine, precision, threads, faceSource, analyzeCovered, minPersonPx, peopleMethod,
                    modelsDir, modelsUri,
                    modelsTmp, gallery, galleryKeyService, galleryKey, galleryKeyFile, galleryRefresh, results, inputs,
                    init, prime, cacheDir, maxImageBytes, maxPixels);
        }
    }
}
