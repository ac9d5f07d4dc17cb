package dev.vss.hla.pipeline;

import dev.vss.dl.image.Image;
import dev.vss.hla.Box;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.coverage.CoverageDetector;
import dev.vss.hla.coverage.CoverageReport;
import dev.vss.hla.face.Face;
import dev.vss.hla.face.FaceDetector;
import dev.vss.hla.face.FaceEmbedder;
import dev.vss.hla.face.FacePipeline;
import dev.vss.hla.face.FaceQuality;
import dev.vss.hla.face.LandmarksDetector;
import dev.vss.hla.face.PoseFaceLocator;
import dev.vss.hla.gallery.Gallery;
import dev.vss.hla.gallery.Match;
import dev.vss.hla.people.PeopleFinder;
import dev.vss.hla.people.Person;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole per-image pipeline of the paper: coverage → pose → faces → landmarks → alignment → embedding →
 * gallery match. Owns the stages it loaded; thread-safe (stages pool their requests).
 *
 * <pre>{@code
 * try (Analyzer a = Analyzer.create(ctx, AnalyzerOptions.defaults())) {
 *     ImageAnalysis r = a.analyze(Images.read(path), gallery);
 * }
 * }</pre>
 */
public final class Analyzer implements AutoCloseable {
    private final AnalyzerOptions options;
    private final CoverageDetector coverage;
    private final PeopleFinder pose;
    private final FacePipeline faces;

    private Analyzer(AnalyzerOptions options, CoverageDetector coverage, PeopleFinder pose, FacePipeline faces) {
        this.options = options;
        this.coverage = coverage;
        this.pose = pose;
        this.faces = faces;
    }

    /**
     * Loads the stages the options switch on, reading and compiling their models concurrently (one task per model,
     * up to the machine's processors, at least two); on failure closes what it built and rethrows.
     */
    public static Analyzer create(ModelContext ctx, AnalyzerOptions options) throws HlaException {
        return create(ctx, options, false);
    }

    /**
     * {@link #create(ModelContext, AnalyzerOptions)}; with {@code warmUp} each model also runs once on zeros right
     * after its compile (on the compile thread, overlapping the other compiles), so that no request pays a model's
     * first-inference costs.
     */
    public static Analyzer create(ModelContext ctx, AnalyzerOptions options, boolean warmUp) throws HlaException {
        return create(ctx, options, warmUp, defaultCompileThreads());
    }

