// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;

/**
 * Coverage-guided fuzzing (Jazzer) of the image checks that run before native decoding: {@link ImageHeaders} and the
 * JPEG/PNG integrity walks. Properties: the checks throw nothing but IMAGE_DECODE_FAILED with a short message and no
 * file bytes; whatever they accept, OpenCV decodes to an image of the size they read (never an empty result, never a
 * JVM crash). Without {@code JAZZER_FUZZ} this replays the committed seeds in
 * {@code src/test/resources/dev/vss/dl/image/ImageChecksFuzzTestInputs/} (regression mode); see docs/reliability.md
 * for the fuzzing runs.
 */
class ImageChecksFuzzTest {
    private static final long MAX_PIXELS = 1_000_000; // keeps each native decode small and fast

    // libFuzzer dictionary syntax: \\xNN is one byte
    @DictionaryEntries({"\\xFF\\xD8\\xFF", "\\xFF\\xC0", "\\xFF\\xC2", "\\xFF\\xC4", "\\xFF\\xDA", "\\xFF\\xDD", "\\xFF\\xD9",
        "\\xFF\\xD0", "\\xFF\\x00", "\\x89PNG\\x0D\\x0A\\x1A\\x0A", "IHDR", "IDAT", "IEND", "PLTE", "BM"})
    @FuzzTest(maxDuration = "30s")
    void checkedBytesDecodeOrFailCleanly(byte[] data) {
        String info;
        try {
            info = Images.check(data, "fuzz.jpg", MAX_PIXELS);
        } catch (DlException e) {
            assertThat(e.code()).isEqualTo(DlErrorCode.IMAGE_DECODE_FAILED);
            assertThat(e.getMessage()).startsWith("IMAGE_DECODE_FAILED: cannot decode fuzz.jpg: ").hasSizeLessThan(400);
            return;
        }
        String[] wh = info.substring(info.indexOf(' ') + 1).split("x");
        try {
            Image img = Images.decode(data, "fuzz.jpg", MAX_PIXELS);
            boolean rotated = img.width() == Integer.parseInt(wh[1]) && img.height() == Integer.parseInt(wh[0]);
            boolean same = img.width() == Integer.parseInt(wh[0]) && img.height() == Integer.parseInt(wh[1]);
            assertThat(same || rotated).as(info + " decoded as " + img).isTrue();
        } catch (DlException e) {
            // OpenCV may still refuse (e.g. a BMP variant it lacks): refused cleanly, never a crash or a blank result
            assertThat(e.code()).isEqualTo(DlErrorCode.IMAGE_DECODE_FAILED);
        }
    }
}
