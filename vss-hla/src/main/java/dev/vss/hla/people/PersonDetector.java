// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.people;

import dev.vss.dl.image.Images;
import dev.vss.dl.image.Image;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.Stage;
import dev.vss.hla.face.Detection;
import dev.vss.hla.face.SsdDecoder;
import dev.vss.models.CatalogEntry;
import dev.vss.models.Task;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An SSD person detector of Open Model Zoo ({@code person-detection-retail-0013}: 544x320 input, label 1 = person;
 * {@code person-detection-0200}: 256x256, label 0 = person). The whole image is fed as u8 BGR and resized inside the
 * model. Boxes come back in image pixels, best first, after an extra NMS at IoU {@value #NMS_IOU}.
 *
 * <p>Owns its {@link Stage}; {@link #close()} is idempotent. Thread-safe (the stage pools its requests).
 */
public final class PersonDetector implements AutoCloseable {
    /** Overlap above which two person boxes are one person (the model's own NMS leaves a few duplicates). */
    public static final float NMS_IOU = 0.5f;
    /** The person class of each supported model. */
    private static final Map<String, Integer> PERSON_LABEL = Map.of("person-detection-retail-0013", 1,
            "person-detection-0200", 0);

    private final Stage stage;
    private final SsdDecoder decoder;
    private final int inputWidth;
    private final int inputHeight;

    /**
     * @param entry    a {@link Task#PERSON_DETECTION} model of {@link #supported()}
     * @param minScore detections below this confidence are dropped, in [0, 1]
     * @throws HlaException MODEL_UNAVAILABLE if the model cannot be loaded
     */
    public PersonDetector(ModelContext context, CatalogEntry entry, float minScore) throws HlaException {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(entry, "entry");
        Integer label = PERSON_LABEL.get(entry.name());
        if (entry.task() != Task.PERSON_DETECTION || label == null) {
            throw new IllegalArgumentException("entry: " + entry.id() + " is not a supported person detector; "
                    + "supported: " + supported());
        }
        this.decoder = new SsdDecoder(minScore, label, NMS_IOU);
        // the IR as it is (f32 NCHW BGR 0-255, static size), compiled from its file; the image is resized to it
        this.stage = context.load(entry, null);
        int[] wh = stage.imageInputSize();
        this.inputWidth = wh[0];
        this.inputHeight = wh[1];
    }

    /** Names of the models this class can decode. */
    public static List<String> supported() {
        return PERSON_LABEL.keySet().stream().sorted().toList();
    }

    /** "name/precision" of the model. */
    public String modelId() {
        return stage.id();
    }

    /** Every person box at or above the minimum score, best first, in image pixels. */
    public List<Detection> detect(Image image) throws HlaException {
        Objects.requireNonNull(image, "image");
        float[] out;
        try {
            // boxes come back normalised to [0,1]: the resize does not change how they map to the image
            out = stage.run(Images.toBlob(image, inputWidth, inputHeight, null, null, false)).get(0).toFloatArray();
        } catch (dev.vss.dl.DlException e) {
            throw new HlaException(dev.vss.hla.HlaErrorCode.BAD_IMAGE, "cannot resize " + image + ": "
                    + e.getMessage(), e);
        }
        return decoder.decode(out, image.width(), image.height());
    }

    /** Inferences of this detector's model so far (see {@link Stage#inferences()}). */
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
