// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.people;

/** How {@link PeopleFinder} finds people (docs/accuracy.md compares them on the labelled street camera). */
public enum PeopleMethod {
    /** The pose network on the whole frame at its own input size (456x256): the paper's method, vss before 0.2. */
    POSE,
    /**
     * The pose network on the whole frame, reshaped so that the smallest person to find is about
     * {@link PeopleFinder#POSE_MIN_PERSON_INPUT_PX} px tall in its input: accurate, but its cost grows with the
     * square of the scale.
     */
    POSE_SCALED,
    /**
     * A person detector finds the boxes; the pose network runs on each person's crop for the keypoints, and
     * confirms the detector's doubtful boxes.
     */
    DETECTOR_POSE,
    /**
     * The pose network on the whole frame at its own size (as {@link #POSE}) and a person detector; a detector box
     * that no whole-frame pose explains gets the pose network on its crop, as in {@link #DETECTOR_POSE}. Finds
     * close-up people (which pedestrian detectors miss) and distant ones (which the whole-frame pose misses). The
     * default.
     */
    HYBRID
}
