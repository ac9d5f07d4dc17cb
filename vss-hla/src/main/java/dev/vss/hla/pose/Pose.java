// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.pose;

import dev.vss.hla.Box;
import dev.vss.hla.Keypoint;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One person's body pose: 18 keypoints in the COCO / OpenPose order of {@link #KEYPOINT_NAMES}, {@code null} where a
 * keypoint was not found, in pixels of the original image (OpenCV convention: pixel {@code (i, j)} has its centre at
 * {@code (i, j)}).
 *
 * <p>Immutable and thread-safe: the keypoint list is an unmodifiable copy (it holds nulls, so it is not a
 * {@code List.of}).
 *
 * @param score     confidence in [0, 1]: the mean heatmap score of the found keypoints
 * @param box       the box around the found keypoints (not around the whole body: the top of the head and the feet
 *                  lie beyond the outermost keypoints)
 * @param keypoints exactly {@value #KEYPOINT_COUNT} entries, {@code null} where absent, at least one present
 */
public record Pose(float score, Box box, List<Keypoint> keypoints) {
    /** Number of keypoints of the OpenPose COCO body model. */
    public static final int KEYPOINT_COUNT = 18;

    public static final int NOSE = 0;
    public static final int NECK = 1;
    public static final int R_SHOULDER = 2;
    public static final int R_ELBOW = 3;
    public static final int R_WRIST = 4;
    public static final int L_SHOULDER = 5;
    public static final int L_ELBOW = 6;
    public static final int L_WRIST = 7;
    public static final int R_HIP = 8;
    public static final int R_KNEE = 9;
    public static final int R_ANKLE = 10;
    public static final int L_HIP = 11;
    public static final int L_KNEE = 12;
    public static final int L_ANKLE = 13;
    public static final int R_EYE = 14;
    public static final int L_EYE = 15;
    public static final int R_EAR = 16;
    public static final int L_EAR = 17;

    /** Keypoint names by index ("r_" and "l_" are the person's right and left, not the image's). */
    public static final List<String> KEYPOINT_NAMES = List.of("nose", "neck", "r_sho", "r_elb", "r_wri", "l_sho",
            "l_elb", "l_wri", "r_hip", "r_knee", "r_ank", "l_hip", "l_knee", "l_ank", "r_eye", "l_eye", "r_ear",
            "l_ear");

    /**
     * The 17 skeleton limbs to draw, as OMZ's human_pose_estimation_demo draws them. The decoder uses two more
     * connections (ears to shoulders, {@link OpenPoseDecoder#LIMBS}) that only help grouping.
     */
    public static final List<Limb> SKELETON = List.of(new Limb(NECK, R_SHOULDER), new Limb(NECK, L_SHOULDER),
            new Limb(R_SHOULDER, R_ELBOW), new Limb(R_ELBOW, R_WRIST), new Limb(L_SHOULDER, L_ELBOW),
            new Limb(L_ELBOW, L_WRIST), new Limb(NECK, R_HIP), new Limb(R_HIP, R_KNEE), new Limb(R_KNEE, R_ANKLE),
            new Limb(NECK, L_HIP), new Limb(L_HIP, L_KNEE), new Limb(L_KNEE, L_ANKLE), new Limb(NECK, NOSE),
            new Limb(NOSE, R_EYE), new Limb(R_EYE, R_EAR), new Limb(NOSE, L_EYE), new Limb(L_EYE, L_EAR));

    /** A connection between two keypoint indices. */
    public record Limb(int from, int to) {
        public Limb {
            if (from < 0 || from >= KEYPOINT_COUNT || to < 0 || to >= KEYPOINT_COUNT || from == to) {
                throw new IllegalArgumentException("limb: " + from + "-" + to + " is not a pair of distinct keypoint "
                        + "indices in [0, " + KEYPOINT_COUNT + ")");
            }
        }

        @Override
        public String toString() {
            return KEYPOINT_NAMES.get(from) + "-" + KEYPOINT_NAMES.get(to);
        }
    }

    public Pose {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(keypoints, "keypoints");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score: " + score + " is not in [0, 1]");
        }
        if (keypoints.size() != KEYPOINT_COUNT) {
            throw new IllegalArgumentException("keypoints: " + keypoints.size() + " entries, expected "
                    + KEYPOINT_COUNT + " (null where absent)");
        }
        Keypoint[] copy = keypoints.toArray(new Keypoint[0]);
        if (Arrays.stream(copy).allMatch(Objects::isNull)) {
            throw new IllegalArgumentException("keypoints: all " + KEYPOINT_COUNT + " are null");
        }
        keypoints = Collections.unmodifiableList(Arrays.asList(copy));
    }

    /**
     * A pose whose box is the box around its keypoints.
     *
     * @param keypoints {@value #KEYPOINT_COUNT} entries, null where absent; copied
     */
    public static Pose of(float score, List<Keypoint> keypoints) {
        Objects.requireNonNull(keypoints, "keypoints");
        float x0 = Float.POSITIVE_INFINITY;
        float y0 = Float.POSITIVE_INFINITY;
        float x1 = Float.NEGATIVE_INFINITY;
        float y1 = Float.NEGATIVE_INFINITY;
        for (Keypoint k : keypoints) {
            if (k != null) {
                x0 = Math.min(x0, k.x());
                y0 = Math.min(y0, k.y());
                x1 = Math.max(x1, k.x());
                y1 = Math.max(y1, k.y());
            }
        }
        if (x0 > x1) {
            throw new IllegalArgumentException("keypoints: all are null");
        }
        return new Pose(score, Box.ofCorners(x0, y0, x1, y1), keypoints);
    }

    /** The keypoint at {@code index} ({@link #NOSE} ... {@link #L_EAR}), or null when absent. */
    public Keypoint keypoint(int index) {
        return keypoints.get(index);
    }

    /** How many of the 18 keypoints were found. */
    public int keypointCount() {
        return Keypoint.count(keypoints);
    }
}
