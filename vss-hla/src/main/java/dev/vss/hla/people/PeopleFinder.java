// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.people;

import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.Box;
import dev.vss.hla.HlaException;
import dev.vss.hla.Keypoint;
import dev.vss.hla.ModelContext;
import dev.vss.hla.detect.Detection;
import dev.vss.hla.pose.OpenPoseDecoder;
import dev.vss.hla.pose.Pose;
import dev.vss.hla.pose.PoseEstimator;
import dev.vss.models.CatalogEntry;
import dev.vss.models.ModelCatalog;
import dev.vss.models.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the people of an image, small distant pedestrians included, with one of the {@link PeopleMethod}s, and
 * returns each with a whole-body box, its keypoints and the method that found it.
 *
 * <p>The default, {@link PeopleMethod#HYBRID}: the paper's pose network ({@code human-pose-estimation-0001}) runs
 * on the whole frame at its own size, as before, and {@code person-detection-retail-0013} proposes boxes down to a
 * score of {@value #DEFAULT_MIN_SCORE}. A whole-frame pose whose keypoints lie in a box explains it (the box, the
 * pose's keypoints); a box no pose explains gets the pose network on its crop (reshaped to a small portrait input,
 * {@value #CROP_INPUT_WIDTH}x{@value #CROP_INPUT_HEIGHT}); a box lying inside a whole-frame person is a part of it
 * and dropped; a pose no box explains is a person of its own (box fitted to its keypoints, {@link BodyBox}). A box
 * is a person when the detector is sure ({@value #DEFAULT_SURE_SCORE}) or when the pose network shows a body in it
 * (at least {@value #DEFAULT_CONFIRM_KEYPOINTS} keypoints). A box in which no body is seen (fewer than 3 keypoints:
 * hidden behind a sign, a car) is still a person, with its box, score and whatever keypoints were found
 * ({@link FoundBy#DETECTOR}), if a second, independently trained detector ({@value #CONFIRM_DETECTOR}) sees a
 * person there too. Why these choices: docs/accuracy.md, "People on a street camera".
 *
 * <pre>{@code
 * try (PeopleFinder finder = PeopleFinder.builder(context).build()) {
 *     for (Person p : finder.find(image, 0)) { ... p.box() ... p.foundBy() ... }
 * }
 * }</pre>
 *
 * <p>Owns its models; {@link #close()} releases them. Thread-safe: the stages pool their requests, and the
 * pose networks reshaped for {@link PeopleMethod#POSE_SCALED} are cached per input size.
 */
public final class PeopleFinder implements AutoCloseable {
    /**
     * {@link PeopleMethod#POSE_SCALED} scales the frame so that the smallest person is this tall in the input: on the
     * street camera the network found 40 of 43 people 50-75 px tall at scale 1 (768x576), 20 at 0.79, 2 at 0.44.
     */
    public static final int POSE_MIN_PERSON_INPUT_PX = 36;
    /** Detector score at which a box is a person without the pose network's confirmation. */
    public static final float DEFAULT_SURE_SCORE = 0.5f;
    /** Lowest detector score considered at all (below it the pose network must not be asked to decide). */
    public static final float DEFAULT_MIN_SCORE = 0.2f;
    /** Keypoints inside the box that confirm a doubtful detection as a body. */
    public static final int DEFAULT_CONFIRM_KEYPOINTS = 6;
    /** Pose input for one person's crop (width x height, portrait 1:2; multiples of the network's stride 8). */
    public static final int CROP_INPUT_WIDTH = 64;
    public static final int CROP_INPUT_HEIGHT = 128;
    /** Score and overlap at which the second detector confirms a box in which no body was seen. */
    static final float CONFIRM_DETECTOR_SCORE = 0.3f;
    static final float CONFIRM_DETECTOR_IOU = 0.4f;
    /** Keypoints a pose needs to count as one (the decoder's default). */
    static final int MIN_KEYPOINTS = OpenPoseDecoder.DEFAULT_MIN_KEYPOINTS;

    private final ModelContext context;
    private final PeopleMethod method;
    private final CatalogEntry poseEntry;
    private final PoseEstimator framePose;
    private final PoseEstimator cropPose;
    private final PersonDetector detector;
    private final PersonDetector confirmer;
    private final float sureScore;
    private final int confirmKeypoints;
    private final Map<Long, PoseEstimator> scaled = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private PeopleFinder(Builder b, PoseEstimator framePose, PoseEstimator cropPose, PersonDetector detector,
            PersonDetector confirmer, CatalogEntry poseEntry) {
        this.confirmer = confirmer;
        this.context = b.context;
        this.method = b.method;
        this.poseEntry = poseEntry;
        this.framePose = framePose;
        this.cropPose = cropPose;
        this.detector = detector;
        this.sureScore = b.sureScore;
        this.confirmKeypoints = b.confirmKeypoints;
    }

    public static Builder builder(ModelContext context) {
        return new Builder(context);
    }

    /**
     * The smallest person worth finding in a frame of this size when the camera's setting is not given: 1/16 of the
     * frame height, at least 24 px (36 px on a 768x576 street camera, 45 on 720p, 67 on 1080p). Below ~24 px a
     * person has no usable keypoints and no face.
     */
    public static int defaultMinPersonPx(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size: " + width + "x" + height + " is empty");
        }
        return Math.max(24, Math.round(height / 16f));
    }

    public PeopleMethod method() {
        return method;
    }

    /** "name/precision" of the pose network. */
    public String poseModelId() {
        return poseEntry.id();
    }

    /** "name/precision" of the person detector, or null when the method uses none. */
    public String detectorModelId() {
        return detector == null ? null : detector.modelId();
    }

    /**
     * Every person in the image, by descending score.
     *
     * @param minPersonPx the smallest person to find, in pixels of height (the per-camera setting); 0 or less for
     *                    {@link #defaultMinPersonPx}
     */
    public List<Person> find(Image image, int minPersonPx) throws HlaException {
        Objects.requireNonNull(image, "image");
        if (closed) {
            throw new IllegalStateException("people finder is closed");
        }
        int minPx = minPersonPx > 0 ? minPersonPx : defaultMinPersonPx(image.width(), image.height());
        List<Person> out = switch (method) {
            case POSE -> fromPoses(framePose.estimate(image), image, minPx);
            case POSE_SCALED -> fromPoses(scaledFor(image, minPx).estimate(image), image, minPx);
            case DETECTOR_POSE -> detectAndPose(image, minPx, List.of());
            case HYBRID -> detectAndPose(image, minPx, framePose.estimate(image));
        };
        List<Person> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingDouble(p -> -p.score()));
        return List.copyOf(sorted);
    }

    private static List<Person> fromPoses(List<Pose> poses, Image image, int minPx) {
        List<Person> out = new ArrayList<>();
        for (Pose p : poses) {
            Person person = Person.of(p, image.width(), image.height());
            if (person.box().h() >= minPx) {
                out.add(person);
            }
        }
        return out;
    }

    /** The pose network reshaped so that a person of {@code minPx} is {@link #POSE_MIN_PERSON_INPUT_PX} tall. */
    private PoseEstimator scaledFor(Image image, int minPx) throws HlaException {
        double s = Math.max(framePose.inputHeight() / (double) image.height(), POSE_MIN_PERSON_INPUT_PX
                / (double) minPx);
        s = Math.min(s, 2.0); // never more than twice the frame: a person's crop of 2x is already blurred
        int w = Math.max(32, (int) Math.round(image.width() * s / 8) * 8);
        int h = Math.max(32, (int) Math.round(image.height() * s / 8) * 8);
        long key = ((long) w << 32) | h;
        PoseEstimator e = scaled.get(key);
        if (e == null) {
            synchronized (scaled) {
                e = scaled.get(key);
                if (e == null) {
                    e = new PoseEstimator(context, poseEntry, framePose.decoder(), w, h);
                    scaled.put(key, e);
                }
            }
        }
        return e;
    }

    /**
     * Detector boxes, each explained by a whole-frame pose (keypoints inside the box) or else by the pose network on
     * its crop; whole-frame poses no box explains are people of their own.
     */
    private List<Person> detectAndPose(Image image, int minPx, List<Pose> framePoses) throws HlaException {
        List<Person> out = new ArrayList<>();
        List<Detection> dets = new ArrayList<>();
        for (Detection d : detector.detect(image)) {
            if (d.box().h() >= minPx) {
                dets.add(d);
            }
        }
        // each whole-frame pose goes to the best-scoring box that holds most of its keypoints
        Pose[] explainedBy = new Pose[dets.size()];
        for (Pose p : framePoses) {
            int best = -1;
            for (int i = 0; i < dets.size(); i++) {
                if (explainedBy[i] == null && holds(dets.get(i).box(), p)
                        && (best < 0 || dets.get(i).score() > dets.get(best).score())) {
                    best = i;
                }
            }
            if (best >= 0) {
                explainedBy[best] = p;
            } else {
                Person person = Person.of(p, image.width(), image.height());
                if (person.box().h() >= minPx) {
                    out.add(person);
                }
            }
        }
        List<Box> poseBodies = new ArrayList<>();
        for (Pose p : framePoses) {
            poseBodies.add(BodyBox.of(p.keypoints(), image.width(), image.height()));
        }
        List<Detection> confirmations = null;
        for (int i = 0; i < dets.size(); i++) {
            Detection d = dets.get(i);
            Box box = d.box();
            if (explainedBy[i] == null && insideAny(box, poseBodies)) {
                continue; // a part of a person the whole-frame pose already found (close-ups: a torso, a face)
            }
            Keypoint[] kps = explainedBy[i] != null ? explainedBy[i].keypoints().toArray(new Keypoint[0])
                    : cropKeypoints(image, box);
            int inside = 0;
            for (Keypoint k : kps) {
                if (k != null) {
                    inside++;
                }
            }
            if (d.score() < sureScore && inside < confirmKeypoints) {
                continue; // a doubtful box without a body in it
            }
            if (inside < MIN_KEYPOINTS && confirmer != null) {
                // no body seen in the box (hidden behind something, or not a person): a second, independently
                // trained detector must see a person there too
                if (confirmations == null) {
                    confirmations = confirmer.detect(image);
                }
                if (confirmations.stream().noneMatch(c -> c.score() >= CONFIRM_DETECTOR_SCORE
                        && c.box().iou(box) >= CONFIRM_DETECTOR_IOU)) {
                    continue;
                }
            }
            FoundBy by = inside >= MIN_KEYPOINTS ? FoundBy.DETECTOR_POSE : FoundBy.DETECTOR;
            out.add(new Person(Math.min(1f, d.score()), box, Arrays.asList(kps), by));
        }
        return out;
    }

    /** Whether at least 70 % of {@code box} lies inside one of {@code bodies}. */
    static boolean insideAny(Box box, List<Box> bodies) {
        for (Box b : bodies) {
            float ix = Math.max(0, Math.min(box.x1(), b.x1()) - Math.max(box.x(), b.x()));
            float iy = Math.max(0, Math.min(box.y1(), b.y1()) - Math.max(box.y(), b.y()));
            if (ix * iy >= 0.7f * box.area()) {
                return true;
            }
        }
        return false;
    }

    /** Whether at least 60 % of the pose's keypoints lie in the box (with a margin for hands and feet). */
    static boolean holds(Box box, Pose p) {
        float mx = 0.1f * box.w();
        float my = 0.05f * box.h();
        int in = 0;
        for (Keypoint k : p.keypoints()) {
            if (k != null && k.x() >= box.x() - mx && k.x() <= box.x1() + mx && k.y() >= box.y() - my
                    && k.y() <= box.y1() + my) {
                in++;
            }
        }
        return in >= 0.6f * p.keypointCount();
    }

    /**
     * The keypoints of the person in {@code box}: the pose network on a crop around the box (with some context, at
     * the crop network's 1:2 aspect), the pose with most keypoints inside the box; keypoints outside it dropped.
     */
    Keypoint[] cropKeypoints(Image image, Box box) throws HlaException {
        float ch = box.h() * 1.2f;
        float cw = Math.max(box.w() * 1.3f, ch * cropPose.inputWidth() / cropPose.inputHeight());
        int x0 = Math.max(0, Math.round(box.cx() - cw / 2));
        int y0 = Math.max(0, Math.round(box.cy() - ch / 2));
        int x1 = Math.min(image.width(), Math.round(box.cx() + cw / 2));
        int y1 = Math.min(image.height(), Math.round(box.cy() + ch / 2));
        Keypoint[] best = new Keypoint[Pose.KEYPOINT_COUNT];
        if (x1 - x0 < 2 || y1 - y0 < 2) {
            return best;
        }
        Image crop = Images.crop(image, x0, y0, x1 - x0, y1 - y0);
        // keypoints may sit a little outside a tight detector box (hands, feet)
        float mx = 0.1f * box.w();
        float my = 0.05f * box.h();
        int bestCount = 0;
        float bestScore = -1;
        for (Pose p : cropPose.estimate(crop)) {
            Keypoint[] kps = new Keypoint[Pose.KEYPOINT_COUNT];
            int n = 0;
            for (int k = 0; k < Pose.KEYPOINT_COUNT; k++) {
                Keypoint q = p.keypoint(k);
                if (q == null) {
                    continue;
                }
                float x = q.x() + x0;
                float y = q.y() + y0;
                if (x >= box.x() - mx && x <= box.x1() + mx && y >= box.y() - my && y <= box.y1() + my) {
                    kps[k] = new Keypoint(x, y, q.score());
                    n++;
                }
            }
            if (n > bestCount || (n == bestCount && p.score() > bestScore)) {
                best = kps;
                bestCount = n;
                bestScore = p.score();
            }
        }
        return best;
    }

    /** Adds "model id" → inferences so far of every loaded model to {@code into} (benchmarks; see Stage#inferences). */
    public void inferenceCounts(Map<String, Long> into) {
        for (PoseEstimator p : new PoseEstimator[] {framePose, cropPose}) {
            if (p != null) {
                into.merge(p.modelId(), p.inferences(), Long::sum);
            }
        }
        for (PoseEstimator p : scaled.values()) {
            into.merge(p.modelId(), p.inferences(), Long::sum);
        }
        for (PersonDetector d : new PersonDetector[] {detector, confirmer}) {
            if (d != null) {
                into.merge(d.modelId(), d.inferences(), Long::sum);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (framePose != null) {
            framePose.close();
        }
        if (cropPose != null) {
            cropPose.close();
        }
        if (detector != null) {
            detector.close();
        }
        if (confirmer != null) {
            confirmer.close();
        }
        synchronized (scaled) {
            scaled.values().forEach(PoseEstimator::close);
            scaled.clear();
        }
    }

    /** Options of a {@link PeopleFinder}; every one has a default. Not thread-safe. */
    public static final class Builder {
        private final ModelContext context;
        private PeopleMethod method = PeopleMethod.HYBRID;
        private String precision;
        private CatalogEntry detectorEntry;
        private CatalogEntry poseEntry;
        private float minScore = DEFAULT_MIN_SCORE;
        private float sureScore = DEFAULT_SURE_SCORE;
        private int confirmKeypoints = DEFAULT_CONFIRM_KEYPOINTS;
        private float cropMinPoseScore = OpenPoseDecoder.DEFAULT_MIN_POSE_SCORE;
        private CatalogEntry confirmEntry;
        private boolean noConfirmation;
        private int cropWidth = CROP_INPUT_WIDTH;
        private int cropHeight = CROP_INPUT_HEIGHT;

        private Builder(ModelContext context) {
            this.context = Objects.requireNonNull(context, "context");
        }

        public Builder optMethod(PeopleMethod m) {
            this.method = Objects.requireNonNull(m, "method");
            return this;
        }

        /** FP32, FP16 or FP16-INT8 where the catalog has it (null: each model's default). */
        public Builder optPrecision(String p) {
            this.precision = p;
            return this;
        }

        /** The pose network (default: the catalog's body-pose model at the precision). */
        public Builder optPose(CatalogEntry e) {
            this.poseEntry = e;
            return this;
        }

        /** The person detector (default: the catalog's person detector at the precision, FP16 without one). */
        public Builder optDetector(CatalogEntry e) {
            this.detectorEntry = e;
            return this;
        }

        /** The pose decoder's minimum pose score on person crops (default: the decoder's default). */
        public Builder optCropMinPoseScore(float s) {
            OpenPoseDecoder.builder().optMinPoseScore(s); // validates
            this.cropMinPoseScore = s;
            return this;
        }

        /**
         * The second detector that must confirm a box in which the pose network saw no body (default:
         * person-detection-0200 at the precision, FP16 without one).
         */
        public Builder optConfirmDetector(CatalogEntry e) {
            this.confirmEntry = e;
            return this;
        }

        /** Switches the second detector's confirmation off (boxes without a body are then kept on score alone). */
        public Builder optNoConfirmation() {
            this.noConfirmation = true;
            return this;
        }

        /** Lowest detector score considered, in (0, 1). */
        public Builder optMinScore(float s) {
            if (!(s > 0 && s < 1)) {
                throw new IllegalArgumentException("minScore: " + s + " is not in (0, 1)");
            }
            this.minScore = s;
            return this;
        }

        /** Detector score that needs no confirmation by the pose network, in (0, 1]. */
        public Builder optSureScore(float s) {
            if (!(s > 0 && s <= 1)) {
                throw new IllegalArgumentException("sureScore: " + s + " is not in (0, 1]");
            }
            this.sureScore = s;
            return this;
        }

        /** Keypoints inside a doubtful box that confirm it, in [1, 18]. */
        public Builder optConfirmKeypoints(int n) {
            if (n < 1 || n > Pose.KEYPOINT_COUNT) {
                throw new IllegalArgumentException("confirmKeypoints: " + n + " is not in [1, 18]");
            }
            this.confirmKeypoints = n;
            return this;
        }

        /** Pose input for a person's crop, width x height (multiples of 8, default 64x128). */
        public Builder optCropInput(int width, int height) {
            if (width < 32 || height < 32 || width % 8 != 0 || height % 8 != 0) {
                throw new IllegalArgumentException("crop input: " + width + "x" + height + " is not two multiples "
                        + "of 8 >= 32");
            }
            this.cropWidth = width;
            this.cropHeight = height;
            return this;
        }

        /** Loads the models the method needs, one after the other; on failure closes what it loaded and rethrows. */
        public PeopleFinder build() throws HlaException {
            try {
                return buildAsync(Runnable::run, false).join();
            } catch (java.util.concurrent.CompletionException e) {
                Throwable c = e.getCause() == null ? e : e.getCause();
                if (c instanceof HlaException h) {
                    throw h;
                }
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) c;
            }
        }

        private interface Part<T> {
            T load() throws HlaException;
        }

        /**
         * Loads each model the method needs as a task of its own on {@code executor} (the whole-frame pose, the crop
         * pose, the detector, the confirming detector); with {@code warmUp} each then runs once on zeros. Completes
         * when all are loaded; on a failure closes what was loaded and completes exceptionally with the first one.
         */
        public java.util.concurrent.CompletableFuture<PeopleFinder> buildAsync(java.util.concurrent.Executor executor,
                boolean warmUp) {
            ModelCatalog cat = context.repository().catalog();
            CatalogEntry pose = poseEntry != null ? poseEntry : cat.defaultFor(Task.BODY_POSE, precision);
            CatalogEntry confirmWith = noConfirmation ? null
                    : confirmEntry != null ? confirmEntry : confirmingDetectorFor(cat, precision);
            boolean detectors = method == PeopleMethod.DETECTOR_POSE || method == PeopleMethod.HYBRID;
            CatalogEntry d = detectors ? (detectorEntry != null ? detectorEntry : detectorFor(cat, precision)) : null;
            var frame = start(method != PeopleMethod.DETECTOR_POSE ? () -> {
                PoseEstimator x = new PoseEstimator(context, pose);
                return warm(x, warmUp ? x::warmUp : null);
            } : null, executor);
            var crop = start(detectors ? () -> {
                PoseEstimator x = new PoseEstimator(context, pose, OpenPoseDecoder.builder()
                        .optMinPoseScore(cropMinPoseScore).build(), cropWidth, cropHeight);
                return warm(x, warmUp ? x::warmUp : null);
            } : null, executor);
            var det = start(detectors ? () -> {
                PersonDetector x = new PersonDetector(context, d, minScore);
                return warm(x, warmUp ? x::warmUp : null);
            } : null, executor);
            var conf = start(detectors && confirmWith != null ? () -> {
                PersonDetector x = new PersonDetector(context, confirmWith, CONFIRM_DETECTOR_SCORE);
                return warm(x, warmUp ? x::warmUp : null);
            } : null, executor);
            var all = java.util.List.of(frame, crop, det, conf);
            return java.util.concurrent.CompletableFuture.allOf(all.toArray(new java.util.concurrent.CompletableFuture[0]))
                    .handle((v, failure) -> {
                        if (failure == null) {
                            return new PeopleFinder(this, frame.join(), crop.join(), det.join(), conf.join(), pose);
                        }
                        for (var f : all) {
                            if (!f.isCompletedExceptionally()) {
                                try {
                                    AutoCloseable c = f.join();
                                    if (c != null) {
                                        c.close();
                                    }
                                } catch (Exception ex) {
                                    failure.addSuppressed(ex);
                                }
                            }
                        }
                        throw failure instanceof java.util.concurrent.CompletionException ce ? ce
                                : new java.util.concurrent.CompletionException(failure);
                    });
        }

        private static <T> java.util.concurrent.CompletableFuture<T> start(Part<T> part,
                java.util.concurrent.Executor executor) {
            if (part == null) {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return part.load();
                } catch (HlaException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, executor);
        }

        private interface WarmUp {
            void run() throws HlaException;
        }

        private static <T extends AutoCloseable> T warm(T stage, WarmUp w) throws HlaException {
            if (w == null) {
                return stage;
            }
            try {
                w.run();
                return stage;
            } catch (HlaException | RuntimeException e) {
                try {
                    stage.close();
                } catch (Exception ex) {
                    e.addSuppressed(ex);
                }
                throw e;
            }
        }
    }

    /** The confirming detector the detector methods load for a precision (null: FP16). */
    public static CatalogEntry confirmingDetectorFor(ModelCatalog cat, String precision) {
        return cat.find(CONFIRM_DETECTOR, precision == null ? "FP16" : precision)
                .orElseGet(() -> cat.get(CONFIRM_DETECTOR, "FP16"));
    }

    /** The independently trained detector that confirms boxes without a visible body. */
    public static final String CONFIRM_DETECTOR = "person-detection-0200";

    /**
     * The person detector {@link PeopleMethod#DETECTOR_POSE} and {@link PeopleMethod#HYBRID} load for a precision
     * (null: FP16, which finds more of the small people than the catalog's default FP16-INT8 build; see
     * docs/accuracy.md).
     */
    public static CatalogEntry detectorFor(ModelCatalog cat, String precision) {
        String name = cat.defaultFor(Task.PERSON_DETECTION).name();
        return cat.find(name, precision == null ? "FP16" : precision).orElse(cat.defaultFor(Task.PERSON_DETECTION));
    }
}
