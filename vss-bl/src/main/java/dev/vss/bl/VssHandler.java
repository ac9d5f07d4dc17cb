// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.crypto.Entropy;
import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.bl.crypto.KeyWrappers;
import dev.vss.bl.events.EventFormat;
import dev.vss.bl.events.EventParser;
import dev.vss.bl.events.ParsedEvent;
import dev.vss.bl.events.RecordError;
import dev.vss.bl.gallery.GalleryCache;
import dev.vss.bl.gallery.GalleryException;
import dev.vss.bl.gallery.GalleryStore;
import dev.vss.bl.gallery.VersionLedger;
import dev.vss.bl.image.AnalyzeRequest;
import dev.vss.bl.image.ErrorCode;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ImageResult;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.runtime.FunctionInstance;
import dev.vss.bl.runtime.RuntimeConfig;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.store.BlobStores;
import dev.vss.bl.store.Cameras;
import dev.vss.bl.store.ImageSource;
import dev.vss.bl.store.InputGuard;
import dev.vss.bl.store.ResultWriter;
import dev.vss.bl.store.StorageImageSource;
import dev.vss.dl.DlException;
import dev.vss.dl.image.Images;
import dev.vss.hla.HlaException;
import dev.vss.hla.face.Embedding;
import dev.vss.hla.gallery.Gallery;
import dev.vss.hla.pipeline.ModelPlan;
import dev.vss.models.ModelCatalog;
import dev.vss.models.ModelException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The composition root and the one entry of every adapter and CLI path: everything a function instance (or a CLI
 * run) needs, built once from {@link VssSettings} — the {@link FunctionInstance} (init strategy, models, the
 * per-image loop), the guarded image source ({@link InputGuard}), the gallery ({@link GalleryCache} over an
 * encrypted {@link GalleryStore}) and the {@link ResultWriter}. A call goes handler → instance → analyzer: here each
 * image's camera and camera settings are decided ({@link Cameras}), the gallery is loaded (unreadable: every image
 * fails GALLERY_UNAVAILABLE), the instance analyses, and the results are written when the call asks for it.
 *
 * <pre>{@code
 * static final VssHandler HANDLER = VssHandler.forFunction();     // an adapter: once per container
 * EventAnswer a = HANDLER.answer(null, eventJson, invocationId);   // S3/SQS/SNS/EventBridge/Event Grid/CloudEvents
 * HttpAnswer h = HANDLER.http(HttpImageRequest.of("POST", "/upload.jpg", bodyBytes));
 * }</pre>
 *
 * <p>Fails fast at build: a gallery of another embedding model, a missing or wrong key, a results location inside an
 * input location (it would re-trigger the function), or (functions) no input locations. Thread-safe: calls are
 * serialised, as a function instance serves one event at a time.
 */
public final class VssHandler implements AutoCloseable {
    /** Stores and clients, rebuilt after a snapshot restore so that no connection or credential is shared. */
    private record Connections(InputGuard source, GalleryStore galleryStore, GalleryCache gallery, ResultWriter writer,
            URI resultsBase) {
    }

    private final VssSettings settings;
    private final Builder options;
    private final ModelPlan plan;
    private final FunctionInstance instance;
    private volatile Connections conn;

    private VssHandler(Builder b) throws VssException {
        this.settings = b.settings;
        this.options = b;
        try {
            this.plan = ModelPlan.of(ModelCatalog.load(), settings.analyzerOptions());
        } catch (HlaException e) {
            throw new VssException(e.getMessage(), e);
        }
        if (b.requireInputs && settings.inputs().isEmpty()) {
            throw new IllegalArgumentException(Setting.INPUTS.env() + ": not set; a function must name the storage "
                    + "locations it reads images from, e.g. s3://cams/incoming/");
        }
        checkResultsOutsideInputs();
        this.conn = connect();
        RuntimeConfig.Builder rc = RuntimeConfig.builder().optEngine(settings.engine()).optThreads(settings.threads())
                .optCacheDir(settings.cacheDir()).optOptions(settings.analyzerOptions()).optPrime(settings.prime())
                .optModelsDir(settings.modelsDir()).optLog(b.log);
        try {
            if (settings.modelsUri() != null) {
                rc.optModelStore(BlobStores.open(settings.modelsUri()), "", settings.modelsTmp());
            }
            this.instance = new FunctionInstance(rc.optMaxPixels(settings.maxPixels()).build(), settings.init());
        } catch (IOException | DlException | HlaException | ModelException e) {
            throw new VssException("cannot build the pipeline: " + e.getMessage(), e);
        }
        log("handler_init", Map.of("init", settings.init().name().toLowerCase(), "inputs", settings.inputs().size(),
                "gallery", settings.gallery() != null, "results", settings.results() != null));
    }

