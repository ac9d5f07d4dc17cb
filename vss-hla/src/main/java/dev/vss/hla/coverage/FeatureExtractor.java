// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.coverage;

import dev.vss.dl.DlException;
import dev.vss.dl.ElementType;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Shape;
import dev.vss.dl.Tensor;
import dev.vss.dl.image.Image;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.ModelStep;
import dev.vss.hla.Stage;
import dev.vss.hla.Translator;
import dev.vss.models.CatalogEntry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The backbone plus the statistics: turns a frame into {@link CoverageFeatures.Raw}. Shared by the detector and the
 * trainer (module coverage-trainer, hence public) so both see exactly the same features. Owns its stage;
 * thread-safe.
 */
public final class FeatureExtractor extends ModelStep {
    /** The frame area-reduced to SIZE x SIZE (RGB floats) in, its statistics and class probabilities out. */
    private static final Translator<float[], CoverageFeatures.Raw> TRANSLATOR = new Translator<>() {
        @Override
        public Tensor processInput(float[] rgb) {
            // a fresh input tensor per call: the stage reads it in place while another thread may run too
            return CoverageFeatures.toInputTensor(rgb, CoverageFeatures.SIZE, CoverageFeatures.SIZE);
        }

        @Override
        public CoverageFeatures.Raw processOutput(float[] rgb, List<Tensor> outputs) {
            int s = CoverageFeatures.SIZE;
            return new CoverageFeatures.Raw(CoverageFeatures.stats(rgb, s, s),
                    CoverageFeatures.probabilities(outputs.get(0)));
        }
    };
    private final int classes;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FeatureExtractor(Stage stage, int classes) {
        super(stage);
        this.classes = classes;
    }

    /**
     * Loads the backbone {@code id} ({@code name/precision}) from the context's catalog and repository.
     *
     * @throws HlaException MODEL_UNAVAILABLE if it is unknown, cannot be loaded or does not take a u8
     *                      [1,128,128,3] input
     */
    public static FeatureExtractor load(ModelContext context, String id) throws HlaException {
        Objects.requireNonNull(context, "context");
        CatalogEntry entry = entry(context, id);
        Stage stage = context.load(entry, null);
        try {
            List<PortInfo> in = stage.compiled().inputs();
            List<PortInfo> out = stage.compiled().outputs();
            Shape want = Shape.of(1, CoverageFeatures.SIZE, CoverageFeatures.SIZE, 3);
            if (in.size() != 1 || in.get(0).type() != ElementType.U8 || !in.get(0).shape().equals(want)
                    || out.isEmpty()) {
                throw new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, entry.id() + ": a coverage backbone takes one"
                        + " u8 " + want + " RGB input and gives class scores; this one has inputs " + in
                        + ", outputs " + out);
            }
            return new FeatureExtractor(stage, (int) out.get(0).shape().elementCount());
        } catch (DlException e) {
            stage.close();
            throw new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, entry.id() + ": " + e.getMessage(), e);
        } catch (HlaException | RuntimeException e) {
            stage.close();
            throw e;
        }
    }

    private static CatalogEntry entry(ModelContext context, String id) throws HlaException {
        int slash = id == null ? -1 : id.lastIndexOf('/');
        if (slash <= 0) {
            throw new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, "coverage backbone '" + id
                    + "' is not name/precision");
        }
        return context.repository().catalog().find(id.substring(0, slash), id.substring(slash + 1))
                .orElseThrow(() -> new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, "coverage backbone '" + id
                        + "' is not in the model catalog"));
    }

    /** Statistics and class probabilities of one frame (BGR or gray, any size). */
    public CoverageFeatures.Raw extract(Image image) throws HlaException {
        Objects.requireNonNull(image, "image");
        if (closed.get()) {
            throw new IllegalStateException("coverage detector is closed");
        }
        int s = CoverageFeatures.SIZE;
        return stage.predict(TRANSLATOR, CoverageFeatures.areaResize(image, s, s));
    }

    /** Classes the backbone scores (1001 for MobileNet v1). */
    public int classes() {
        return classes;
    }

    /** Closes the stage. Idempotent; {@link #extract} after it throws {@link IllegalStateException}. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            super.close();
        }
    }
}
