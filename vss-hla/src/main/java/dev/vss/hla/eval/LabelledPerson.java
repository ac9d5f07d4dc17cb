// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.eval;

import dev.vss.hla.Box;
import java.util.Objects;

/**
 * One hand-labelled person of an evaluation frame. Immutable.
 *
 * @param frame    frame index in the video (0-based, decoding order)
 * @param box      full-body box in image pixels
 * @param occluded more than about half of the body is hidden; the evaluation ignores such people
 */
public record LabelledPerson(int frame, Box box, boolean occluded) {
    public LabelledPerson {
        Objects.requireNonNull(box, "box");
        if (frame < 0) {
            throw new IllegalArgumentException("frame: " + frame + " is negative");
        }
        if (box.w() <= 0 || box.h() <= 0) {
            throw new IllegalArgumentException("box: " + box + " is empty");
        }
    }
}