    public static Builder builder(VssSettings settings) {
        return new Builder(settings);
    }

    /**
     * The handler of a cloud function that serves storage events, as every adapter builds it once per instance:
     * settings from the environment ({@code VSS_*}), input locations required, one JSON line per log event on
     * standard output (the platforms' log collectors read them as structured).
     *
     * @throws IllegalStateException naming what is wrong if it cannot be built (the instance then fails to start)
     */
    public static VssHandler forFunction() {
        return forFunction(true);
    }

    /** {@link #forFunction()} for a function that only analyses HTTP bodies: no input locations needed. */
    public static VssHandler forHttpFunction() {
        return forFunction(false);
    }

    private static VssHandler forFunction(boolean requireInputs) {
        try {
            return builder(VssSettings.fromEnvironment()).optRequireInputs(requireInputs).optLog(System.out::println)
                    .build();
        } catch (VssException e) {
            throw new IllegalStateException("vss init failed: " + e.getMessage(), e);
        }
    }

    /** A handler with default options (CLI-like: inputs not required). */
    public static VssHandler create(VssSettings settings) throws VssException {
        return builder(settings).build();
    }

    public VssSettings settings() {
        return settings;
    }

    /** The models this handler loads. */
    public ModelPlan plan() {
        return plan;
    }

    /** How many models this handler loads (for a warm-up's log line). */
    public int modelCount() {
        return plan.entries().size();
    }

    public FunctionInstance instance() {
        return instance;
    }

    /**
     * Handles a native event (any {@link EventFormat}): analyses each image, writes each result when a results
     * location is set, and reports each failure under its record's id.
     *
     * @throws IllegalArgumentException if the event is not JSON or not a recognised shape (bad records are failures,
     *                                  not exceptions)
     * @throws VssException             if the pipeline cannot be built (LAZY/LOCAL init inside this call)
     */
    public HandlerResponse handle(String eventJson) throws VssException {
        return handle(EventParser.read(eventJson));
    }

    /** {@link #handle(String)} of a parsed tree. */
    public HandlerResponse handle(JsonNode event) throws VssException {
        return handle(EventParser.read(event));
    }

    /**
     * {@link #handle(String)} of an event whose format the caller knows from its trigger (no shape recognition).
     *
     * @throws IllegalArgumentException if it is not an event of that format
     */
    public HandlerResponse handle(EventFormat format, JsonNode event) throws VssException {
        return handle(EventParser.read(format, event));
    }

    /**
     * An event under the bad-event policy ({@link EventAnswer}): a bad event is answered, not thrown. For adapters.
     *
     * @param format     the trigger's format, or null to recognise the shape (a trigger that delivers several)
     * @param invocation the platform's id of this delivery, for the log; may be null
     * @throws VssException if the pipeline cannot be built: the platform should retry
     */
    public EventAnswer answer(EventFormat format, JsonNode event, String invocation) throws VssException {
        ParsedEvent e;
        try {
            e = format == null ? EventParser.read(event) : EventParser.read(format, event);
        } catch (IllegalArgumentException ex) {
            return new EventAnswer(null, invocation, ex.getMessage(), event);
        }
        return new EventAnswer(handle(e), invocation, null, event);
    }

