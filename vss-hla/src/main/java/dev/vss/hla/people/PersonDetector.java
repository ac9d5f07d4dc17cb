// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.people;

import dev.vss.dl.image.Image;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.ModelStep;
import dev.vss.hla.Stage;
import dev.vss.hla.detect.Detection;
import dev.vss.hla.detect.SsdDecoder;
import dev.vss.hla.detect.SsdTranslator;
import dev.vss.models.CatalogEntry;
import dev.vss.models.Task;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An SSD person detector of Open Model Zoo ({@code person-detection-retail-0013}: 544x320 input, label 1 = person;
 * {@code person-detection-0200}: 256x256, label 0 = person). The image is resized to the network's input by an
 * {@link SsdTranslator}. Boxes come back in image pixels, best first, after an extra NMS at IoU {@value #NMS_IOU}.
 *
 * <p>Owns its {@link Stage}; {@link #close()} is idempotent. Thread-safe (the stage pools its requests).
 */
public final class PersonDetector extends ModelStep {
    /** Overlap above which two person boxes are one person (the model's own NMS leaves a few duplicates). */
    public static final float NMS_IOU = 0.5f;
    /** The person class of each supported model. */
    private static final Map<String, Integer> PERSON_LABEL = Map.of("person-detection-retail-0013", 1,
            "person-detection-0200", 0);

    private final SsdTranslator translator;

    /**
     * @param entry    a {@link Task#PERSON_DETECTION} model of {@link #supported()}
     * @param minScore detections below this confidence are dropped, in [0, 1]
     * @throws HlaException MODEL_UNAVAILABLE if the model cannot be loaded
     */
    public PersonDetector(ModelContext context, CatalogEntry entry, float minScore) throws HlaException {
        // the entry and the decoder first, so that bad arguments fail before anything is loaded; then the IR as it
        // is (f32 NCHW BGR 0-255, static size), compiled from its file
        this(new SsdDecoder(minScore, PERSON_LABEL.get(check(context, entry).name()), NMS_IOU),
                context.load(entry, null));
    }

    private PersonDetector(SsdDecoder decoder, Stage stage) throws HlaException {
        super(stage);
        this.translator = new SsdTranslator(decoder, stage.imageInputSize());
    }

    /** The entry, if it is a supported person detector (checked before anything is loaded). */
    private static CatalogEntry check(ModelContext context, CatalogEntry entry) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(entry, "entry");
        if (entry.task() != Task.PERSON_DETECTION || !PERSON_LABEL.containsKey(entry.name())) {
            throw new IllegalArgumentException("entry: " + entry.id() + " is not a supported person detector; "
                    + "supported: " + supported());
        }
        return entry;
    }

    /** Names of the models this class can decode. */
    public static List<String> supported() {
        return PERSON_LABEL.keySet().stream().sorted().toList();
    }

    /** Every person box at or above the minimum score, best first, in image pixels. */
    public List<Detection> detect(Image image) throws HlaException {
        return stage.predict(translator, Objects.requireNonNull(image, "image"));
    }
}
