// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.pose;

import dev.vss.hla.Keypoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Turns OpenPose network outputs (keypoint heatmaps and part affinity fields, PAFs) into the poses of every person in
 * the image: the post-processing of Open Model Zoo's {@code human_pose_estimation_demo} for
 * {@code human-pose-estimation-0001}, written in plain Java (no native library).
 *
 * <ol>
 *   <li>Peaks: on each of the 18 keypoint heatmaps (optionally Gaussian-smoothed), cells above the peak threshold that
 *       are maxima of their 3x3 neighbourhood, refined to sub-cell precision by a parabola through the logarithm of
 *       the three values along each axis (exact for a Gaussian blob).</li>
 *   <li>Limbs: for each of the 19 keypoint pairs of {@link #LIMBS}, every candidate pair is scored by sampling its PAF
 *       at {@value #LIMB_SAMPLES} points along the segment and taking the dot product with the segment's direction;
 *       pairs with enough aligned samples are kept, with a penalty for limbs longer than half the map height.</li>
 *   <li>Matching: per limb type, greedily in descending score, each keypoint joins at most one limb of that type.</li>
 *   <li>Assembly: limbs join into people through shared keypoints; two partial people joined by a limb merge if they
 *       have no keypoint type in common.</li>
 *   <li>Filtering: people with fewer than {@code minKeypoints} keypoints, or whose keypoint and limb scores sum to
 *       less than {@code minPoseScore} per keypoint, are dropped.</li>
 * </ol>
 *
 * <p>Where it differs from OMZ: sub-cell refinement by a log-parabola instead of OMZ's fixed quarter-cell step, PAF
 * sampled bilinearly at the sub-cell positions instead of at rounded cells, and a stricter default
 * {@link #DEFAULT_MIN_POSE_SCORE}. Keypoints go back to image pixels through the {@link Letterbox}.
 *
 * <pre>{@code
 * OpenPoseDecoder decoder = OpenPoseDecoder.defaults();
 * List<Pose> poses = decoder.decode(new OpenPoseDecoder.Input(heatmaps, pafs, 32, 57,
 *         Letterbox.fit(imageWidth, imageHeight, 456, 256)));
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #decode} allocates its working memory per call and keeps no reference to its
 * input.
 */
public final class OpenPoseDecoder {
    /** Heatmap channels with a keypoint; a 19th channel, if present, is the background and is ignored. */
    public static final int KEYPOINTS = Pose.KEYPOINT_COUNT;
    /** PAF channels: an (x, y) pair for each of the 19 limbs. */
    public static final int PAF_CHANNELS = 38;

    /**
     * Keypoint pairs connected by a PAF, in OMZ's order ({@code BODY_PARTS_KPT_IDS}). The order matters: people grow
     * from the neck outwards, and the last two (shoulders to ears) only add redundancy to head grouping.
     */
    public static final List<Pose.Limb> LIMBS = List.of(new Pose.Limb(1, 2), new Pose.Limb(1, 5),
            new Pose.Limb(2, 3), new Pose.Limb(3, 4), new Pose.Limb(5, 6), new Pose.Limb(6, 7), new Pose.Limb(1, 8),
            new Pose.Limb(8, 9), new Pose.Limb(9, 10), new Pose.Limb(1, 11), new Pose.Limb(11, 12),
            new Pose.Limb(12, 13), new Pose.Limb(1, 0), new Pose.Limb(0, 14), new Pose.Limb(14, 16),
            new Pose.Limb(0, 15), new Pose.Limb(15, 17), new Pose.Limb(2, 16), new Pose.Limb(5, 17));

    /**
     * PAF channel of the x component of each limb of {@link #LIMBS} (y is the next channel): OMZ's
     * {@code BODY_PARTS_PAF_IDS}. The network was trained with its PAFs in this (non-sequential) order, inherited from
     * the original OpenPose COCO model; checked on real images by {@code PoseEstimatorTest}.
     */
    private static final int[] LIMB_PAF_X = {12, 20, 14, 16, 22, 24, 0, 2, 4, 6, 8, 10, 28, 30, 34, 32, 36, 18, 26};

    /** Heatmap value a keypoint needs: OMZ's default {@code prob_threshold}; the network's true peaks are 0.3-0.9. */
    public static final float DEFAULT_PEAK_THRESHOLD = 0.1f;
    /** Fewest keypoints a person needs (OMZ: 3): two keypoints and one limb say too little to call it a person. */
    public static final int DEFAULT_MIN_KEYPOINTS = 3;
    /**
     * Lowest (sum of keypoint scores + sum of limb scores) / keypoints a person needs: OMZ C++'s
     * {@code minSubsetScore} criterion, but 1.0 instead of its 0.2, i.e. keypoints and limbs of about 0.5 each. On the
     * shared test images every clearly visible person scores 1.15-1.65, while blurred spectators behind the pitch
     * boards (messi5.jpg, up to 0.89) and fragments split off a real person (0.4-0.6) stay below; distant pedestrians
     * of a surveillance camera (30-60 px tall at the network's scale) score 0.7-1.3, so lower this for wide scenes.
     */
    public static final float DEFAULT_MIN_POSE_SCORE = 1.0f;
    /**
     * A whole articulated body — at least this many keypoints including both knees and both ankles — is kept down to
     * OMZ's own {@code minSubsetScore} of {@link #FULL_BODY_MIN_POSE_SCORE}: the distant pedestrians of a fixed
     * camera are complete but faint, while the clutter the stricter score removes (spectators behind boards,
     * fragments) has no legs. On vtest_frame0600 this recovers all 5 pedestrians; messi5 stays at 1 person.
     */
    public static final int FULL_BODY_MIN_KEYPOINTS = 12;
    /** OMZ C++'s {@code minSubsetScore}, applied to whole bodies only. */
    public static final float FULL_BODY_MIN_POSE_SCORE = 0.2f;
    private static final int[] LEG_KEYPOINTS = {9, 10, 12, 13};
    /** Strongest peaks kept per keypoint type (OMZ's {@code max_points}): bounds the quadratic limb search. */
    public static final int MAX_PEAKS_PER_TYPE = 100;
    /** Points sampled along a candidate limb (OMZ: 10, enough to see a PAF break between two people). */
    public static final int LIMB_SAMPLES = 10;
    /** A sample counts as aligned when PAF · limb direction exceeds this (OMZ's {@code min_paf_alignment_score}). */
    public static final float MIN_SAMPLE_ALIGNMENT = 0.05f;
    /** Share of aligned samples a limb needs, exclusive (OMZ: > 0.8, i.e. 9 of 10): a limb must be continuous. */
    public static final float MIN_ALIGNED_FRACTION = 0.8f;
    /**
     * Limbs longer than this share of the map height get a penalty of {@code share * height / length - 1} (OMZ C++'s
     * distance prior): no body part spans more than half the frame at the scale the model sees people.
     */
    public static final float DISTANCE_PRIOR_SHARE = 0.5f;

    /** Values below this are treated as zero by the log-parabola refinement (it falls back to a plain parabola). */
    private static final float LOG_EPS = 1e-6f;

    private final float peakThreshold;
    private final int minKeypoints;
    private final float minPoseScore;
    private final float smoothingSigma;

    private OpenPoseDecoder(Builder b) {
        this.peakThreshold = b.peakThreshold;
        this.minKeypoints = b.minKeypoints;
        this.minPoseScore = b.minPoseScore;
        this.smoothingSigma = b.smoothingSigma;
    }

    /** A decoder with the default thresholds. */
    public static OpenPoseDecoder defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public float peakThreshold() {
        return peakThreshold;
    }

    public int minKeypoints() {
        return minKeypoints;
    }

    public float minPoseScore() {
        return minPoseScore;
    }

    /** Sigma (map cells) of the Gaussian applied to heatmaps before peak finding; 0 = none. */
    public float smoothingSigma() {
        return smoothingSigma;
    }

    /** PAF channel of the x component of limb {@code limb} of {@link #LIMBS}; y is the next channel. */
    public static int pafChannelX(int limb) {
        return LIMB_PAF_X[limb];
    }

    /**
     * One network output, as plain arrays.
     *
     * @param heatmaps  channel-major {@code [C, height, width]} with C = 18 or 19 (background last, ignored); not copied
     * @param pafs      channel-major {@code [38, height, width]}; not copied
     * @param height    map height
     * @param width     map width
     * @param letterbox where the image sits in the network input; the map covers the whole input, so one map cell is
     *                  {@code inputWidth / width} input pixels wide
     */
    public record Input(float[] heatmaps, float[] pafs, int height, int width, Letterbox letterbox) {
        public Input {
            Objects.requireNonNull(heatmaps, "heatmaps");
            Objects.requireNonNull(pafs, "pafs");
            Objects.requireNonNull(letterbox, "letterbox");
            if (height <= 0 || width <= 0) {
                throw new IllegalArgumentException("size: map of " + height + "x" + width + " is empty");
            }
            long plane = (long) height * width;
            if (heatmaps.length != KEYPOINTS * plane && heatmaps.length != (KEYPOINTS + 1) * plane) {
                throw new IllegalArgumentException("heatmaps: " + heatmaps.length + " values, expected 18 or 19 x "
                        + height + " x " + width);
            }
            if (pafs.length != PAF_CHANNELS * plane) {
                throw new IllegalArgumentException("pafs: " + pafs.length + " values, expected 38 x " + height + " x "
                        + width);
            }
        }
    }

    /**
     * Maps of two stick figures (32 x 57 cells): a Gaussian peak per keypoint and unit PAF vectors along each limb.
     * Decodes to two people; used to run the decoder's code at init (see {@code PoseEstimator.warmUpCode}).
     */
    static Input syntheticInput(Letterbox lb) {
        int h = 32;
        int w = 57;
        int plane = h * w;
        float[] heat = new float[(KEYPOINTS + 1) * plane];
        float[] paf = new float[PAF_CHANNELS * plane];
        // nose, neck, r shoulder/elbow/wrist, l shoulder/elbow/wrist, r hip/knee/ankle, l hip/knee/ankle, eyes, ears
        int[][] body = {{8, 4}, {8, 7}, {6, 7}, {5, 11}, {5, 15}, {10, 7}, {11, 11}, {11, 15}, {7, 15}, {7, 21},
            {7, 27}, {9, 15}, {9, 21}, {9, 27}, {7, 3}, {9, 3}, {6, 4}, {10, 4}};
        for (int dx : new int[] {4, 30}) {
            for (int k = 0; k < KEYPOINTS; k++) {
                int cx = body[k][0] + dx;
                int cy = body[k][1];
                for (int y = Math.max(0, cy - 2); y <= Math.min(h - 1, cy + 2); y++) {
                    for (int x = Math.max(0, cx - 2); x <= Math.min(w - 1, cx + 2); x++) {
                        double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                        heat[k * plane + y * w + x] = Math.max(heat[k * plane + y * w + x], (float) (0.9 * Math.exp(-d2)));
                    }
                }
            }
            for (int l = 0; l < LIMBS.size(); l++) {
                int[] a = body[LIMBS.get(l).from()];
                int[] b = body[LIMBS.get(l).to()];
                double len = Math.hypot(b[0] - a[0], b[1] - a[1]);
                float ux = (float) ((b[0] - a[0]) / len);
                float uy = (float) ((b[1] - a[1]) / len);
                for (int t = 0; t <= 20; t++) {
                    int x = (int) Math.round(a[0] + dx + (b[0] - a[0]) * t / 20.0);
                    int y = (int) Math.round(a[1] + (b[1] - a[1]) * t / 20.0);
                    paf[LIMB_PAF_X[l] * plane + y * w + x] = ux;
                    paf[(LIMB_PAF_X[l] + 1) * plane + y * w + x] = uy;
                }
            }
        }
        return new Input(heat, paf, h, w, lb);
    }

    /** A heatmap peak in map coordinates. */
    private record Peak(int type, float x, float y, float score) {
    }

    /** A candidate limb between peak indices {@code a} and {@code b} of the two types. */
    private record Connection(int a, int b, float score) {
    }

    /** A person under construction: global peak index per keypoint type, -1 where absent. */
    private static final class Person {
        final int[] peak = new int[KEYPOINTS];
        int count;
        float score; // sum of keypoint and limb scores, as in OMZ

        Person() {
            Arrays.fill(peak, -1);
        }
    }

    /**
     * Decodes every person. Returns poses sorted by descending score, keypoints in image pixels clipped to the
     * image; an empty list when nobody is found.
     */
    public List<Pose> decode(Input in) {
        Objects.requireNonNull(in, "in");
        int h = in.height();
        int w = in.width();
        List<Peak> peaks = new ArrayList<>();
        int[] typeStart = new int[KEYPOINTS + 1];
        float[] plane = new float[h * w];
        for (int k = 0; k < KEYPOINTS; k++) {
            typeStart[k] = peaks.size();
            System.arraycopy(in.heatmaps(), k * h * w, plane, 0, h * w);
            float[] map = smoothingSigma > 0 ? gaussian(plane, h, w, smoothingSigma) : plane;
            findPeaks(k, map, h, w, peaks);
        }
        typeStart[KEYPOINTS] = peaks.size();

        List<Person> people = new ArrayList<>();
        for (int l = 0; l < LIMBS.size(); l++) {
            Pose.Limb limb = LIMBS.get(l);
            int a0 = typeStart[limb.from()];
            int na = typeStart[limb.from() + 1] - a0;
            int b0 = typeStart[limb.to()];
            int nb = typeStart[limb.to() + 1] - b0;
            if (na == 0 || nb == 0) {
                continue;
            }
            List<Connection> limbs = scoreLimbs(peaks, a0, na, b0, nb, in.pafs(), LIMB_PAF_X[l], h, w);
            assemble(limb, limbs, a0, b0, peaks, people);
        }
        return toPoses(people, peaks, in);
    }

    /** Appends the 3x3 local maxima of {@code map} above the threshold, strongest first, at most MAX_PEAKS_PER_TYPE. */
    private void findPeaks(int type, float[] map, int h, int w, List<Peak> out) {
        List<Peak> found = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = map[y * w + x];
                if (!(v >= peakThreshold) || !isLocalMax(map, h, w, x, y, v)) {
                    continue;
                }
                float dx = x > 0 && x < w - 1 ? offset(map[y * w + x - 1], v, map[y * w + x + 1]) : 0;
                float dy = y > 0 && y < h - 1 ? offset(map[(y - 1) * w + x], v, map[(y + 1) * w + x]) : 0;
                found.add(new Peak(type, x + dx, y + dy, Math.min(1f, v)));
            }
        }
        found.sort(Comparator.comparingDouble(p -> -p.score()));
        out.addAll(found.subList(0, Math.min(found.size(), MAX_PEAKS_PER_TYPE)));
    }

    /**
     * Strictly above the neighbours before it in scan order and at least equal to those after it, so that a plateau
     * of equal values yields one peak, not several.
     */
    private static boolean isLocalMax(float[] map, int h, int w, int x, int y, float v) {
        for (int dy = -1; dy <= 1; dy++) {
            int yy = y + dy;
            if (yy < 0 || yy >= h) {
                continue;
            }
            for (int dx = -1; dx <= 1; dx++) {
                int xx = x + dx;
                if ((dx == 0 && dy == 0) || xx < 0 || xx >= w) {
                    continue;
                }
                float n = map[yy * w + xx];
                boolean before = dy < 0 || (dy == 0 && dx < 0);
                if (before ? !(v > n) : !(v >= n)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Sub-cell offset of the maximum of a parabola through (-1, l), (0, c), (1, r), fitted to the logarithms when all
     * three are positive (a Gaussian is a parabola in log space, so its centre comes out exactly), limited to half a
     * cell.
     */
    static float offset(float l, float c, float r) {
        if (l > LOG_EPS && c > LOG_EPS && r > LOG_EPS) {
            l = (float) Math.log(l);
            c = (float) Math.log(c);
            r = (float) Math.log(r);
        }
        float den = l - 2 * c + r;
        if (!(den < 0)) {
            return 0; // flat or not a maximum: keep the cell centre
        }
        float d = 0.5f * (l - r) / den;
        return Math.max(-0.5f, Math.min(0.5f, d));
    }

    /** Separable Gaussian blur with clamped borders. */
    static float[] gaussian(float[] src, int h, int w, float sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * r + 1];
        float sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        float[] tmp = new float[h * w];
        float[] dst = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * src[y * w + Math.max(0, Math.min(w - 1, x + i))];
                }
                tmp[y * w + x] = s;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * tmp[Math.max(0, Math.min(h - 1, y + i)) * w + x];
                }
                dst[y * w + x] = s;
            }
        }
        return dst;
    }

    /** Scores every (a, b) pair of one limb type and keeps a greedy one-to-one matching, best first. */
    private static List<Connection> scoreLimbs(List<Peak> peaks, int a0, int na, int b0, int nb, float[] pafs,
            int pafX, int h, int w) {
        int plane = h * w;
        int offX = pafX * plane;
        int offY = (pafX + 1) * plane;
        float maxLength = DISTANCE_PRIOR_SHARE * h;
        List<Connection> candidates = new ArrayList<>();
        for (int i = 0; i < na; i++) {
            Peak a = peaks.get(a0 + i);
            for (int j = 0; j < nb; j++) {
                Peak b = peaks.get(b0 + j);
                float dx = b.x() - a.x();
                float dy = b.y() - a.y();
                float len = (float) Math.hypot(dx, dy);
                if (len < 1e-3f) {
                    continue; // two keypoint types on one spot: no direction to test
                }
                float ux = dx / len;
                float uy = dy / len;
                float sum = 0;
                int aligned = 0;
                for (int n = 0; n < LIMB_SAMPLES; n++) {
                    float t = n / (float) (LIMB_SAMPLES - 1);
                    float px = a.x() + t * dx;
                    float py = a.y() + t * dy;
                    float s = bilinear(pafs, offX, px, py, h, w) * ux + bilinear(pafs, offY, px, py, h, w) * uy;
                    if (s > MIN_SAMPLE_ALIGNMENT) {
                        sum += s;
                        aligned++;
                    }
                }
                if (aligned <= MIN_ALIGNED_FRACTION * LIMB_SAMPLES) {
                    continue;
                }
                float score = sum / aligned + Math.min(maxLength / len - 1, 0);
                if (score > 0) {
                    candidates.add(new Connection(i, j, score));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(c -> -c.score()));
        boolean[] usedA = new boolean[na];
        boolean[] usedB = new boolean[nb];
        List<Connection> chosen = new ArrayList<>();
        for (Connection c : candidates) {
            if (!usedA[c.a()] && !usedB[c.b()]) {
                usedA[c.a()] = true;
                usedB[c.b()] = true;
                chosen.add(c);
            }
        }
        return chosen;
    }

    /** The map value at a fractional position, bilinear, clamped to the map. */
    private static float bilinear(float[] m, int off, float x, float y, int h, int w) {
        x = Math.max(0, Math.min(w - 1, x));
        y = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(w - 1, x0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        float fx = x - x0;
        float fy = y - y0;
        float top = m[off + y0 * w + x0] * (1 - fx) + m[off + y0 * w + x1] * fx;
        float bottom = m[off + y1 * w + x0] * (1 - fx) + m[off + y1 * w + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    /** Adds one limb type's connections to the people found so far (OMZ's update_poses). */
    private static void assemble(Pose.Limb limb, List<Connection> connections, int a0, int b0, List<Peak> peaks,
            List<Person> people) {
        int ta = limb.from();
        int tb = limb.to();
        for (Connection c : connections) {
            int ia = a0 + c.a();
            int ib = b0 + c.b();
            Person pa = null;
            Person pb = null;
            for (Person p : people) {
                if (p.peak[ta] == ia) {
                    pa = p;
                }
                if (p.peak[tb] == ib) {
                    pb = p;
                }
            }
            if (pa == null && pb == null) {
                Person p = new Person();
                p.peak[ta] = ia;
                p.peak[tb] = ib;
                p.count = 2;
                p.score = peaks.get(ia).score() + peaks.get(ib).score() + c.score();
                people.add(p);
            } else if (pa != null && pb != null) {
                if (pa == pb) {
                    pa.score += c.score();
                } else if (disjoint(pa, pb)) {
                    // two halves of one person, found from different ends
                    for (int k = 0; k < KEYPOINTS; k++) {
                        if (pb.peak[k] >= 0) {
                            pa.peak[k] = pb.peak[k];
                        }
                    }
                    pa.count += pb.count;
                    pa.score += pb.score + c.score();
                    people.remove(pb);
                }
                // else: the halves claim different keypoints of one type: two people, leave them apart
            } else if (pa != null) {
                extend(pa, tb, ib, c, peaks);
            } else {
                extend(pb, ta, ia, c, peaks);
            }
        }
    }

    private static void extend(Person p, int type, int peak, Connection c, List<Peak> peaks) {
        if (p.peak[type] >= 0) {
            return; // already has this keypoint through another limb: keep the first, stronger-ordered one
        }
        p.peak[type] = peak;
        p.count++;
        p.score += peaks.get(peak).score() + c.score();
    }

    private static boolean disjoint(Person a, Person b) {
        for (int k = 0; k < KEYPOINTS; k++) {
            if (a.peak[k] >= 0 && b.peak[k] >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The pose score a person needs: the configured minimum, relaxed for whole bodies (never made stricter). */
    private float requiredScore(Person p) {
        if (p.count < FULL_BODY_MIN_KEYPOINTS) {
            return minPoseScore;
        }
        for (int k : LEG_KEYPOINTS) {
            if (p.peak[k] < 0) {
                return minPoseScore;
            }
        }
        return Math.min(minPoseScore, FULL_BODY_MIN_POSE_SCORE);
    }

    private List<Pose> toPoses(List<Person> people, List<Peak> peaks, Input in) {
        Letterbox lb = in.letterbox();
        float strideX = lb.inputWidth() / (float) in.width();
        float strideY = lb.inputHeight() / (float) in.height();
        float maxX = lb.imageWidth() - 1;
        float maxY = lb.imageHeight() - 1;
        List<Pose> poses = new ArrayList<>();
        for (Person p : people) {
            if (p.count < minKeypoints || p.score / p.count < requiredScore(p)) {
                continue;
            }
            Keypoint[] kps = new Keypoint[KEYPOINTS];
            float sum = 0;
            for (int k = 0; k < KEYPOINTS; k++) {
                if (p.peak[k] < 0) {
                    continue;
                }
                Peak pk = peaks.get(p.peak[k]);
                // map cell centre -> input pixel (cell i covers input pixels [i*stride, (i+1)*stride)) -> image pixel
                float x = lb.toImageX((pk.x() + 0.5f) * strideX - 0.5f);
                float y = lb.toImageY((pk.y() + 0.5f) * strideY - 0.5f);
                kps[k] = new Keypoint(Math.max(0, Math.min(maxX, x)), Math.max(0, Math.min(maxY, y)), pk.score());
                sum += pk.score();
            }
            poses.add(Pose.of(Math.min(1f, sum / p.count), Arrays.asList(kps)));
        }
        poses.sort(Comparator.comparingDouble(p -> -p.score()));
        return poses;
    }

    /**
     * Options of an {@link OpenPoseDecoder}; every one has a default (the {@code DEFAULT_*} constants). Not
     * thread-safe.
     */
    public static final class Builder {
        private float peakThreshold = DEFAULT_PEAK_THRESHOLD;
        private int minKeypoints = DEFAULT_MIN_KEYPOINTS;
        private float minPoseScore = DEFAULT_MIN_POSE_SCORE;
        private float smoothingSigma;

        private Builder() {
        }

        /** Heatmap value a keypoint needs, in (0, 1). */
        public Builder optPeakThreshold(float threshold) {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("threshold: " + threshold + " is not in (0, 1)");
            }
            this.peakThreshold = threshold;
            return this;
        }

        /** Fewest keypoints a person needs, in [2, 18]. */
        public Builder optMinKeypoints(int count) {
            if (count < 2 || count > KEYPOINTS) {
                throw new IllegalArgumentException("count: " + count + " is not in [2, " + KEYPOINTS + "]");
            }
            this.minKeypoints = count;
            return this;
        }

        /** Lowest (keypoint + limb score sum) / keypoints a person needs, at least 0. */
        public Builder optMinPoseScore(float score) {
            if (!(score >= 0) || Float.isInfinite(score)) {
                throw new IllegalArgumentException("score: " + score + " is not a finite value >= 0");
            }
            this.minPoseScore = score;
            return this;
        }

        /** Sigma in map cells of a Gaussian blur of the heatmaps before peak finding, 0 (default) for none. */
        public Builder optSmoothingSigma(float sigma) {
            if (!(sigma >= 0 && sigma <= 10)) {
                throw new IllegalArgumentException("sigma: " + sigma + " is not in [0, 10]");
            }
            this.smoothingSigma = sigma;
            return this;
        }

        public OpenPoseDecoder build() {
            return new OpenPoseDecoder(this);
        }
    }
}
