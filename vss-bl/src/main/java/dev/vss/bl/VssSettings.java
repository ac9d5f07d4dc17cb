// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.store.StorageSettings;
import dev.vss.bl.runtime.InitStrategy;
import dev.vss.bl.runtime.JavaWarmUp;
import dev.vss.bl.store.StorageUris;
import dev.vss.hla.people.PeopleMethod;
import dev.vss.hla.pipeline.AnalyzerOptions;
import dev.vss.hla.pipeline.FaceSource;
import dev.vss.models.BaseSettings;
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
 * <p>Nothing else reads the environment. The layers below vss-bl get their part, {@link #base()}, through the
 * {@link BaseSettings} holder: {@link #fromEnvironment()} (every entry point: adapters, CLI, function workers) and
 * {@link #install()} put it there before any native library loads. The storage providers get {@link #storage()}.
 * Adding a setting: one {@link Setting} entry, its record component here (or in {@link BaseSettings} for the layers
 * below), its parser in {@code apply} (an exhaustive switch: it does not compile without one), copied in
 * {@link #toBuilder()}, written by {@link #toProperties()}; the README table is {@link Setting#markdownTable()}, a CLI
 * flag is the entry's flag listed in the CLI's {@code RuntimeOptions}.
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
 * @param base              the settings of the layers below vss-bl; its models folder and pixel limit are this
 *                          record's, its engine the one given (null: the best-ranked engine)
 * @param storage           the storage providers' endpoints and credentials
 * @param warmUpRounds      rounds of the Java code warm-up at init
 * @param configHome        {@code XDG_CONFIG_HOME}: base folder of the default key file, or null for {@code ~/.config}
 */
public record VssSettings(String engine, String precision, int threads, FaceSource faceSource, boolean analyzeCovered,
        PersonSizes minPersonPx, PeopleMethod peopleMethod, Path modelsDir, URI modelsUri, Path modelsTmp, URI gallery, String galleryKeyService, String galleryKey,
        Path galleryKeyFile, Duration galleryRefresh, URI results, List<URI> inputs, InitStrategy init, boolean prime,
        Path cacheDir, long maxImageBytes, long maxPixels, BaseSettings base, StorageSettings storage, int warmUpRounds,
        Path configHome) {
    /** Default {@link #maxImageBytes}: 20 MiB, far above any camera still. */
    public static final long DEFAULT_MAX_IMAGE_BYTES = 20L << 20;
    /** Default {@link #maxPixels}. */
    public static final long DEFAULT_MAX_PIXELS = BaseSettings.DEFAULT_MAX_PIXELS;
    private static final Pattern PRECISION = Pattern.compile("FP32|FP16|FP16-INT8|INT8|UINT8");
    /** The storage group, the last entries of {@link Setting}. */
    private static final java.util.Set<Setting> STORAGE = java.util.EnumSet.range(Setting.S3_REGION, Setting.GCS_PROJECT);
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
        Objects.requireNonNull(storage, "storage");
        inputs = List.copyOf(inputs);
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxImageBytes/maxPixels: must be positive");
        }
        // one truth for what both records carry
        base = Objects.requireNonNull(base, "base").with(base.engine(), modelsDir, maxPixels, base.maxJpegScans());
        if (warmUpRounds < 0) {
            throw new IllegalArgumentException("warmUpRounds: " + warmUpRounds + " is negative");
        }
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

    /**
     * The process's environment and system properties, {@linkplain #install() installed} for the layers below.
     *
     * @throws IllegalArgumentException naming the variable whose value is not valid
     */
    public static VssSettings fromEnvironment() {
        return load(System.getenv(), System.getProperties()).install();
    }

    /**
     * This process's storage settings as they are now (a test may set a property between two opens): what a storage
     * provider uses when it is given none.
     */
    public static StorageSettings storageFromEnvironment() {
        StorageSettings st = StorageSettings.none();
        for (Setting set : Setting.values()) {
            String v = set.value();
            if (v != null && STORAGE.contains(set)) {
                st = with(st, set, v);
            }
        }
        return st;
    }

    /** {@code b} with the text of one setting applied: the one parser of each setting's value (load and flags). */
    private static Builder apply(Builder b, Setting set, String v) {
        return switch (set) { // exhaustive: a new Setting does not compile until it is parsed here
            case ENGINE -> b.optEngine(v);
            case PRECISION -> b.optPrecision(v);
            case THREADS -> b.optThreads(Integer.parseInt(v));
            case FACE_SOURCE -> b.optFaceSource(FaceSource.valueOf(v.toUpperCase(Locale.ROOT)));
            case ANALYZE_COVERED -> b.optAnalyzeCovered(bool(v));
            case MIN_PERSON_PX -> b.optMinPersonPx(PersonSizes.parse(v));
            case PEOPLE_METHOD -> b.optPeopleMethod(PeopleMethod.valueOf(v.toUpperCase(Locale.ROOT)));
            case MODELS_DIR -> b.optModelsDir(Path.of(v));
            case MODELS_URI -> b.optModelsUri(location(v));
            case MODELS_TMP -> b.optModelsTmp(Path.of(v));
            case GALLERY -> b.optGallery(location(v));
            case GALLERY_KEY_SERVICE -> b.optGalleryKeyService(v);
            case GALLERY_KEY -> b.optGalleryKey(v);
            case GALLERY_KEY_FILE -> b.optGalleryKeyFile(Path.of(v));
            case GALLERY_REFRESH -> b.optGalleryRefresh(Duration.ofSeconds(Long.parseLong(v)));
            case RESULTS -> b.optResults(location(v));
            case INPUTS -> b.optInputs(locations(v));
            case INIT -> b.optInit(InitStrategy.parse(v));
            case PRIME -> b.optPrime(bool(v));
            case CACHE_DIR -> b.optCacheDir(Path.of(v));
            case MAX_IMAGE_BYTES -> b.optMaxImageBytes(Long.parseLong(v));
            case MAX_PIXELS -> b.optMaxPixels(Long.parseLong(v));
            case WARM_UP_ROUNDS -> b.optWarmUpRounds(Integer.parseInt(v));
            case XDG_CONFIG_HOME -> b.optConfigHome(Path.of(v));
            case ROOT, IMAGES_DIR, MAX_JPEG_SCANS, OPENVINO_HOME, OPENCV_LIB, OPENCV_CACHE, XDG_CACHE_HOME, TURBOJPEG_LIB,
                    COMPILE_THREADS, VTEST_VIDEO, FFMPEG -> b.optBase(with(b.base, set, v));
            case S3_REGION, S3_ENDPOINT, S3_PATH_STYLE, S3_SSE_KMS_KEY_ID, AZURE_CONNECTION_STRING, AZURE_ACCOUNT_KEY,
                    AZURE_SAS_TOKEN, AZURE_BLOB_ENDPOINT, AZURE_CREDENTIAL, GCS_HOST, GCS_PROJECT ->
                    b.optStorage(with(b.storage, set, v));
        };
    }

    /** {@code o} with one of the lower layers' settings replaced. */
    private static BaseSettings with(BaseSettings o, Setting set, String v) {
        return new BaseSettings(set == Setting.ROOT ? Path.of(v) : o.root(), o.modelsDir(),
                set == Setting.IMAGES_DIR ? Path.of(v) : o.imagesDir(), o.engine(), o.maxPixels(),
                set == Setting.MAX_JPEG_SCANS ? Integer.parseInt(v) : o.maxJpegScans(),
                set == Setting.OPENVINO_HOME ? Path.of(v) : o.openvinoHome(),
                set == Setting.OPENCV_LIB ? Path.of(v) : o.opencvLib(),
                set == Setting.OPENCV_CACHE ? Path.of(v) : o.opencvCache(),
                set == Setting.XDG_CACHE_HOME ? Path.of(v) : o.cacheHome(),
                set == Setting.TURBOJPEG_LIB ? v : o.turbojpegLib(),
                set == Setting.COMPILE_THREADS ? Integer.parseInt(v) : o.compileThreads(),
                set == Setting.VTEST_VIDEO ? Path.of(v) : o.vtestVideo(), set == Setting.FFMPEG ? v : o.ffmpeg());
    }

    /** {@code o} with one storage setting replaced. */
    private static StorageSettings with(StorageSettings o, Setting set, String v) {
        return new StorageSettings(set == Setting.S3_REGION ? v : o.s3Region(),
                set == Setting.S3_ENDPOINT ? v : o.s3Endpoint(),
                set == Setting.S3_PATH_STYLE ? Boolean.parseBoolean(v) : o.s3PathStyle(),
                set == Setting.S3_SSE_KMS_KEY_ID ? v : o.s3SseKmsKeyId(),
                set == Setting.AZURE_CONNECTION_STRING ? v : o.azureConnectionString(),
                set == Setting.AZURE_ACCOUNT_KEY ? v : o.azureAccountKey(),
                set == Setting.AZURE_SAS_TOKEN ? v : o.azureSasToken(),
                set == Setting.AZURE_BLOB_ENDPOINT ? v : o.azureBlobEndpoint(),
                set == Setting.AZURE_CREDENTIAL ? v : o.azureCredential(), set == Setting.GCS_HOST ? v : o.gcsHost(),
                set == Setting.GCS_PROJECT ? v : o.gcsProject());
    }

    /**
     * Makes {@link #base()} the settings of the layers below vss-bl ({@link BaseSettings#install}) and sets the
     * warm-up's rounds; call it before the first model or image loads. Returns this.
     */
    public VssSettings install() {
        BaseSettings.install(base);
        JavaWarmUp.setRounds(warmUpRounds);
        return this;
    }

    /** The local gallery key file: {@link #galleryKeyFile()}, else {@code <configHome>/vss/gallery.key}. */
    public Path keyFile() {
        return galleryKeyFile != null ? galleryKeyFile : LocalKeyWrapper.defaultKeyFile(configHome);
    }

    /**
     * Reads every {@link Setting} (system property before environment variable) over the defaults.
     *
     * @throws IllegalArgumentException naming the variable whose value is not valid
     */
    public static VssSettings load(Map<String, String> env, Properties props) {
        Builder b = new Builder();
        for (Setting set : Setting.values()) {
            String v = set.raw(env, props);
            if (v != null) {
                b.apply(set, v, set.names());
            }
        }
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
        b.base = base;
        b.storage = storage;
        b.warmUpRounds = warmUpRounds;
        b.configHome = configHome;
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
        putPath(p, Setting.ROOT, base.root());
        putPath(p, Setting.IMAGES_DIR, base.imagesDir());
        p.put(Setting.MAX_JPEG_SCANS.property(), Integer.toString(base.maxJpegScans()));
        putPath(p, Setting.OPENVINO_HOME, base.openvinoHome());
        putPath(p, Setting.OPENCV_LIB, base.opencvLib());
        putPath(p, Setting.OPENCV_CACHE, base.opencvCache());
        putText(p, Setting.TURBOJPEG_LIB, base.turbojpegLib());
        if (base.compileThreads() > 0) {
            p.put(Setting.COMPILE_THREADS.property(), Integer.toString(base.compileThreads()));
        }
        putPath(p, Setting.VTEST_VIDEO, base.vtestVideo());
        putText(p, Setting.FFMPEG, base.ffmpeg());
        p.put(Setting.WARM_UP_ROUNDS.property(), Integer.toString(warmUpRounds));
        // the storage secrets stay in the environment, which a child inherits
        putText(p, Setting.S3_REGION, storage.s3Region());
        putText(p, Setting.S3_ENDPOINT, storage.s3Endpoint());
        if (storage.s3PathStyle()) {
            p.put(Setting.S3_PATH_STYLE.property(), "true");
        }
        putText(p, Setting.S3_SSE_KMS_KEY_ID, storage.s3SseKmsKeyId());
        putText(p, Setting.AZURE_BLOB_ENDPOINT, storage.azureBlobEndpoint());
        putText(p, Setting.AZURE_CREDENTIAL, storage.azureCredential());
        putText(p, Setting.GCS_HOST, storage.gcsHost());
        putText(p, Setting.GCS_PROJECT, storage.gcsProject());
        return p;
    }

    private static void putText(Map<String, String> p, Setting s, String v) {
        if (v != null) {
            p.put(s.property(), v);
        }
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
                + ", maxImageBytes=" + maxImageBytes + ", maxPixels=" + maxPixels + ", base=" + base + ", storage="
                + storage + ", warmUpRounds=" + warmUpRounds + ", configHome=" + configHome + "]";
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
        private BaseSettings base = BaseSettings.defaults();
        private StorageSettings storage = StorageSettings.none();
        private int warmUpRounds = 1;
        private Path configHome;

        private Builder() {
        }

        public Builder optEngine(String v) {
            engine = v.toLowerCase(Locale.ROOT);
            base = base.with(engine, base.modelsDir(), base.maxPixels(), base.maxJpegScans());
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

        /** The lower layers' settings (their models folder and pixel limit are replaced by this builder's). */
        public Builder optBase(BaseSettings v) {
            base = v;
            return this;
        }

        public Builder optStorage(StorageSettings v) {
            storage = v;
            return this;
        }

        public Builder optWarmUpRounds(int v) {
            warmUpRounds = v;
            return this;
        }

        public Builder optConfigHome(Path v) {
            configHome = v;
            return this;
        }

        /**
         * The setting's value as text, parsed as {@link #load} parses it (a CLI flag derived from the {@link Setting}).
         *
         * @throws IllegalArgumentException naming the setting's flag (or variable) if the value is not valid
         */
        public Builder optText(Setting set, String v) {
            return apply(set, v.strip(), set.flag() != null ? set.flag() : set.names());
        }

        private Builder apply(Setting set, String v, String name) {
            try {
                return VssSettings.apply(this, set, v);
            } catch (RuntimeException e) {
                String shown = set == Setting.GALLERY_KEY ? "(hidden)"
                        : "'" + (v.length() > 80 ? v.substring(0, 80) + "…" : v) + "'";
                throw new IllegalArgumentException(name + ": " + shown + " is not valid: " + e.getMessage(), e);
            }
        }

        public VssSettings build() {
            return new VssSettings(engine, precision, threads, faceSource, analyzeCovered, minPersonPx, peopleMethod,
                    modelsDir, modelsUri,
                    modelsTmp, gallery, galleryKeyService, galleryKey, galleryKeyFile, galleryRefresh, results, inputs,
                    init, prime, cacheDir, maxImageBytes, maxPixels, base, storage, warmUpRounds, configHome);
        }
    }
}
