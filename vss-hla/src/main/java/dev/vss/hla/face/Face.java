package dev.vss.hla.face;

import dev.vss.hla.Box;
import java.util.Objects;

/**
 * One analysed face. {@code landmarks} and {@code embedding} are null when the face failed a quality gate
 * ({@code rejected} says which) or when the stage was not run.
 */
public record Face(Box box, float score, Landmarks landmarks, Embedding embedding, double sharpness, String rejected) {
    public Face {
        Objects.requireNonNull(box, "box");
    }
}