    /** {@link #answer(EventFormat, JsonNode, String)} of the text of an event (not JSON: a bad event). */
    public EventAnswer answer(EventFormat format, String event, String invocation) throws VssException {
        JsonNode tree;
        try {
            tree = EventParser.tree(event);
        } catch (IllegalArgumentException ex) {
            return new EventAnswer(null, invocation, ex.getMessage(), null);
        }
        return answer(format, tree, invocation);
    }

    /** {@link #answer(EventFormat, JsonNode, String)} of an event already read (e.g. a Blob trigger's blob). */
    public EventAnswer answer(ParsedEvent event, String invocation) throws VssException {
        return new EventAnswer(handle(event), invocation, null, null);
    }

    /** {@link #handle(String)} of an already read event. */
    public HandlerResponse handle(ParsedEvent e) throws VssException {
        return run(e.format(), e.request(), e.rejected(), e.ignored(), null, null, Results.WRITE);
    }

    /** Analyses images named directly (the CLI: files as paths or {@code file:} URIs, storage URIs). */
    public HandlerResponse analyze(List<ImageRef> images) throws VssException {
        return analyze(images, null);
    }

    /** {@link #analyze(List)}, showing each analysed image and its result to {@code observer}. */
    public HandlerResponse analyze(List<ImageRef> images, FunctionInstance.ImageObserver observer)
            throws VssException {
        return run(EventFormat.DIRECT, AnalyzeRequest.of(images), List.of(), 0, observer, null, Results.WRITE);
    }

    /**
     * Answers an HTTP request whose body is one image, by the edge's rules ({@link HttpImageRequest}): 405 for a
     * method other than POST, 400 for a body that is malformed, else {@link #http(byte[], String)}.
     */
    public HttpAnswer http(HttpImageRequest request) throws VssException {
        if (!request.allowed()) {
            return HttpAnswer.METHOD_NOT_ALLOWED;
        }
        if (request.malformed() != null) {
            ImageResult r = ImageResult.failed(ImageRef.of(request.name()), ErrorCode.DECODE_FAILED,
                    request.malformed(), false);
            return new HttpAnswer(HttpAnswer.statusOf(r), ResultJson.line(r));
        }
        return http(request.body(), request.name());
    }

    /**
     * Analyses one image sent as an HTTP request body. The result is returned, not stored.
     *
     * @param name what the result's {@code image} field says (a file name or the request path); null for "body"
     */
    public HttpAnswer http(byte[] body, String name) throws VssException {
        ImageRef ref = ImageRef.of(name == null || name.isBlank() ? "body" : name);
        ImageResult r;
        if (body == null || body.length == 0) {
            r = ImageResult.failed(ref, ErrorCode.DECODE_FAILED, "empty body; send the bytes of a JPEG, PNG or BMP "
                    + "image", false);
        } else if (body.length > settings.maxImageBytes()) {
            r = ImageResult.failed(ref, ErrorCode.IMAGE_TOO_LARGE, body.length + " bytes is over the limit of "
                    + settings.maxImageBytes() + " (" + Setting.MAX_IMAGE_BYTES.env() + ")", false);
        } else {
            r = run(EventFormat.DIRECT, AnalyzeRequest.of(List.of(ref)), List.of(), 0, null, x -> body,
                    Results.RETURN_ONLY).results().get(0);
        }
        return new HttpAnswer(HttpAnswer.statusOf(r), ResultJson.line(r));
    }

    /** Whether a call stores its results (events, CLI runs) or only returns them (an HTTP body's image). */
    private enum Results { WRITE, RETURN_ONLY }

