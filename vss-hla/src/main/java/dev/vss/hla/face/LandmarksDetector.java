// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.face;

import dev.vss.dl.DlException;
import dev.vss.dl.Tensor;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.Box;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.ModelStep;
import dev.vss.hla.Point;
import dev.vss.hla.Translator;
import dev.vss.models.CatalogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Five landmarks with landmarks-regression-retail-0009 on a square crop around the face (10% margin each side,
 * as the detector's boxes are tight). The crop is cut and scaled to the network's input size in one bilinear warp
 * (half-pixel centres, as a resize of the crop would sample), so the model has a static input shape. Owns its stage;
 * thread-safe.
 */
public final class LandmarksDetector extends ModelStep {
    /** Crop side over the larger box side. */
    static final float CROP_SCALE = 1.2f;
    private final int inputWidth;
    private final int inputHeight;
    private final Translator<Crop, Landmarks> translator = new Translator<>() {
        @Override
        public Tensor processInput(Crop c) throws DlException {
            // the square crop (s x s from (x, y)) scaled to the input: dst = (src - x + 0.5) * k - 0.5; warpAffine
            // pads outside the image with black, keeping the face centred
            double kx = (double) inputWidth / c.s();
            double ky = (double) inputHeight / c.s();
            Image crop = Images.warpAffine(c.image(), new double[] {kx, 0, (0.5 - c.x()) * kx - 0.5, 0, ky,
                (0.5 - c.y()) * ky - 0.5}, inputWidth, inputHeight);
            return Images.toBlob(crop, inputWidth, inputHeight, null, null, false);
        }

        @Override
        public Landmarks processOutput(Crop c, List<Tensor> outputs) throws HlaException {
            float[] v = outputs.get(0).toFloatArray();
            if (v.length != 10) {
                throw new HlaException(HlaErrorCode.INFERENCE_FAILED, modelId() + " returned " + v.length
                        + " values, not 10");
            }
            return decode(v, c.x(), c.y(), c.s());
        }

        @Override
        public String badInput(Crop c) {
            return "face crop failed";
        }
    };

    /** The square around a face: {@code s} x {@code s} pixels of {@code image} from ({@code x}, {@code y}). */
    private record Crop(Image image, int x, int y, int s) {
    }

    public LandmarksDetector(ModelContext ctx, CatalogEntry entry) throws HlaException {
        super(ctx.load(entry, null)); // the IR as it is: f32 NCHW BGR 0-255
        int[] wh = stage.imageInputSize();
        this.inputWidth = wh[0];
        this.inputHeight = wh[1];
    }

    public Landmarks detect(Image image, Box face) throws HlaException {
        float side = Math.max(face.w(), face.h()) * CROP_SCALE;
        return stage.predict(translator, new Crop(image, Math.round(face.cx() - side / 2),
                Math.round(face.cy() - side / 2), Math.max(1, Math.round(side))));
    }

    /** Model output (x,y pairs normalised to the crop) to image pixels. */
    static Landmarks decode(float[] v, float cropX, float cropY, float side) {
        List<Point> pts = new ArrayList<>(5);
        for (int i = 0; i < 5; i++) {
            pts.add(new Point(cropX + v[2 * i] * side, cropY + v[2 * i + 1] * side));
        }
        return new Landmarks(pts);
    }
}
