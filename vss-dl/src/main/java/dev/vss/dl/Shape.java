package dev.vss.dl;

import java.util.Arrays;

/**
 * An immutable tensor shape. A dimension of {@code -1} is dynamic (only in model port shapes, never in tensors).
 */
public final class Shape {
    private final long[] dims;

    private Shape(long[] dims) {
        this.dims = dims;
    }

    /** @throws IllegalArgumentException if a dimension is below -1 */
    public static Shape of(long... dims) {
        for (long d : dims) {
            if (d < -1) {
                throw new IllegalArgumentException("dims: dimension " + d + " in " + Arrays.toString(dims) + " is negative");
            }
        }
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int i) {
        return dims[i];
    }

    public long[] dims() {
        return dims.clone();
    }

    public boolean isDynamic() {
        for (long d : dims) {
            if (d < 0) {
                return true;
            }
        }
        return false;
    }

    /** Number of elements; throws for a dynamic shape. */
    public long elementCount() {
        if (isDynamic()) {
            throw new IllegalStateException("shape " + this + " is dynamic: it has no element count");
        }
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** True if {@code concrete} fits this shape (equal rank, equal dims except where this one is dynamic). */
    public boolean accepts(Shape concrete) {
        if (concrete.dims.length != dims.length) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] >= 0 && dims[i] != concrete.dims[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ",").append(dims[i] < 0 ? "?" : Long.toString(dims[i]));
        }
        return sb.append(']').toString();
    }
}
