// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.pose;

import java.util.List;
import java.util.Objects;

/**
 * The poses found in one image and the time each step took. Immutable and thread-safe.
 *
 * @param poses            every person found, by descending score (unmodifiable)
 * @param preprocessNanos  resize and padding into the network input
 * @param inferenceNanos   the network
 * @param postprocessNanos OpenPose decoding (peaks, limbs, grouping)
 */
public record PoseEstimate(List<Pose> poses, long preprocessNanos, long inferenceNanos, long postprocessNanos) {
    public PoseEstimate {
        poses = List.copyOf(Objects.requireNonNull(poses, "poses"));
        if (preprocessNanos < 0 || inferenceNanos < 0 || postprocessNanos < 0) {
            throw new IllegalArgumentException("nanos: negative time " + preprocessNanos + "/" + inferenceNanos + "/"
                    + postprocessNanos);
        }
    }
}
