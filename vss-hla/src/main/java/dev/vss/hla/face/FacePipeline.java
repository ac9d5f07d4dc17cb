package dev.vss.hla.face;

import dev.vss.dl.image.Image;
import dev.vss.hla.Box;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.Stage;
import dev.vss.hla.detect.Detection;
import dev.vss.hla.detect.SsdDecoder;
import dev.vss.models.CatalogEntry;
import dev.vss.models.ModelCatalog;
import dev.vss.models.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Faces of one image: detection (or boxes given by the caller, e.g. from pose keypoints), 5 landmarks,
 * alignment, quality gates and embedding. Owns its three stages; thread-safe.
 *
 * <pre>{@code
 * try (FacePipeline faces = FacePipeline.create(ctx)) {
 *     for (Face f : faces.analyze(image)) { ... f.embedding() ... }
 * }
 * }</pre>
 */
public final class FacePipeline implements AutoCloseable {
    private final FaceDetector detector;
    private final LandmarksDetector landmarks;
    private final FaceEmbedder embedder;
    private final FaceQuality quality;

    public FacePipeline(FaceDetector detector, LandmarksDetector landmarks, FaceEmbedder embedder, FaceQuality quality) {
        this.detector = detector;
        this.landmarks = landmarks;
        this.embedder = embedder;
        this.quality = quality;
    }

    /** The catalog's default models for each stage; precision overrides every stage where the model has it. */
    public static FacePipeline create(ModelContext ctx, String precision) throws HlaException {
        ModelCatalog c = ctx.repository().catalog();
        return create(ctx, pick(c, Task.FACE_DETECTION, precision), pick(c, Task.FACE_LANDMARKS, precision),
                pick(c, Task.FACE_REID, precision));
    }

    /** The given detection, landmark and re-identification models (see {@code ModelPlan}). */
    public static FacePipeline create(ModelContext ctx, CatalogEntry detection, CatalogEntry landmarkModel,
            CatalogEntry reid) throws HlaException {
        FaceDetector d = null;
        LandmarksDetector l = null;
        try {
            d = new FaceDetector(ctx, detection, FaceDetector.DEFAULT_MIN_SCORE);
            l = new LandmarksDetector(ctx, landmarkModel);
            FaceEmbedder e = new FaceEmbedder(ctx, reid);
            return new FacePipeline(d, l, e, FaceQuality.DEFAULT);
        } catch (HlaException | RuntimeException ex) {
            if (d != null) {
                d.close();
            }
            if (l != null) {
                l.close();
            }
            throw ex;
        }
    }

    /** The default model of a task at {@code precision} if the catalog has it, else the default precision. */
    public static CatalogEntry pick(ModelCatalog c, Task task, String precision) {
        return c.defaultFor(task, precision);
    }

    public FaceDetector detector() {
        return detector;
    }

    public String embedderId() {
        return embedder.modelId();
    }

    public FaceQuality quality() {
        return quality;
    }

    /** Detects and analyses every face. */
    public List<Face> analyze(Image image) throws HlaException {
        List<Detection> dets = detector.detect(image);
        List<Face> out = new ArrayList<>(dets.size());
        for (Detection d : dets) {
            out.add(analyze(image, d.box(), d.score()));
        }
        return out;
    }

    /** Analyses a face whose box is known (detector or pose keypoints). */
    public Face analyze(Image image, Box box, float score) throws HlaException {
        float size = Math.min(box.w(), box.h());
        if (size < quality.minSize()) {
            return new Face(box, score, null, null, 0, "TOO_SMALL");
        }
        Landmarks lm = landmarks.detect(image, box);
        Image aligned = FaceEmbedder.align(image, lm);
        double sharp = FaceQuality.sharpness(aligned);
        String reject = quality.reject(size, sharp);
        if (reject != null) {
            return new Face(box, score, lm, null, sharp, reject);
        }
        return new Face(box, score, lm, embedder.embed(aligned), sharp, null);
    }

    /**
     * Runs every stage once on {@code image} (detector on the whole image, landmarks and embedding on a centre
     * box whatever the quality gates say), so that first-inference costs are paid before the first request.
     */
    public void prime(Image image) throws HlaException {
        detector.detect(image);
        float side = Math.min(image.width(), image.height()) / 2f;
        Box centre = new Box(image.width() / 2f - side / 2, image.height() / 2f - side / 2, side, side);
        Landmarks lm = landmarks.detect(image, centre);
        embedder.embed(FaceEmbedder.align(image, lm));
    }

    /** Adds "model id" → inferences so far of the detector, landmark and embedding models to {@code into}. */
    public void inferenceCounts(java.util.Map<String, Long> into) {
        into.merge(detector.modelId(), detector.inferences(), Long::sum);
        into.merge(landmarks.modelId(), landmarks.inferences(), Long::sum);
        into.merge(embedder.modelId(), embedder.inferences(), Long::sum);
    }

    /**
     * Runs the Java side of {@link #analyze} without the networks (SSD decoding of a synthetic output, landmark
     * decoding, the similarity transform, the aligned crop and its sharpness), so that this code is compiled before
     * the first request. Stateless.
     */
    public static void warmUpCode(Image frame) throws HlaException {
        float[] ssd = new float[200 * 7];
        for (int i = 0; i < 200; i++) {
            float x = (i % 10) / 10f;
            float y = (i / 10 % 10) / 10f;
            System.arraycopy(new float[] {0, 1, i % 3 == 0 ? 0.95f : 0.1f, x, y, x + 0.15f, y + 0.2f}, 0, ssd, i * 7,
                    7);
        }
        float s = Math.min(frame.width(), frame.height()) / 2f;
        for (int r = 0; r < Stage.CODE_WARM_UP_PASSES; r++) {
            new SsdDecoder(FaceDetector.DEFAULT_MIN_SCORE, -1, 0.4f).decode(ssd, frame.width(), frame.height());
            Landmarks lm = LandmarksDetector.decode(new float[] {0.3f, 0.4f, 0.7f, 0.4f, 0.5f, 0.6f, 0.35f, 0.8f,
                0.65f, 0.8f}, frame.width() / 4f, frame.height() / 4f, s);
            FaceQuality.sharpness(FaceEmbedder.align(frame, lm));
        }
    }

    @Override
    public void close() {
        detector.close();
        landmarks.close();
        embedder.close();
    }
}
