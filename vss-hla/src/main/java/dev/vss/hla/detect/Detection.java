// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.detect;

import dev.vss.hla.Box;
import java.util.Objects;

/** A detected object: box in image pixels, confidence, class label. */
public record Detection(Box box, float score, int label) {
    public Detection {
        Objects.requireNonNull(box, "box");
        if (!(score >= 0 && score <= 1.0001f)) {
            throw new IllegalArgumentException("score: " + score + " is not in [0,1]");
        }
    }
}
