// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.pose;

import dev.vss.dl.DlException;
import dev.vss.dl.ElementType;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Shape;
import dev.vss.dl.Tensor;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.ModelStep;
import dev.vss.hla.Stage;
import dev.vss.models.CatalogEntry;
import dev.vss.models.Task;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Multi-person body pose (the paper's BP) with an OpenPose network ({@code human-pose-estimation-0001} by default):
 * letterboxes the image into the network input, runs it, and decodes heatmaps and PAFs with an
 * {@link OpenPoseDecoder}.
 *
 * <pre>{@code
 * try (PoseEstimator bp = new PoseEstimator(context, catalog.defaultFor(Task.BODY_POSE))) {
 *     for (Pose p : bp.estimate(Images.read(Path.of("cam1.jpg")))) {
 *         System.out.println(p.score() + " " + p.box() + " " + p.keypointCount() + " keypoints");
 *     }
 * }
 * }</pre>
 *
 * <p>Images of any size and aspect ratio are accepted: the image is scaled, keeping its aspect ratio, to the
 * network's height (or to its width if the image is relatively wider) and padded right or bottom with grey 128, which
 * the network's built-in normalisation maps to zero, as Open Model Zoo's C++ demo does. Keypoints come back in the
 * original image's pixels.
 *
 * <p>Owns its {@link Stage} (compiled model and infer requests); {@link #close()} releases them and is idempotent;
 * use after close throws {@link IllegalStateException}. Thread-safe: concurrent {@link #estimate} calls each borrow
 * an infer request from the stage's pool.
 */
public final class PoseEstimator extends ModelStep {
    /** Padding value in 0-255: the IR computes (x - 128) / 255 first, so grey 128 pads with zeros. */
    public static final int PAD_VALUE = 128;

    private final OpenPoseDecoder decoder;
    private final PoseTranslator translator;
    private final int inputWidth;
    private final int inputHeight;

    /** The catalog's default {@link Task#BODY_POSE} model with the default decoder. */
    public static PoseEstimator create(ModelContext context) throws HlaException {
        Objects.requireNonNull(context, "context");
        return new PoseEstimator(context, context.repository().catalog().defaultFor(Task.BODY_POSE));
    }

    /** The given OpenPose model (two outputs: 38 PAF and 19 heatmap channels) with the default decoder. */
    public PoseEstimator(ModelContext context, CatalogEntry entry) throws HlaException {
        this(context, entry, OpenPoseDecoder.defaults());
    }

    /**
     * Loads and compiles {@code entry} as it is, straight from its file (f32 NCHW BGR 0-255 input at the network's own
     * size: the letterbox and the conversion are done before the model); the estimator owns the compiled model.
     *
     * @throws HlaException MODEL_UNAVAILABLE if the model cannot be loaded or is not an OpenPose network
     */
    public PoseEstimator(ModelContext context, CatalogEntry entry, OpenPoseDecoder decoder) throws HlaException {
        this(context, entry, decoder, 0, 0);
    }

    /**
     * As {@link #PoseEstimator(ModelContext, CatalogEntry, OpenPoseDecoder)}, with the network reshaped to a
     * {@code width} x {@code height} input (multiples of 8, the network's stride; the network is fully
     * convolutional), or at its own size when both are 0. A larger input sees small people at more pixels; a
     * portrait input suits one person's crop.
     */
    public PoseEstimator(ModelContext context, CatalogEntry entry, OpenPoseDecoder decoder, int width, int height)
            throws HlaException {
        // arguments first, so that bad ones fail before anything is loaded; no pre-processing in the model: it keeps
        // its (static) input and, at its own size, compiles from its file
        this(Objects.requireNonNull(decoder, "decoder"), checked(context, entry, width, height)
                .load(entry, null, width == 0 ? null : Shape.of(1, 3, height, width)));
    }

    private PoseEstimator(OpenPoseDecoder decoder, Stage s) throws HlaException {
        super(s);
        this.decoder = decoder;
        try {
            Shape in = checkPorts(s);
            this.inputWidth = Math.toIntExact(in.dim(3));
            this.inputHeight = Math.toIntExact(in.dim(2));
        } catch (HlaException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.translator = new PoseTranslator(decoder, s.id());
    }

    /** The context, if the arguments are valid. */
    private static ModelContext checked(ModelContext context, CatalogEntry entry, int width, int height) {
        Objects.requireNonNull(context, "context");
        if (width != 0 || height != 0) {
            if (width < 32 || height < 32 || width % 8 != 0 || height % 8 != 0 || width > 4096 || height > 4096) {
                throw new IllegalArgumentException("size: " + width + "x" + height + " is not two multiples of 8 in "
                        + "[32, 4096] (or 0x0 for the network's own size)");
            }
        }
        Objects.requireNonNull(entry, "entry");
        if (entry.task() != Task.BODY_POSE) {
            throw new IllegalArgumentException("entry: " + entry.id() + " is a " + entry.task() + " model, not "
                    + Task.BODY_POSE);
        }
        return context;
    }

    /** The input shape of an OpenPose network: one f32 NCHW image input, heatmap and PAF outputs. */
    private static Shape checkPorts(Stage s) throws HlaException {
        String id = s.id();
        try {
            List<PortInfo> inputs = s.compiled().inputs();
            Shape in = inputs.get(0).shape();
            if (inputs.size() != 1 || in.rank() != 4 || in.isDynamic() || in.dim(1) != 3
                    || inputs.get(0).type() != ElementType.F32) {
                throw new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, id + ": expected one f32 NCHW image "
                        + "input of static size, got " + inputs);
            }
            List<PortInfo> outputs = s.compiled().outputs();
            boolean heat = outputs.stream().anyMatch(p -> channels(p.shape()) == OpenPoseDecoder.KEYPOINTS + 1);
            boolean paf = outputs.stream().anyMatch(p -> channels(p.shape()) == OpenPoseDecoder.PAF_CHANNELS);
            if (outputs.size() != 2 || !heat || !paf) {
                throw new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, id + ": not an OpenPose network "
                        + "(expected outputs of 19 heatmap and 38 PAF channels), got " + outputs);
            }
            return in;
        } catch (DlException e) {
            throw new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, id + ": " + e.getMessage(), e);
        }
    }

    static long channels(Shape s) {
        return s.rank() == 4 ? s.dim(1) : -1;
    }

    /** Network input width (456 for human-pose-estimation-0001). */
    public int inputWidth() {
        return inputWidth;
    }

    /** Network input height (256 for human-pose-estimation-0001). */
    public int inputHeight() {
        return inputHeight;
    }

    public OpenPoseDecoder decoder() {
        return decoder;
    }

    /** Every person in the image, by descending score; keypoints in the image's pixels. */
    public List<Pose> estimate(Image image) throws HlaException {
        return analyze(image).poses();
    }

    /** {@link #estimate} with the time of each step. */
    public PoseEstimate analyze(Image image) throws HlaException {
        Objects.requireNonNull(image, "image");
        long[] nanos = new long[3];
        List<Pose> poses = stage.predict(translator, new PoseTranslator.Framed(image,
                Letterbox.fit(image.width(), image.height(), inputWidth, inputHeight)), nanos);
        return new PoseEstimate(poses, nanos[0], nanos[1], nanos[2]);
    }

    /**
     * The network input: the image scaled into the content area of a PAD_VALUE-filled frame of the letterbox's size,
     * as an f32 NCHW tensor [1, 3, h, w] of BGR 0-255 values.
     */
    static Tensor toInput(Image image, Letterbox lb) throws DlException {
        if (image.width() != lb.imageWidth() || image.height() != lb.imageHeight()) {
            throw new IllegalArgumentException("lb: made for a " + lb.imageWidth() + "x" + lb.imageHeight()
                    + " image, got " + image);
        }
        int inputWidth = lb.inputWidth();
        int inputHeight = lb.inputHeight();
        Image scaled = image.width() == lb.contentWidth() && image.height() == lb.contentHeight() ? image
                : Images.resize(image, lb.contentWidth(), lb.contentHeight());
        Image framed = Image.allocate(inputWidth, inputHeight, 3);
        ByteBuffer dst = framed.data();
        int rowBytes = inputWidth * 3;
        byte[] padRow = new byte[rowBytes];
        Arrays.fill(padRow, (byte) PAD_VALUE);
        for (int y = 0; y < inputHeight; y++) {
            dst.put(y * rowBytes, padRow);
        }
        ByteBuffer src = scaled.data();
        int cw = lb.contentWidth();
        for (int y = 0; y < lb.contentHeight(); y++) {
            int to = (lb.contentY() + y) * rowBytes + lb.contentX() * 3;
            if (scaled.channels() == 3) {
                dst.put(to, src, y * cw * 3, cw * 3);
            } else {
                for (int x = 0; x < cw; x++) {
                    byte g = src.get(y * cw + x);
                    dst.put(to + 3 * x, g).put(to + 3 * x + 1, g).put(to + 3 * x + 2, g);
                }
            }
        }
        return Images.toBlob(framed, inputWidth, inputHeight, null, null, false);
    }

    /**
     * Runs the Java side of {@link #analyze} without the network: the letterbox of {@code frame} into a 456x256 input
     * and the decoder on synthetic maps holding two stick figures (peaks, limb scoring, assembly, filtering), so that
     * this code is compiled before the first request. Stateless.
     */
    public static void warmUpCode(Image frame) throws HlaException {
        Letterbox lb = Letterbox.fit(frame.width(), frame.height(), 456, 256);
        Stage.input(new PoseTranslator(OpenPoseDecoder.defaults(), "warm-up"), new PoseTranslator.Framed(frame, lb));
        for (int r = 0; r < Stage.CODE_WARM_UP_PASSES; r++) {
            OpenPoseDecoder.defaults().decode(OpenPoseDecoder.syntheticInput(lb));
        }
    }
}