    /**
     * Models compiled at once by default: the machine's processors, at least two (a compile does not keep two cores
     * busy). {@link dev.vss.models.BaseSettings#compileThreads()} ({@code vss.compile.threads}) overrides. Measured: the peak memory of a small function
     * comes from requests, not from overlapping compiles, so there is no smaller default for small memory.
     */
    public static int defaultCompileThreads() {
        int set = dev.vss.models.BaseSettings.current().compileThreads();
        return set > 0 ? set : Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /** {@link #create(ModelContext, AnalyzerOptions, boolean)} compiling {@code threads} models at once. */
    public static Analyzer create(ModelContext ctx, AnalyzerOptions options, boolean warmUp, int threads)
            throws HlaException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " is not positive");
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vss-compile");
            t.setDaemon(true);
            return t;
        });
        try {
            return create(ctx, options, pool, warmUp);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * {@link #create(ModelContext, AnalyzerOptions, boolean)} compiling on {@code executor} (a direct executor such as
     * {@code Runnable::run} compiles one model after the other). Returns when every model is compiled.
     */
    public static Analyzer create(ModelContext ctx, AnalyzerOptions options, java.util.concurrent.Executor executor,
            boolean warmUp) throws HlaException {
        ModelPlan plan = ModelPlan.of(ctx.repository().catalog(), options);
        // longest compiles first, so that the last to start is a short one; each model runs once on zeros right
        // after its compile, while the others still compile
        // the people stage loads its models (pose at two input sizes, person detectors) as tasks of their own
        Loading<PeopleFinder> p = new Loading<>(plan.pose() == null
                ? java.util.concurrent.CompletableFuture.completedFuture(null)
                : PeopleFinder.builder(ctx).optMethod(options.peopleMethod()).optPose(plan.pose())
                        .optDetector(plan.personDetection()).optConfirmDetector(plan.personConfirmation())
                        .buildAsync(executor, warmUp));
        Loading<FaceEmbedder> e = Loading.start(plan.reid() == null ? null : () -> {
            FaceEmbedder x = new FaceEmbedder(ctx, plan.reid());
            return warm(x, x::warmUp, warmUp);
        }, executor);
        Loading<CoverageDetector> c = Loading.start(plan.coverage() == null ? null : () -> {
            CoverageDetector x = new CoverageDetector(ctx); // the shipped head's backbone: plan.coverage()
            return warm(x, x::warmUp, warmUp);
        }, executor);
        Loading<FaceDetector> d = Loading.start(plan.reid() == null ? null : () -> {
            FaceDetector x = new FaceDetector(ctx, plan.faceDetection(), FaceDetector.DEFAULT_MIN_SCORE);
            return warm(x, x::warmUp, warmUp);
        }, executor);
        Loading<LandmarksDetector> l = Loading.start(plan.reid() == null ? null : () -> {
            LandmarksDetector x = new LandmarksDetector(ctx, plan.landmarks());
            return warm(x, x::warmUp, warmUp);
        }, executor);
        List<Loading<?>> all = List.of(p, e, c, d, l);
        Throwable failed = null;
        for (Loading<?> x : all) {
            failed = x.await(failed);
        }
        if (failed != null) {
            Exception cause = failed instanceof Exception ex ? ex : new RuntimeException(failed);
            for (Loading<?> x : all) {
                x.closeQuietly(cause);
            }
            if (failed instanceof HlaException h) {
                throw h;
            }
            if (failed instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) failed;
        }
        FacePipeline f = plan.reid() == null ? null
                : new FacePipeline(d.value, l.value, e.value, FaceQuality.DEFAULT);
        return new Analyzer(options, c.value, p.value, f);
    }

    private interface WarmUp {
        void run() throws HlaException;
    }

    /** Runs {@code w} when asked; closes {@code stage} if it fails. */
    private static <T extends AutoCloseable> T warm(T stage, WarmUp w, boolean warmUp) throws HlaException {
        if (!warmUp) {
            return stage;
        }
        try {
            w.run();
            return stage;
        } catch (HlaException | RuntimeException ex) {
            closeQuietly(stage, ex);
            throw ex;
        }
    }

    /** A stage being built on an executor. */
    private static final class Loading<T extends AutoCloseable> {
        interface Build<T> {
            T build() throws HlaException;
        }

        private final java.util.concurrent.CompletableFuture<T> future;
        private T value;

        private Loading(java.util.concurrent.CompletableFuture<T> future) {
            this.future = future;
        }

        static <T extends AutoCloseable> Loading<T> start(Build<T> b, java.util.concurrent.Executor executor) {
            if (b == null) {
                return new Loading<>(java.util.concurrent.CompletableFuture.completedFuture(null));
            }
            return new Loading<>(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return b.build();
                } catch (HlaException ex) {
                    throw new java.util.concurrent.CompletionException(ex);
                }
            }, executor));
        }

        /** Waits; returns the first failure so far ({@code failed}, else this one's, else null). */
        Throwable await(Throwable failed) {
            try {
                value = future.join();
                return failed;
            } catch (java.util.concurrent.CompletionException ex) {
                Throwable c = ex.getCause() == null ? ex : ex.getCause();
                if (failed == null) {
                    return c;
                }
                failed.addSuppressed(c);
                return failed;
            }
        }

        void closeQuietly(Exception e) {
            Analyzer.closeQuietly(value, e);
        }
    }

    private static void closeQuietly(AutoCloseable a, Exception e) {
        if (a == null) {
            return;
        }
        try {
            a.close();
        } catch (Exception ex) {
            e.addSuppressed(ex);
        }
    }

    public AnalyzerOptions options() {
        return options;
    }

    /** The embedding model of the face stage ("name/precision"), or null without faces. */
    public String embeddingModel() {
        return faces == null ? null : faces.embedderId();
    }

    /**
     * Priming: one inference of every loaded model on a built-in synthetic frame (no I/O), so that a SnapStart/CRaC
     * {@code beforeCheckpoint} hook or a warm-up call pays the first-inference costs. Returns the time it took, ms.
     */
    public double prime() throws HlaException {
        long t0 = System.nanoTime();
        Image frame = primingFrame();
        if (coverage != null) {
            coverage.detect(frame);
        }
        if (pose != null) {
            pose.find(frame, 0);
        }
        if (faces != null) {
            faces.prime(frame);
        }
        return ms(t0);
    }

    /**
     * Runs the Java side of every stage on {@code frame} without any model (coverage statistics, letterbox and pose
     * decoding of synthetic maps, face decoding, alignment and sharpness), so that the JIT compiles it before the first
     * request: an init thread calls this while the models compile. Stateless; needs OpenCV's natives.
     */
    public static void warmUpCode(Image frame) throws HlaException {
        CoverageDetector.warmUpCode(frame);
        dev.vss.hla.pose.PoseEstimator.warmUpCode(frame);
        FacePipeline.warmUpCode(frame);
    }

    /** A 640x480 frame of smooth gradients and a few shapes: deterministic, needs no file. */
    static Image primingFrame() {
        int w = 640;
        int h = 480;
        byte[] bgr = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                bgr[i] = (byte) (x * 255 / w);
                bgr[i + 1] = (byte) (y * 255 / h);
                bgr[i + 2] = (byte) (((x / 40 + y / 40) % 2) * 120 + 60);
            }
        }
        return dev.vss.dl.image.Images.fromBgr(bgr, w, h);
    }

    /** Runs every switched-on stage; {@code gallery} may be null (faces are then not matched). */
    public ImageAnalysis analyze(Image image, Gallery gallery) throws HlaException {
        return analyze(image, gallery, options.minPersonPx());
    }

    /**
     * {@link #analyze(Image, Gallery)} with this image's camera's smallest person to find, px (0: from the frame
     * size), in place of the options' one.
     */
    public ImageAnalysis analyze(Image image, Gallery gallery, int minPersonPx) throws HlaException {
        long t0 = System.nanoTime();
        Map<String, Double> timings = new LinkedHashMap<>();
        Map<String, String> models = new LinkedHashMap<>();
        CoverageReport cov = null;
        if (coverage != null) {
            long s = System.nanoTime();
            cov = coverage.detect(image);
            timings.put("coverage", ms(s));
            models.put("coverage", coverage.modelId());
        }
        List<Person> people = List.of();
        List<FaceResult> found = new ArrayList<>();
        boolean skip = cov != null && cov.covered() && !options.analyzeCovered();
        if (!skip && pose != null) {
            long s = System.nanoTime();
            people = pose.find(image, minPersonPx);
            // "pose" stays the people stage's key (result contract), whatever the method
            timings.put("pose", ms(s));
            models.put("pose", pose.poseModelId());
            if (pose.detectorModelId() != null) {
                models.put("person_detection", pose.detectorModelId());
            }
        }
        if (!skip && faces != null) {
            long s = System.nanoTime();
            List<Face> fs = new ArrayList<>();
            if (options.faceSource() == FaceSource.POSE) {
                for (Person p : people) {
                    var box = PoseFaceLocator.locate(p.keypoints(), image.width(), image.height());
                    if (box.isPresent()) {
                        fs.add(faces.analyze(image, box.get(), p.score()));
                    }
                }
            } else {
                fs.addAll(faces.analyze(image));
                models.put("face_detection", faces.detector().modelId());
            }
            for (Face f : fs) {
                Match m = gallery != null && f.embedding() != null ? gallery.match(f.embedding()) : null;
                found.add(new FaceResult(f, m));
            }
            timings.put("faces", ms(s));
            models.put("face_reid", faces.embedderId());
        }
        timings.put("total", ms(t0));
        return new ImageAnalysis(image.width(), image.height(), cov, people, found, timings, models);
    }

    /**
     * The embedding of the largest face that passes the quality gates, for enrolment.
     *
     * @throws HlaException NO_USABLE_FACE naming why the faces were refused
     */
    public Face enrolmentFace(Image image) throws HlaException {
        if (faces == null) {
            throw new IllegalStateException("enrolment needs the face stages; they are switched off");
        }
        List<Face> all = faces.analyze(image);
        return all.stream().filter(f -> f.embedding() != null).max(Comparator.comparingDouble(f -> f.box().area()))
                .orElseThrow(() -> new HlaException(HlaErrorCode.NO_USABLE_FACE, all.isEmpty() ? "no face found"
                        : "no face passed the quality gates: " + all.stream().map(f -> describe(f.box(), f.rejected())).toList()));
    }

    private static String describe(Box b, String why) {
        return why + " at " + java.util.Arrays.toString(b.toArray());
    }

    private static double ms(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e4) / 100.0;
    }

    /**
     * "name/precision" → inferences run so far by each loaded model (warm-ups included). The difference of two calls
     * around {@link #analyze} tells which models an image ran and how often (benchmarks compare it with the models'
     * own latencies). With concurrent calls the counts mix.
     */
    public Map<String, Long> inferenceCounts() {
        Map<String, Long> m = new LinkedHashMap<>();
        if (coverage != null) {
            m.merge(coverage.modelId(), coverage.inferences(), Long::sum);
        }
        if (pose != null) {
            pose.inferenceCounts(m);
        }
        if (faces != null) {
            faces.inferenceCounts(m);
        }
        return m;
    }

    @Override
    public void close() {
        if (coverage != null) {
            coverage.close();
        }
        if (pose != null) {
            pose.close();
        }
        if (faces != null) {
            faces.close();
        }
    }
}
