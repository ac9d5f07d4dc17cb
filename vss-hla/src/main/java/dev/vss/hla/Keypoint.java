// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla;

import java.util.List;

/** A body keypoint in image pixels with its confidence in [0,1]. */
public record Keypoint(float x, float y, float score) {
    public Keypoint {
        if (!Float.isFinite(x) || !Float.isFinite(y) || !(score >= 0 && score <= 1.0001f)) {
            throw new IllegalArgumentException("keypoint: invalid " + x + "," + y + " score " + score);
        }
    }

    public Point point() {
        return new Point(x, y);
    }

    /** How many of {@code keypoints} were found (are not null): one rule for poses and people. */
    public static int count(List<Keypoint> keypoints) {
        int n = 0;
        for (Keypoint k : keypoints) {
            if (k != null) {
                n++;
            }
        }
        return n;
    }
}
