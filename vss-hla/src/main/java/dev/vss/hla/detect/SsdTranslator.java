// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.detect;

import dev.vss.dl.DlException;
import dev.vss.dl.Tensor;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.Translator;
import java.util.List;
import java.util.Objects;

/**
 * An Open Model Zoo SSD detector's input and output: the image resized (bilinear) to the network's static input and
 * converted to its f32 NCHW BGR 0-255 layout natively ({@link Images#toBlob}); output 0 decoded by an
 * {@link SsdDecoder}. Boxes come back normalised to [0,1], so the resize does not change how they map to the image.
 * Immutable, thread-safe.
 */
public record SsdTranslator(SsdDecoder decoder, int inputWidth, int inputHeight)
        implements Translator<Image, List<Detection>> {
    public SsdTranslator {
        Objects.requireNonNull(decoder, "decoder");
    }

    /** A translator for a network of {@code inputSize} = {width, height} (as {@code Stage.imageInputSize()}). */
    public SsdTranslator(SsdDecoder decoder, int[] inputSize) {
        this(decoder, inputSize[0], inputSize[1]);
    }

    @Override
    public Tensor processInput(Image image) throws DlException {
        return Images.toBlob(Objects.requireNonNull(image, "image"), inputWidth, inputHeight, null, null, false);
    }

    @Override
    public List<Detection> processOutput(Image image, List<Tensor> outputs) {
        return decoder.decode(outputs.get(0).toFloatArray(), image.width(), image.height());
    }
}
