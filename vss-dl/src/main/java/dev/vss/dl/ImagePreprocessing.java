package dev.vss.dl;

/**
 * Pre-processing put in front of an image input so that the caller feeds the raw decoded image: a u8 tensor in
 * NHWC layout, BGR order (as decoded by {@code Images}), of any height and width when {@code resize} is true.
 * The model side gets what it was trained on: its element type, NCHW layout, its spatial size, its colour order,
 * and {@code (x - mean) / scale} per channel.
 *
 * @param inputIndex  which model input
 * @param resize      resize inside the model (linear) so that images of any size are accepted
 * @param modelRgb    the model expects RGB (the BGR input is converted); false for the OMZ models, which take BGR
 * @param mean        per-channel mean in the model's channel order, or null
 * @param scale       per-channel scale in the model's channel order, or null
 */
public record ImagePreprocessing(int inputIndex, boolean resize, boolean modelRgb, float[] mean, float[] scale) {
    public ImagePreprocessing {
        if (inputIndex < 0) {
            throw new IllegalArgumentException("inputIndex: " + inputIndex + " is negative");
        }
        mean = check("mean", mean);
        scale = check("scale", scale);
        if (scale != null) {
            for (float s : scale) {
                if (s == 0f) {
                    throw new IllegalArgumentException("scale: 0 would divide by zero");
                }
            }
        }
    }

    private static float[] check(String name, float[] v) {
        if (v == null) {
            return null;
        }
        if (v.length != 1 && v.length != 3) {
            throw new IllegalArgumentException(name + ": " + v.length + " values, expected 1 or 3");
        }
        return v.clone();
    }

    /** BGR 0-255 in, resized inside the model: what the Open Model Zoo IRs expect. */
    public static ImagePreprocessing bgr(int inputIndex) {
        return new ImagePreprocessing(inputIndex, true, false, null, null);
    }

    /**
     * BGR 0-255 in at the model's own size (the caller resizes): the input keeps a static shape, so the engine
     * prepares everything at compile time and no image size costs more than another.
     */
    public static ImagePreprocessing bgrStatic(int inputIndex) {
        return new ImagePreprocessing(inputIndex, false, false, null, null);
    }

    @Override
    public float[] mean() {
        return mean == null ? null : mean.clone();
    }

    @Override
    public float[] scale() {
        return scale == null ? null : scale.clone();
    }
}
