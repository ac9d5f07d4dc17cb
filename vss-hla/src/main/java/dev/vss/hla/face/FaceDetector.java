package dev.vss.hla.face;

import dev.vss.dl.ImagePreprocessing;
import dev.vss.dl.image.Image;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.Stage;
import dev.vss.models.CatalogEntry;
import java.util.List;

/**
 * SSD face detector (face-detection-retail-0004/0005). Feeds the whole image as u8 BGR; the model resizes it
 * inside. Owns its stage; thread-safe.
 */
public final class FaceDetector implements AutoCloseable {
    /**
     * Confidence below which a detection is not a face. OMZ demos use 0.6; on the shared images every real face
     * scores ≥ 0.97 and a cat's face 0.63, so 0.8 (docs/accuracy.md).
     */
    public static final float DEFAULT_MIN_SCORE = 0.8f;
    private final Stage stage;
    private final SsdDecoder decoder;

    public FaceDetector(ModelContext ctx, CatalogEntry entry, float minScore) throws HlaException {
        this.decoder = new SsdDecoder(minScore, -1, 0.4f);
        this.stage = ctx.load(entry, ImagePreprocessing.bgr(0));
    }

    public String modelId() {
        return stage.id();
    }

    public List<Detection> detect(Image image) throws HlaException {
        float[] out = stage.run(image.toTensor()).get(0).toFloatArray();
        return decoder.decode(out, image.width(), image.height());
    }

    @Override
    public void close() {
        stage.close();
    }
}
