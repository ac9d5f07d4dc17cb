// SPDX-License-Identifier: Apache-2.0
package dev.vss.models;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * How to build the input tensor of a model from an image.
 *
 * <p>Normalisation is {@code tensor[c] = (pixel[c] - mean[c]) / scale[c]} with {@code pixel} in 0..255 and channels
 * in {@link #colourOrder()} order. {@link #isRawPixels()} (mean 0, scale 1) means "feed the pixels as they are": the
 * OMZ IRs embed their own normalisation and want BGR 0..255, the quantised TFLite models want raw uint8 RGB.
 *
 * <p>Immutable: the arrays are copied on the way in and on the way out.
 *
 * @param name        input tensor name as stored in the model
 * @param shape       dims in {@link #layout()} order, {@code -1} for a dynamic dim; rank 4 with 3 channels
 * @param layout      {@code "NCHW"} or {@code "NHWC"}
 * @param colourOrder {@code "BGR"} or {@code "RGB"}
 * @param mean        3 per-channel means, in colour order
 * @param scale       3 per-channel divisors (&gt; 0), in colour order
 * @param elementType element type the model declares for this input: {@code "f32"}, {@code "f16"} or {@code "u8"}
 *                    (vss-dl's {@code ElementType} names in lower case)
 */
public record InputSpec(String name, long[] shape, String layout, String colourOrder, float[] mean, float[] scale,
        String elementType) {
    private static final Set<String> LAYOUTS = Set.of("NCHW", "NHWC");
    private static final Set<String> COLOURS = Set.of("BGR", "RGB");
    private static final Set<String> ELEMENT_TYPES = Set.of("f32", "f16", "u8", "i8", "i32", "i64");

    public InputSpec {
        requireText(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(scale, "scale");
        if (!LAYOUTS.contains(layout)) {
            throw new IllegalArgumentException("layout: expected one of NCHW, NHWC, got '" + layout + "'");
        }
        if (!COLOURS.contains(colourOrder)) {
            throw new IllegalArgumentException("colourOrder: expected BGR or RGB, got '" + colourOrder + "'");
        }
        if (!ELEMENT_TYPES.contains(elementType)) {
            throw new IllegalArgumentException("elementType: expected one of " + ELEMENT_TYPES.stream().sorted().toList()
                    + ", got '" + elementType + "'");
        }
        shape = shape.clone();
        mean = mean.clone();
        scale = scale.clone();
        OutputSpec.checkDims(shape, "shape");
        if (shape.length != 4) {
            throw new IllegalArgumentException("shape: expected rank 4, got " + Arrays.toString(shape));
        }
        // mean/scale are per colour channel, so the channel dim must be 3.
        long channels = layout.equals("NCHW") ? shape[1] : shape[3];
        if (channels != 3) {
            throw new IllegalArgumentException("shape: expected 3 channels in " + layout + ", got " + Arrays.toString(shape));
        }
        if (mean.length != 3 || scale.length != 3) {
            throw new IllegalArgumentException("mean, scale: expected 3 values each, got " + mean.length + " and "
                    + scale.length);
        }
        for (int c = 0; c < 3; c++) {
            if (!Float.isFinite(mean[c])) {
                throw new IllegalArgumentException("mean: must be finite, got " + Arrays.toString(mean));
            }
            if (!Float.isFinite(scale[c]) || scale[c] <= 0) {
                throw new IllegalArgumentException("scale: must be finite and > 0, got " + Arrays.toString(scale));
            }
        }
    }

    static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + ": must not be blank");
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] scale() {
        return scale.clone();
    }

    /** Input height in pixels, or -1 when dynamic. */
    public long height() {
        return layout.equals("NCHW") ? shape[2] : shape[1];
    }

    /** Input width in pixels, or -1 when dynamic. */
    public long width() {
        return layout.equals("NCHW") ? shape[3] : shape[2];
    }

    /** True when any dim is dynamic (-1). */
    public boolean isDynamic() {
        return Arrays.stream(shape).anyMatch(d -> d < 0);
    }

    /** True when mean is 0 and scale is 1 for every channel: feed pixel values unchanged. */
    public boolean isRawPixels() {
        for (int c = 0; c < 3; c++) {
            if (mean[c] != 0f || scale[c] != 1f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputSpec other && name.equals(other.name) && Arrays.equals(shape, other.shape)
                && layout.equals(other.layout) && colourOrder.equals(other.colourOrder)
                && Arrays.equals(mean, other.mean) && Arrays.equals(scale, other.scale)
                && elementType.equals(other.elementType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), layout, colourOrder, Arrays.hashCode(mean),
                Arrays.hashCode(scale), elementType);
    }

    @Override
    public String toString() {
        return "InputSpec[name=" + name + ", shape=" + Arrays.toString(shape) + ", layout=" + layout + ", colourOrder="
                + colourOrder + ", mean=" + Arrays.toString(mean) + ", scale=" + Arrays.toString(scale)
                + ", elementType=" + elementType + "]";
    }
}
