// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.coverage;

import dev.vss.dl.image.Image;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.ModelStep;
import dev.vss.hla.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Tells whether a camera is covered or blinded (hand, sticker, paint, wall, heavy defocus, near-black, saturated)
 * from one frame: the frame is area-reduced to 128 × 128, run through the MobileNet v1 backbone named by the head
 * (the catalog's default classification model), and the backbone's class probabilities plus image statistics are
 * scored by a {@link CoverageHead}.
 *
 * <pre>{@code
 * try (CoverageDetector cm = new CoverageDetector(context)) {      // shipped head
 *     CoverageReport r = cm.detect(Images.read(Path.of("cam1.jpg")));
 *     if (r.covered()) { ... skip pose and faces ... }
 * }
 * }</pre>
 *
 * <p>Thread-safe: {@link #detect} may be called from many threads (the backbone stage pools its requests).
 * Owns its backbone stage; {@link #close()} is idempotent and {@link #detect} after it throws
 * {@link IllegalStateException}.
 */
public final class CoverageDetector extends ModelStep {
    private final FeatureExtractor extractor;
    private final CoverageHead head;
    private final int[] sources;

    /**
     * A detector with the shipped head ({@link CoverageHead#loadDefault()}).
     *
     * @throws HlaException MODEL_UNAVAILABLE if the backbone cannot be loaded
     */
    public CoverageDetector(ModelContext context) throws HlaException {
        this(context, CoverageHead.loadDefault());
    }

    /**
     * A detector with the head read from {@code headFile} (a file written by the coverage trainer).
     *
     * @throws HlaException MODEL_UNAVAILABLE if the file cannot be read or parsed, or the backbone cannot be loaded
     */
    public CoverageDetector(ModelContext context, Path headFile) throws HlaException {
        this(context, readHead(headFile));
    }

    /**
     * A detector with the given head; loads (verifies and compiles) the head's backbone from the context.
     *
     * @throws HlaException MODEL_UNAVAILABLE if the backbone is not in the catalog, cannot be loaded, does not take a
     *                      u8 [1,128,128,3] input, or its class count does not fit the head's features
     */
    public CoverageDetector(ModelContext context, CoverageHead head) throws HlaException {
        this(Objects.requireNonNull(head, "head"), FeatureExtractor.load(context, head.backbone()));
    }

    private CoverageDetector(CoverageHead head, FeatureExtractor extractor) throws HlaException {
        super(extractor);
        this.head = head;
        this.extractor = extractor;
        try {
            this.sources = CoverageFeatures.resolve(head.features(), extractor.classes());
        } catch (IllegalArgumentException e) {
            extractor.close();
            throw new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, extractor.modelId()
                    + ": the coverage head does not fit: " + e.getMessage(), e);
        }
    }

    private static CoverageHead readHead(Path headFile) throws HlaException {
        Objects.requireNonNull(headFile, "headFile");
        try {
            return CoverageHead.load(headFile);
        } catch (IOException | IllegalArgumentException e) {
            throw new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, "coverage head " + headFile + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Scores one frame (BGR or gray, any size).
     *
     * @throws HlaException INFERENCE_FAILED if the backbone fails
     * @throws IllegalStateException after {@link #close()}
     */
    public CoverageReport detect(Image image) throws HlaException {
        double[] x = CoverageFeatures.select(sources, extractor.extract(image));
        double p = head.score(x);
        boolean covered = p >= head.threshold();
        double[] c = head.contributions(x);
        int best = 0;
        for (int i = 1; i < c.length; i++) {
            // The strongest push toward the verdict: most positive when covered, most negative when clear.
            if (covered ? c[i] > c[best] : c[i] < c[best]) {
                best = i;
            }
        }
        return new CoverageReport(covered, (float) p, head.features().get(best));
    }

    /** The head in use. */
    public CoverageHead head() {
        return head;
    }

    /**
     * Runs the Java side of {@link #detect} (area reduction of {@code frame}, the statistics, the class-probability
     * summaries) without the backbone, so that its code is compiled before the first request. Stateless.
     */
    public static void warmUpCode(Image frame) {
        int s = CoverageFeatures.SIZE;
        float[] rgb = CoverageFeatures.areaResize(frame, s, s);
        float[] p = new float[1001];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i * 37 % 101) / 101f;
        }
        for (int r = 0; r < Stage.CODE_WARM_UP_PASSES; r++) {
            CoverageFeatures.toInputTensor(rgb, s, s);
            CoverageFeatures.stats(rgb, s, s);
            CoverageFeatures.cnnSummary(CoverageFeatures.probabilities(dev.vss.dl.Tensor.of(p, 1, p.length)));
        }
    }

    /** Closes the backbone stage. Idempotent; {@link #detect} after it throws {@link IllegalStateException}. */
    @Override
    public void close() {
        extractor.close();
    }
}
