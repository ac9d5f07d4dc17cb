package dev.vss.hla.face;

import dev.vss.dl.DlException;
import dev.vss.dl.Tensor;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.Stage;
import dev.vss.models.CatalogEntry;
import java.util.List;

/**
 * SSD face detector (face-detection-retail-0004/0005). The image is resized (bilinear) to the network's input size and
 * converted to the IR's f32 NCHW BGR input natively ({@link Images#toBlob}), so the model is compiled straight from
 * its file. A static input shape lets OpenVINO prepare every
 * kernel at compile time: no per-image shape inference and no first-inference cost for each new image size. Owns
 * its stage; thread-safe.
 */
public final class FaceDetector implements AutoCloseable {
    /**
     * Confidence below which a detection is not a face. OMZ demos use 0.6; on the shared images every real face
     * scores ≥ 0.97 and a cat's face 0.63, so 0.8 (docs/accuracy.md).
     */
    public static final float DEFAULT_MIN_SCORE = 0.8f;
    private final Stage stage;
    private final SsdDecoder decoder;
    private final int inputWidth;
    private final int inputHeight;

    public FaceDetector(ModelContext ctx, CatalogEntry entry, float minScore) throws HlaException {
        this.decoder = new SsdDecoder(minScore, -1, 0.4f);
        this.stage = ctx.load(entry, null); // the IR as it is, compiled from its file: f32 NCHW BGR 0-255
        int[] wh = stage.imageInputSize();
        this.inputWidth = wh[0];
        this.inputHeight = wh[1];
    }

    public String modelId() {
        return stage.id();
    }

    public List<Detection> detect(Image image) throws HlaException {
        Tensor in;
        try {
            in = Images.toBlob(image, inputWidth, inputHeight, null, null, false);
        } catch (DlException e) {
            throw new HlaException(HlaErrorCode.BAD_IMAGE, "cannot resize " + image + ": " + e.getMessage(), e);
        }
        // boxes come back normalised to [0,1], so the resize does not change how they map to the image
        float[] out = stage.run(in).get(0).toFloatArray();
        return decoder.decode(out, image.width(), image.height());
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
