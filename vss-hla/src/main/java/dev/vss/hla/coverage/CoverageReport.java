// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.coverage;

import java.util.Objects;

/**
 * The camera-coverage verdict for one frame. A covered frame is the signal for the pipeline to skip the later
 * stages (pose, faces), as the result contract's {@code coverage} object says.
 *
 * @param covered whether the camera is judged covered or blinded ({@code score >= threshold} of the head)
 * @param score   the head's probability that the camera is covered, in [0,1]
 * @param reason  the name of the feature that pushed the score furthest toward the verdict (for example
 *                {@code dark_frac}, {@code sharpness}, {@code skin_frac}); an explanation aid, not a contract
 */
public record CoverageReport(boolean covered, float score, String reason) {
    public CoverageReport {
        if (!(score >= 0f && score <= 1f)) {
            throw new IllegalArgumentException("score: " + score + " is not in [0,1]");
        }
        Objects.requireNonNull(reason, "reason");
    }
}
