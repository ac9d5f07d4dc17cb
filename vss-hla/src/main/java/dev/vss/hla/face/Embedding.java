package dev.vss.hla.face;

import java.util.Arrays;
import java.util.Objects;

/**
 * An L2-normalised face embedding and the model ("name/precision") that produced it. Embeddings of different
 * models are not comparable.
 */
public record Embedding(float[] vector, String model) {
    public Embedding {
        Objects.requireNonNull(model, "model");
        vector = normalise(Objects.requireNonNull(vector, "vector"));
    }

    private static float[] normalise(float[] v) {
        if (v.length == 0) {
            throw new IllegalArgumentException("vector: empty");
        }
        double n = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("vector: not finite");
            }
            n += x * x;
        }
        if (n == 0) {
            throw new IllegalArgumentException("vector: all zero");
        }
        float inv = (float) (1 / Math.sqrt(n));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    @Override
    public float[] vector() {
        return vector.clone();
    }

    public int dimension() {
        return vector.length;
    }

    /** Cosine similarity in [-1,1]. */
    public float cosine(Embedding o) {
        if (!model.equals(o.model) || vector.length != o.vector.length) {
            throw new IllegalArgumentException("other: embedding of " + o.model + " is not comparable with " + model);
        }
        return dot(vector, o.vector);
    }

    static float dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return (float) d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && model.equals(e.model) && Arrays.equals(vector, e.vector);
    }

    @Override
    public int hashCode() {
        return 31 * model.hashCode() + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
        return "Embedding{" + model + ", " + vector.length + "-d}"; // never the values: they are biometric data
    }
}
