// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.people;

import dev.vss.hla.Box;
import dev.vss.hla.Keypoint;
import dev.vss.hla.pose.Pose;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One person found in an image: a whole-body box, a confidence, the 18 body keypoints of {@link Pose} (null where
 * absent; all may be absent when only the detector saw the person) and the method that found it.
 *
 * <p>Immutable and thread-safe (the keypoint list is an unmodifiable copy; it holds nulls).
 *
 * @param score     confidence in [0, 1]: the detector's score, or the pose score for {@link FoundBy#POSE}
 * @param box       whole body (head top to feet) in image pixels
 * @param keypoints exactly 18 entries, null where absent
 * @param foundBy   the method that found the person
 */
public record Person(float score, Box box, List<Keypoint> keypoints, FoundBy foundBy) {
    public Person {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(keypoints, "keypoints");
        Objects.requireNonNull(foundBy, "foundBy");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score: " + score + " is not in [0, 1]");
        }
        if (keypoints.size() != Pose.KEYPOINT_COUNT) {
            throw new IllegalArgumentException("keypoints: " + keypoints.size() + " entries, expected "
                    + Pose.KEYPOINT_COUNT + " (null where absent)");
        }
        keypoints = Collections.unmodifiableList(Arrays.asList(keypoints.toArray(new Keypoint[0])));
    }

    /** A person found by the pose network alone: its keypoints, the whole-body box fitted to them. */
    public static Person of(Pose pose, int imageWidth, int imageHeight) {
        Objects.requireNonNull(pose, "pose");
        return new Person(pose.score(), BodyBox.of(pose.keypoints(), imageWidth, imageHeight), pose.keypoints(),
                FoundBy.POSE);
    }

    /** The keypoint at {@code index} ({@link Pose#NOSE} ... {@link Pose#L_EAR}), or null when absent. */
    public Keypoint keypoint(int index) {
        return keypoints.get(index);
    }

    /** How many of the 18 keypoints were found. */
    public int keypointCount() {
        return Keypoint.count(keypoints);
    }
}
