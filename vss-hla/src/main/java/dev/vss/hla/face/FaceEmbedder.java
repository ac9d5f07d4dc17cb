// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.face;

import dev.vss.dl.DlException;
import dev.vss.dl.Tensor;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.ModelStep;
import dev.vss.hla.Point;
import dev.vss.hla.Stage;
import dev.vss.hla.Translator;
import dev.vss.models.CatalogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligns a face to face-reidentification-retail-0095's 5-point template (128x128) by a similarity transform and
 * embeds it (256-d, L2-normalised). Owns its stage; thread-safe.
 */
public final class FaceEmbedder extends ModelStep {
    /** Aligned crop side of face-reidentification-retail-0095. */
    public static final int SIZE = 128;
    /** OMZ reference landmarks of face-reidentification-retail-0095, in [0,1] of the aligned crop. */
    static final float[][] TEMPLATE = {{0.31556875f, 0.4615741f}, {0.6826229f, 0.4615741f},
        {0.5002625f, 0.6405054f}, {0.3494719f, 0.8246920f}, {0.6534365f, 0.8246920f}};
    private final Translator<Image, Embedding> translator = new Translator<>() {
        @Override
        public Tensor processInput(Image aligned) throws DlException {
            if (aligned.width() != SIZE || aligned.height() != SIZE) {
                throw new IllegalArgumentException("aligned: " + aligned.width() + "x" + aligned.height()
                        + ", expected " + SIZE + "x" + SIZE + " from align()");
            }
            return Images.toBlob(aligned, SIZE, SIZE, null, null, false);
        }

        @Override
        public Embedding processOutput(Image aligned, List<Tensor> outputs) {
            return new Embedding(outputs.get(0).toFloatArray(), modelId());
        }

        @Override
        public String badInput(Image aligned) {
            return "aligned face";
        }
    };

    /** @throws HlaException MODEL_UNAVAILABLE if the model cannot be loaded or does not take 128x128 images */
    public FaceEmbedder(ModelContext ctx, CatalogEntry entry) throws HlaException {
        // the IR as it is (f32 NCHW BGR 0-255), compiled from its file; the aligned face has the network's size
        super(checkSize(ctx.load(entry, null)));
    }

    private static Stage checkSize(Stage s) throws HlaException {
        int[] wh = s.imageInputSize();
        if (wh[0] != SIZE || wh[1] != SIZE) {
            s.close();
            throw new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, s.id() + ": expected a " + SIZE + "x" + SIZE
                    + " input for aligned faces, got " + wh[0] + "x" + wh[1]);
        }
        return s;
    }

    /** The template in pixels of the aligned crop. */
    static List<Point> template() {
        List<Point> t = new ArrayList<>(5);
        for (float[] p : TEMPLATE) {
            t.add(new Point(p[0] * SIZE, p[1] * SIZE));
        }
        return t;
    }

    /** The 128x128 aligned face. */
    public static Image align(Image image, Landmarks lm) throws HlaException {
        double[] m = Similarity.estimate(lm.points(), template());
        try {
            return Images.warpAffine(image, m, SIZE, SIZE);
        } catch (DlException e) {
            throw new HlaException(HlaErrorCode.BAD_IMAGE, "face alignment failed: " + e.getMessage(), e);
        }
    }

    /** Embedding of an aligned 128x128 face. */
    public Embedding embed(Image aligned) throws HlaException {
        return stage.predict(translator, aligned);
    }
}
