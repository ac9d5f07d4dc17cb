// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing (Jazzer) of the gallery envelope on arbitrary bytes, with the fixed test key 7. Properties:
 * {@link Envelope#header} and {@link Envelope#open} throw nothing but {@link EnvelopeException}; an altered envelope
 * never opens (only the bytes sealed under the key open, to the plaintext sealed); messages stay short. Without
 * {@code JAZZER_FUZZ} this replays the committed seeds in
 * {@code src/test/resources/dev/vss/bl/crypto/EnvelopeFuzzTestInputs/} (envelopes sealed under key 7: see
 * {@link #seeds()}).
 */
class EnvelopeFuzzTest {
    static final LocalKeyWrapper KEY = EnvelopeTest.key(7);
    static final byte[] PLAIN = "{\"people\":{\"obama\":[[0.1,0.2]]}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** The seeds: sealed envelopes of {@link #PLAIN} (versions 1 and 2) and of an empty payload. */
    static byte[][] seeds() throws Exception {
        return new byte[][] {Envelope.seal("vss-gallery", 1, PLAIN, KEY), Envelope.seal("vss-gallery", 2, PLAIN, KEY),
            Envelope.seal("vss-gallery", 3, new byte[0], KEY)};
    }

    @FuzzTest(maxDuration = "30s")
    void opensOnlyWhatWasSealed(byte[] data) throws IOException {
        try {
            Envelope.Header h = Envelope.header(data, "gallery.json.enc");
            assertThat(h.length()).isBetween(1, data.length);
        } catch (EnvelopeException e) {
            assertThat(e.getMessage()).hasSizeLessThan(600);
        }
        try {
            Envelope.Opened o = Envelope.open(data, "vss-gallery", KEY, "gallery.json.enc");
            // GCM authenticated it: it must be one of the payloads sealed by seeds()
            assertThat(Arrays.equals(o.plaintext(), PLAIN) || o.plaintext().length == 0).isTrue();
        } catch (EnvelopeException e) {
            assertThat(e.getMessage()).hasSizeLessThan(600);
        }
    }
}
