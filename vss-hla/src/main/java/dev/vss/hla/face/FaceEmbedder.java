package dev.vss.hla.face;

import dev.vss.dl.DlException;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.Point;
import dev.vss.hla.Stage;
import dev.vss.models.CatalogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligns a face to face-reidentification-retail-0095's 5-point template (128x128) by a similarity transform and
 * embeds it (256-d, L2-normalised). Owns its stage; thread-safe.
 */
public final class FaceEmbedder implements AutoCloseable {
    /** Aligned crop side of face-reidentification-retail-0095. */
    public static final int SIZE = 128;
    /** OMZ reference landmarks of face-reidentification-retail-0095, in [0,1] of the aligned crop. */
    static final float[][] TEMPLATE = {{0.31556875f, 0.4615741f}, {0.6826229f, 0.4615741f},
        {0.5002625f, 0.6405054f}, {0.3494719f, 0.8246920f}, {0.6534365f, 0.8246920f}};
    private final Stage stage;

    /** @throws HlaException MODEL_UNAVAILABLE if the model cannot be loaded or does not take 128x128 images */
    public FaceEmbedder(ModelContext ctx, CatalogEntry entry) throws HlaException {
        // the IR as it is (f32 NCHW BGR 0-255), compiled from its file; the aligned face has the network's size
        Stage s = ctx.load(entry, null);
        int[] wh = s.imageInputSize();
        if (wh[0] != SIZE || wh[1] != SIZE) {
            s.close();
            throw new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, entry.id() + ": expected a " + SIZE + "x" + SIZE
                    + " input for aligned faces, got " + wh[0] + "x" + wh[1]);
        }
        this.stage = s;
    }

    public String modelId() {
        return stage.id();
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
        if (aligned.width() != SIZE || aligned.height() != SIZE) {
            throw new IllegalArgumentException("aligned: " + aligned.width() + "x" + aligned.height() + ", expected "
                    + SIZE + "x" + SIZE + " from align()");
        }
        try {
            return new Embedding(stage.run(Images.toBlob(aligned, SIZE, SIZE, null, null, false)).get(0)
                    .toFloatArray(), stage.id());
        } catch (DlException e) {
            throw new HlaException(HlaErrorCode.BAD_IMAGE, "aligned face: " + e.getMessage(), e);
        }
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