    /**
     * The one road of every call: each image's camera and camera settings decided, the gallery loaded, the images
     * analysed by the instance, the results written (when asked), every failure listed under its record's id.
     *
     * @param source where the images are read; null: the guarded storage source
     */
    private synchronized HandlerResponse run(EventFormat format, AnalyzeRequest request, List<RecordError> rejected,
            int ignored, FunctionInstance.ImageObserver observer, ImageSource source, Results results)
            throws VssException {
        Connections c = conn;
        request = resolve(request, c.source());
        FunctionInstance.Invocation inv;
        try {
            Gallery gallery = null;
            String unavailable = null;
            if (!request.ping() && !request.images().isEmpty()) {
                try {
                    gallery = loadGallery(c);
                } catch (IOException e) {
                    // a gallery that cannot be read is never replaced by an empty one: every image fails, saying why
                    unavailable = "gallery unavailable: " + e.getMessage();
                }
            }
            inv = unavailable != null ? instance.refuse(request, ErrorCode.GALLERY_UNAVAILABLE, unavailable)
                    : instance.invoke(request, source != null ? source : c.source(), gallery, observer);
        } catch (IOException | DlException | HlaException | ModelException e) {
            throw new VssException("cannot build the pipeline: " + e.getMessage(), e);
        }
        List<HandlerResponse.Failure> failures = new ArrayList<>();
        for (RecordError e : rejected) {
            failures.add(new HandlerResponse.Failure(e.recordId(), null, ErrorCode.BAD_RECORD,
                    e.path() + ": " + e.message()));
        }
        List<String> locations = new ArrayList<>();
        for (ImageResult r : inv.result().results()) {
            if (!r.ok()) {
                failures.add(new HandlerResponse.Failure(r.ref().recordId(), r.ref().uri(), r.errorCode(),
                        r.errorMessage()));
            }
            String where = null;
            if (c.writer() != null && results == Results.WRITE) {
                try {
                    where = c.resultsBase().resolve(new URI(null, null, c.writer().write(r), null)).toString();
                } catch (IOException | java.net.URISyntaxException e) {
                    failures.add(new HandlerResponse.Failure(r.ref().recordId(), r.ref().uri(), ErrorCode.WRITE_FAILED,
                            "result not written: " + e.getMessage()));
                }
            }
            locations.add(where);
        }
        HandlerResponse resp = new HandlerResponse(format, inv.result().results(), locations, failures, ignored,
                inv.coldStart(), inv.result().ping(), inv.init(), inv.handlerMs());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("format", format == null ? null : format.name());
        f.put("images", resp.results().size());
        f.put("failures", failures.size());
        f.put("cold_start", resp.coldStart());
        f.put("ms", Math.round(inv.durationMs() * 100) / 100.0);
        log("invocation", f);
        return resp;
    }

    /** Each image with its camera ({@link Cameras}: decided here, once) and that camera's smallest person size. */
    private AnalyzeRequest resolve(AnalyzeRequest r, InputGuard inputs) {
        if (r.ping()) {
            return r;
        }
        return new AnalyzeRequest(r.images().stream().map(ref -> {
            String cam = Cameras.of(ref, inputs);
            return ref.withCamera(cam).withMinPersonPx(settings.minPersonPx().forCamera(cam));
        }).toList(), false);
    }

    /**
     * Enrols a person from images (the largest good face of each), creating the gallery (and, with
     * {@link Builder#optCreateGalleryKey}, a local key) if there is none. Nothing is written unless every image
     * gives a face.
     *
     * @throws HlaException NO_USABLE_FACE naming the image; GALLERY_MISMATCH for a gallery of another model
     */
    public synchronized GalleryStore.Versioned enrol(String id, List<ImageRef> images)
            throws VssException, IOException, HlaException {
        Gallery.checkId(id);
        Connections c = conn;
        List<Embedding> es;
        try {
            es = instance.withAnalyzer(a -> {
                List<Embedding> l = new ArrayList<>();
                for (ImageRef ref : images) {
                    try {
                        l.add(a.enrolmentFace(Images.decode(c.source().read(ref), ref.uri(), settings.maxPixels()))
                                .embedding());
                    } catch (HlaException e) {
                        throw new HlaException(e.code(), ref.uri() + ": " + e.getMessage(), e);
                    }
                }
                return l;
            });
        } catch (DlException | ModelException e) {
            throw new VssException("cannot enrol: " + e.getMessage(), e);
        }
        GalleryStore store = galleryForWrite(true);
        GalleryStore.Versioned v = store.enrol(id, es);
        conn = new Connections(c.source(), store, c.gallery() != null ? c.gallery() : cache(store), c.writer(),
                c.resultsBase());
        conn.gallery().refresh();
        return v;
    }

