// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.pose;

import dev.vss.dl.DlException;
import dev.vss.dl.Shape;
import dev.vss.dl.Tensor;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.Translator;
import dev.vss.dl.image.Image;
import java.util.List;

/**
 * An OpenPose network's input and output: the image letterboxed into the input ({@link PoseEstimator#toInput}),
 * heatmaps and PAFs decoded by an {@link OpenPoseDecoder} back into the image's pixels. Immutable, thread-safe.
 *
 * @param modelId names the model in INFERENCE_FAILED messages
 */
record PoseTranslator(OpenPoseDecoder decoder, String modelId)
        implements Translator<PoseTranslator.Framed, List<Pose>> {
    /** An image and where it goes in the network input. */
    record Framed(Image image, Letterbox lb) {
    }

    @Override
    public Tensor processInput(Framed f) throws DlException {
        return PoseEstimator.toInput(f.image(), f.lb());
    }

    @Override
    public List<Pose> processOutput(Framed f, List<Tensor> out) throws HlaException {
        Tensor heat = null;
        Tensor pafs = null;
        for (Tensor t : out) {
            long c = PoseEstimator.channels(t.shape());
            if (c == OpenPoseDecoder.KEYPOINTS + 1) {
                heat = t;
            } else if (c == OpenPoseDecoder.PAF_CHANNELS) {
                pafs = t;
            }
        }
        if (heat == null || pafs == null || !sameMap(heat.shape(), pafs.shape())) {
            throw new HlaException(HlaErrorCode.INFERENCE_FAILED, modelId + ": unexpected outputs " + out);
        }
        int h = Math.toIntExact(heat.shape().dim(2));
        int w = Math.toIntExact(heat.shape().dim(3));
        return decoder.decode(new OpenPoseDecoder.Input(heat.toFloatArray(), pafs.toFloatArray(), h, w, f.lb()));
    }

    @Override
    public String badInput(Framed f) {
        return "cannot resize " + f.image();
    }

    private static boolean sameMap(Shape a, Shape b) {
        return a.dim(2) == b.dim(2) && a.dim(3) == b.dim(3);
    }
}
