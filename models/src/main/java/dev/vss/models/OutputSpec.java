// SPDX-License-Identifier: Apache-2.0
package dev.vss.models;

import java.util.Arrays;
import java.util.Objects;

/**
 * One output of a model as recorded in the catalog. Names can differ between precisions of the same model
 * (face-reidentification-retail-0095: {@code 658} vs {@code 658/add_}), so read outputs by index; the name is for
 * diagnostics. Immutable: the shape is copied on the way in and out.
 *
 * @param name  output tensor name
 * @param shape dims, {@code -1} for a dynamic dim
 */
public record OutputSpec(String name, long[] shape) {
    public OutputSpec {
        InputSpec.requireText(name, "name");
        Objects.requireNonNull(shape, "shape");
        shape = shape.clone();
        checkDims(shape, "shape");
    }

    static void checkDims(long[] dims, String what) {
        if (dims.length == 0) {
            throw new IllegalArgumentException(what + ": must have at least one dim");
        }
        for (long d : dims) {
            if (d <= 0 && d != -1) {
                throw new IllegalArgumentException(what + ": dims must be > 0 or -1 (dynamic), got "
                        + Arrays.toString(dims));
            }
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputSpec other && name.equals(other.name) && Arrays.equals(shape, other.shape);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "OutputSpec[name=" + name + ", shape=" + Arrays.toString(shape) + "]";
    }
}
