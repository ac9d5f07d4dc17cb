package dev.vss.hla.face;

import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.Box;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.Point;
import dev.vss.hla.Stage;
import dev.vss.models.CatalogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Five landmarks with landmarks-regression-retail-0009 on a square crop around the face (10% margin each side,
 * as the detector's boxes are tight). The crop is cut and scaled to the network's input size in one bilinear warp
 * (half-pixel centres, as a resize of the crop would sample), so the model has a static input shape. Owns its stage;
 * thread-safe.
 */
public final class LandmarksDetector implements AutoCloseable {
    /** Crop side over the larger box side. */
    static final float CROP_SCALE = 1.2f;
    private final Stage stage;
    private final int inputWidth;
    private final int inputHeight;

    public LandmarksDetector(ModelContext ctx, CatalogEntry entry) throws HlaException {
        this.stage = ctx.load(entry, null); // the IR as it is: f32 NCHW BGR 0-255
        int[] wh = stage.imageInputSize();
        this.inputWidth = wh[0];
        this.inputHeight = wh[1];
    }

    public String modelId() {
        return stage.id();
    }

    public Landmarks detect(Image image, Box face) throws HlaException {
        float side = Math.max(face.w(), face.h()) * CROP_SCALE;
        int x = Math.round(face.cx() - side / 2);
        int y = Math.round(face.cy() - side / 2);
        int s = Math.max(1, Math.round(side));
        // the square crop (s x s from (x, y)) scaled to the input: dst = (src - x + 0.5) * k - 0.5; warpAffine pads
        // outside the image with black, keeping the face centred
        double kx = (double) inputWidth / s;
        double ky = (double) inputHeight / s;
        Image crop;
        try {
            crop = Images.warpAffine(image, new double[] {kx, 0, (0.5 - x) * kx - 0.5, 0, ky, (0.5 - y) * ky - 0.5},
                    inputWidth, inputHeight);
        } catch (dev.vss.dl.DlException e) {
            throw new HlaException(HlaErrorCode.BAD_IMAGE, "face crop failed: " + e.getMessage(), e);
        }
        float[] v;
        try {
            v = stage.run(Images.toBlob(crop, inputWidth, inputHeight, null, null, false)).get(0).toFloatArray();
        } catch (dev.vss.dl.DlException e) {
            throw new HlaException(HlaErrorCode.BAD_IMAGE, "face crop failed: " + e.getMessage(), e);
        }
        if (v.length != 10) {
            throw new HlaException(HlaErrorCode.INFERENCE_FAILED, modelId() + " returned " + v.length + " values, not 10");
        }
        return decode(v, x, y, s);
    }

    /** Model output (x,y pairs normalised to the crop) to image pixels. */
    static Landmarks decode(float[] v, float cropX, float cropY, float side) {
        List<Point> pts = new ArrayList<>(5);
        for (int i = 0; i < 5; i++) {
            pts.add(new Point(cropX + v[2 * i] * side, cropY + v[2 * i + 1] * side));
        }
        return new Landmarks(pts);
    }

    /** Inferences of this stage's model so far (see {@link Stage#inferences()}). */
    public long inferences() {
        return stage.inferences();
    }

    /** Runs the model once on zeros (first-inference costs paid at init, see {@link Stage#warmUp()}). */
    public void warmUp() throws HlaException {
        stage.warmUp();
    }

    @Override
    public void close() {
        stage.close();
    }
}
