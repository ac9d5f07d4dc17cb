// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.people;

/** Which method found a person; {@link #label()} is the value of the result JSON's {@code found_by}. */
public enum FoundBy {
    /** The pose network on the whole frame (bottom-up OpenPose grouping); the box is fitted to the keypoints. */
    POSE("pose"),
    /** The person detector, with keypoints from the pose network run on the person's crop. */
    DETECTOR_POSE("detector+pose"),
    /** The person detector; the pose network found fewer than 3 keypoints in the crop (those found are kept). */
    DETECTOR("detector");

    private final String label;

    FoundBy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
