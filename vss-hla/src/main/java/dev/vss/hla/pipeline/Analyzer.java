package dev.vss.hla.pipeline;

import dev.vss.dl.image.Image;
import dev.vss.hla.Box;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.coverage.CoverageDetector;
import dev.vss.hla.coverage.CoverageReport;
import dev.vss.hla.face.Face;
import dev.vss.hla.face.FacePipeline;
import dev.vss.hla.face.PoseFaceLocator;
import dev.vss.hla.gallery.Gallery;
import dev.vss.hla.gallery.Match;
import dev.vss.hla.pose.Pose;
import dev.vss.hla.pose.PoseEstimator;
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
    private final PoseEstimator pose;
    private final FacePipeline faces;

    private Analyzer(AnalyzerOptions options, CoverageDetector coverage, PoseEstimator pose, FacePipeline faces) {
        this.options = options;
        this.coverage = coverage;
        this.pose = pose;
        this.faces = faces;
    }

    /** Loads the stages the options switch on; on failure closes what it built and rethrows. */
    public static Analyzer create(ModelContext ctx, AnalyzerOptions options) throws HlaException {
        CoverageDetector c = null;
        PoseEstimator p = null;
        FacePipeline f = null;
        try {
            ModelPlan plan = ModelPlan.of(ctx.repository().catalog(), options);
            if (plan.coverage() != null) {
                c = new CoverageDetector(ctx); // the shipped head's backbone: plan.coverage()
            }
            if (plan.pose() != null) {
                p = new PoseEstimator(ctx, plan.pose());
            }
            if (plan.reid() != null) {
                f = FacePipeline.create(ctx, plan.faceDetection(), plan.landmarks(), plan.reid());
            }
            return new Analyzer(options, c, p, f);
        } catch (HlaException | RuntimeException e) {
            for (AutoCloseable a : new AutoCloseable[] {c, p, f}) {
                closeQuietly(a, e);
            }
            throw e;
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
            pose.estimate(frame);
        }
        if (faces != null) {
            faces.prime(frame);
        }
        return ms(t0);
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
        List<Pose> people = List.of();
        List<FaceResult> found = new ArrayList<>();
        boolean skip = cov != null && cov.covered() && !options.analyzeCovered();
        if (!skip && pose != null) {
            long s = System.nanoTime();
            people = pose.estimate(image);
            timings.put("pose", ms(s));
            models.put("pose", pose.modelId());
        }
        if (!skip && faces != null) {
            long s = System.nanoTime();
            List<Face> fs = new ArrayList<>();
            if (options.faceSource() == FaceSource.POSE) {
                for (Pose p : people) {
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
