// SPDX-License-Identifier: Apache-2.0
package dev.vss.trainer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The kinds of synthetic frames the trainer makes from a real one: seven ways a camera gets covered and six ways a
 * frame changes while the camera still sees (which must stay "clear"). {@link Coverings} generates them.
 */
enum Variant {
    /** Skin-coloured, out-of-focus hand or finger blobs over 60–100 % of the frame. */
    HAND(true),
    /** An opaque sticker or tape of any colour over 60–100 %, or translucent paper over the whole lens. */
    STICKER(true),
    /** Spray paint: overlapping semi-transparent blotches and droplets, 65–95 % mean opacity. */
    SPRAY(true),
    /** Heavy defocus (Gaussian-like blur, sigma 3–12 % of the short side). */
    DEFOCUS(true),
    /** Near-black: the scene at 0–8 % gain, or a lens cap, with sensor noise. */
    DARK(true),
    /** Saturated: blown-out gain, a torch into the lens, or a bright colour wash. */
    OVEREXPOSED(true),
    /** The lens turned to a wall: near-uniform plaster/concrete/paint texture with lighting gradients. */
    WALL(true),
    /** The frame as it is. */
    ORIGINAL(false),
    /** Brightness ×0.7–1.3, contrast ×0.75–1.3, gamma 0.8–1.25, slight colour cast. */
    PHOTOMETRIC(false),
    /** A crop keeping 80–97 % of each side, horizontally flipped half the time. */
    CROP_FLIP(false),
    /** Gaussian sensor noise, sigma 2–8 levels. */
    NOISE(false),
    /** JPEG-like softness: shrunk by 1.5–2.5 and enlarged back. */
    SOFT(false),
    /** A small occluder (skin blob or sticker) over 3–20 %: the camera still sees. */
    PARTIAL(false);

    private final boolean covered;

    Variant(boolean covered) {
        this.covered = covered;
    }

    boolean covered() {
        return covered;
    }

    /** Lower-case name, as in the head file's metric keys. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static List<Variant> coverings() {
        return Arrays.stream(values()).filter(Variant::covered).toList();
    }

    static List<Variant> clears() {
        return Arrays.stream(values()).filter(v -> !v.covered).toList();
    }
}
