package dev.vss.dl;

import java.util.Objects;

/** Name, element type and shape of a model input or output. */
public record PortInfo(int index, String name, ElementType type, Shape shape) {
    public PortInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        if (index < 0) {
            throw new IllegalArgumentException("index: " + index + " is negative");
        }
    }
}
