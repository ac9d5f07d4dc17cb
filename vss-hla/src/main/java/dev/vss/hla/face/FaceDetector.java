// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.face;

import dev.vss.dl.image.Image;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.ModelStep;
import dev.vss.hla.Stage;
import dev.vss.hla.detect.Detection;
import dev.vss.hla.detect.SsdDecoder;
import dev.vss.hla.detect.SsdTranslator;
import dev.vss.models.CatalogEntry;
import java.util.List;

/**
 * SSD face detector (face-detection-retail-0004/0005), compiled straight from its file; the image is resized to the
 * network's input by an {@link SsdTranslator}. A static input shape lets OpenVINO prepare every kernel at compile
 * time: no per-image shape inference and no first-inference cost for each new image size. Owns its stage;
 * thread-safe.
 */
public final class FaceDetector extends ModelStep {
    /**
     * Confidence below which a detection is not a face. OMZ demos use 0.6; on the shared images every real face
     * scores ≥ 0.97 and a cat's face 0.63, so 0.8 (docs/accuracy.md).
     */
    public static final float DEFAULT_MIN_SCORE = 0.8f;
    private final SsdTranslator translator;

    public FaceDetector(ModelContext ctx, CatalogEntry entry, float minScore) throws HlaException {
        // the decoder first: a bad score fails before anything is loaded; the IR as it is (f32 NCHW BGR 0-255)
        this(new SsdDecoder(minScore, -1, 0.4f), ctx.load(entry, null));
    }

    private FaceDetector(SsdDecoder decoder, Stage stage) throws HlaException {
        super(stage);
        this.translator = new SsdTranslator(decoder, stage.imageInputSize());
    }

    public List<Detection> detect(Image image) throws HlaException {
        return stage.predict(translator, image);
    }
}