    /** Erases a person and all their embeddings; null if there is no gallery, unchanged if they are not enrolled. */
    public synchronized GalleryStore.Versioned erase(String id) throws VssException, IOException {
        GalleryStore.Versioned v = galleryForWrite(false).erase(id);
        if (conn.gallery() != null) {
            conn.gallery().refresh();
        }
        return v;
    }

    /**
     * The gallery as held now (loaded once, reloaded when its version changes), or null if there is none.
     *
     * @throws GalleryException if it cannot be read or holds another model's embeddings
     */
    public Gallery gallery() throws IOException {
        return loadGallery(conn);
    }

    /**
     * Priming before a snapshot (SnapStart / CRaC {@code beforeCheckpoint}): builds the pipeline if needed, runs one
     * inference per model and loads the gallery. Returns the time it took, ms.
     */
    public synchronized double prime() throws VssException {
        long t0 = System.nanoTime();
        try {
            instance.prime();
        } catch (IOException | DlException | HlaException | ModelException e) {
            throw new VssException("priming failed: " + e.getMessage(), e);
        }
        try {
            loadGallery(conn);
        } catch (IOException e) {
            throw new VssException("priming failed: " + e.getMessage(), e);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        log("primed", Map.of("ms", Math.round(ms * 100) / 100.0));
        return ms;
    }

    /**
     * After a snapshot restore: new randomness for keys and IVs, and new storage and key-service clients (fresh
     * connections and credentials), so that restored copies share nothing that must be unique. Models stay.
     */
    public synchronized void afterRestore() throws VssException {
        Entropy.reseed();
        closeConnections(conn);
        conn = connect();
        log("restored", Map.of());
    }

    private Gallery loadGallery(Connections c) throws IOException {
        GalleryCache g = c.gallery();
        if (g == null) {
            return null;
        }
        Gallery gal = g.current();
        if (gal != null && plan.embeddingModel() != null && !gal.model().equals(plan.embeddingModel())) {
            throw mismatch(gal);
        }
        return gal;
    }

    private GalleryException mismatch(Gallery g) {
        return new GalleryException(GalleryException.Code.MISMATCH, String.valueOf(settings.gallery()), "the gallery "
                + "holds " + g.model() + " embeddings but this pipeline embeds with " + plan.embeddingModel()
                + "; use the precision the gallery was made with (" + Setting.PRECISION.env() + ") or enrol again", null);
    }

    private GalleryStore galleryForWrite(boolean create) throws VssException, IOException {
        Connections c = conn;
        if (settings.gallery() == null) {
            throw new IllegalStateException("no gallery configured (" + Setting.GALLERY.env() + " or --gallery)");
        }
        if (c.galleryStore() != null) {
            return c.galleryStore();
        }
        // no key yet (a new local gallery): made now, only after the faces were found
        return galleryStore(BlobStores.open(settings.gallery()), key(create && options.createGalleryKey));
    }

    private GalleryStore galleryStore(BlobStore blobs, KeyWrapper k) {
        return GalleryStore.builder(blobs, k).optLedger(options.ledger).optAllowRollback(options.allowRollback).build();
    }

    private KeyWrapper key(boolean create) throws IOException {
        return KeyWrappers.open(settings.galleryKeyService(), settings.galleryKey(), settings.keyFile(), create,
                options.notice);
    }

    private Connections connect() throws VssException {
        InputGuard source = new InputGuard(new StorageImageSource(), settings.inputs(), settings.maxImageBytes());
        GalleryStore store = null;
        GalleryCache cache = null;
        ResultWriter writer = null;
        URI base = null;
        if (settings.gallery() != null) {
            try {
                BlobStore blobs = BlobStores.open(settings.gallery());
                boolean exists = blobs.exists(GalleryStore.KEY) || blobs.exists(GalleryStore.LEGACY_KEY);
                KeyWrapper k = null;
                try {
                    k = key(false);
                } catch (NoSuchFileException e) {
                    if (exists || !options.createGalleryKey) {
                        throw new VssException("gallery " + settings.gallery() + ": no key — " + e.getMessage(), e);
                    }
                }
                if (k != null) {
                    store = galleryStore(blobs, k);
                    cache = cache(store);
                    Gallery g = cache.refresh(); // tampered or wrong key: thrown here, at init
                    if (g != null && plan.embeddingModel() != null && !g.model().equals(plan.embeddingModel())) {
                        throw mismatch(g);
                    }
                }
            } catch (IOException e) {
                throw new VssException((e instanceof GalleryException ? "" : "gallery " + settings.gallery() + ": ")
                        + e.getMessage(), e);
            }
        }
        if (settings.results() != null) {
            try {
                writer = new ResultWriter(BlobStores.open(settings.results()), "", Clock.systemUTC());
            } catch (IOException e) {
                throw new VssException("results " + settings.results() + ": " + e.getMessage(), e);
            }
            String r = settings.results().toString();
            base = URI.create(r.endsWith("/") ? r : r + "/");
        }
        return new Connections(source, store, cache, writer, base);
    }

    private GalleryCache cache(GalleryStore store) {
        return GalleryCache.builder(store).optMinInterval(settings.galleryRefresh()).optLog(options.log).build();
    }

    private void checkResultsOutsideInputs() {
        URI results = settings.results();
        if (results == null) {
            return;
        }
        String r = results.toString().endsWith("/") ? results.toString() : results + "/";
        InputGuard probe = new InputGuard(ref -> new byte[0], settings.inputs(), 1);
        if (!settings.inputs().isEmpty() && probe.admits(r + "x.json")) {
            throw new IllegalArgumentException(Setting.RESULTS.env() + ": " + results + " lies inside an input "
                    + "location " + settings.inputs() + "; results written there would trigger the function again");
        }
    }

    private void log(String event, Map<String, ?> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", event);
        m.putAll(fields);
        try {
            options.log.accept(ResultJson.mapper().writeValueAsString(m));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeConnections(Connections c) {
        if (c != null && c.galleryStore() != null && c.galleryStore().keys() instanceof AutoCloseable a) {
            try {
                a.close();
            } catch (Exception e) {
                // a key-service client that fails to close holds nothing we still need
            }
        }
    }

    @Override
    public synchronized void close() {
        instance.close();
        closeConnections(conn);
    }

    /** Options of a handler; {@link #build()} builds it (and, with GLOBAL init, the whole pipeline). */
    public static final class Builder {
        private final VssSettings settings;
        private boolean requireInputs;
        private boolean createGalleryKey;
        private Consumer<String> log = s -> { };
        private Consumer<String> notice = s -> { };
        private VersionLedger ledger = VersionLedger.inMemory();
        private boolean allowRollback;

        private Builder(VssSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** Refuse to build without input locations (every cloud function: it must read only its own buckets). */
        public Builder optRequireInputs(boolean v) {
            requireInputs = v;
            return this;
        }

        /** Let {@link #enrol} create a local key for a new gallery (the CLI's {@code gallery add}). */
        public Builder optCreateGalleryKey(boolean v) {
            createGalleryKey = v;
            return this;
        }

        /** Receives one JSON line per init phase, gallery load and invocation (structured logs). */
        public Builder optLog(Consumer<String> l) {
            log = Objects.requireNonNull(l, "log");
            return this;
        }

        /** Receives notices meant for a person (e.g. "created a new gallery key in ..."). */
        public Builder optNotice(Consumer<String> n) {
            notice = Objects.requireNonNull(n, "notice");
            return this;
        }

        /**
         * Where the highest gallery versions seen are kept (default: in memory, for the instance's life); the CLI
         * keeps them in a file beside the key, so that an older gallery put back is refused across runs.
         */
        public Builder optGalleryLedger(VersionLedger l) {
            ledger = Objects.requireNonNull(l, "ledger");
            return this;
        }

        /** Accept a gallery older than one seen before (a deliberate restore); refused (ROLLED_BACK) by default. */
        public Builder optAllowRollback(boolean v) {
            allowRollback = v;
            return this;
        }

        public VssHandler build() throws VssException {
            return new VssHandler(this);
        }
    }
}
