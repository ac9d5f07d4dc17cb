// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The envelope on its own: round trip, every byte tamper-evident, wrong key, truncation. */
class EnvelopeTest {
    static final byte[] PLAIN = "{\"format\":\"vss-gallery\",\"people\":{\"alice\":[[0.25,0.5]]}}"
            .getBytes(StandardCharsets.UTF_8);

    static LocalKeyWrapper key(int seed) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) seed);
        return new LocalKeyWrapper(k, "test key " + seed);
    }

    @Test
    void roundTripsAndAuthenticatesTheHeader() throws Exception {
        LocalKeyWrapper k = key(1);
        byte[] sealed = Envelope.seal("vss-gallery", 42, PLAIN, k);
        Envelope.Header h = Envelope.header(sealed, "obj");
        assertThat(h.version()).isEqualTo(42);
        assertThat(h.keyId()).isEqualTo(k.keyId()).startsWith("local:");
        assertThat(h.contentType()).isEqualTo("vss-gallery");
        assertThat(sealed.length - h.length()).isEqualTo(PLAIN.length + 16); // ciphertext + 128-bit tag
        Envelope.Opened o = Envelope.open(sealed, "vss-gallery", k, "obj");
        assertThat(o.plaintext()).isEqualTo(PLAIN);
        assertThat(o.header()).isEqualTo(h);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("alice").doesNotContain("0.25");
    }

    @Test
    void everySealUsesAFreshDataKeyAndIv() throws Exception {
        LocalKeyWrapper k = key(1);
        byte[] a = Envelope.seal("vss-gallery", 1, PLAIN, k);
        byte[] b = Envelope.seal("vss-gallery", 1, PLAIN, k);
        int hl = Envelope.header(a, "a").length();
        assertThat(Envelope.header(b, "b").length()).isEqualTo(hl);
        assertThat(Arrays.copyOfRange(a, hl - 12, hl)).isNotEqualTo(Arrays.copyOfRange(b, hl - 12, hl)); // IV
        assertThat(Arrays.copyOfRange(a, hl, a.length)).isNotEqualTo(Arrays.copyOfRange(b, hl, b.length));
    }

    @Test
    void everyFlippedByteIsRefused() throws Exception {
        LocalKeyWrapper k = key(1);
        byte[] sealed = Envelope.seal("vss-gallery", 3, PLAIN, k);
        int hl = Envelope.header(sealed, "obj").length();
        Set<EnvelopeException.Reason> seen = EnumSet.noneOf(EnvelopeException.Reason.class);
        for (int i = 0; i < sealed.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xff}) {
                byte[] bad = sealed.clone();
                bad[i] ^= (byte) mask;
                int at = i;
                EnvelopeException e = catchThrowableOfType(EnvelopeException.class,
                        () -> Envelope.open(bad, "vss-gallery", k, "obj"));
                assertThat(e).as("byte %d ^ %x", at, mask).isNotNull();
                assertThat(e.getMessage()).contains("obj");
                if (i >= hl) {
                    assertThat(e.reason()).as("ciphertext/tag byte %d", at).isEqualTo(EnvelopeException.Reason.TAMPERED);
                }
                seen.add(e.reason());
            }
        }
        assertThat(seen).contains(EnvelopeException.Reason.NOT_AN_ENVELOPE, EnvelopeException.Reason.UNSUPPORTED_FORMAT,
                EnvelopeException.Reason.TAMPERED);
    }

    @Test
    void everyTruncationIsRefused() throws Exception {
        LocalKeyWrapper k = key(1);
        byte[] sealed = Envelope.seal("vss-gallery", 3, PLAIN, k);
        for (int n = 0; n < sealed.length; n++) {
            byte[] cut = Arrays.copyOf(sealed, n);
            assertThatThrownBy(() -> Envelope.open(cut, "vss-gallery", k, "obj")).as("first %d bytes", n)
                    .isInstanceOf(EnvelopeException.class);
        }
        byte[] longer = Arrays.copyOf(sealed, sealed.length + 1);
        assertThat(catchThrowableOfType(EnvelopeException.class, () -> Envelope.open(longer, "vss-gallery", k, "obj"))
                .reason()).isEqualTo(EnvelopeException.Reason.TAMPERED);
    }

    @Test
    void aWrongKeyIsNamedAsSuch() throws Exception {
        byte[] sealed = Envelope.seal("vss-gallery", 3, PLAIN, key(1));
        EnvelopeException e = catchThrowableOfType(EnvelopeException.class,
                () -> Envelope.open(sealed, "vss-gallery", key(2), "obj"));
        assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.WRONG_KEY);
        assertThat(e.getMessage()).contains("obj", key(1).keyId(), key(2).keyId());
    }

    @Test
    void anotherContentTypeIsRefusedAfterAuthentication() throws Exception {
        LocalKeyWrapper k = key(1);
        byte[] sealed = Envelope.seal("other-thing", 1, PLAIN, k);
        EnvelopeException e = catchThrowableOfType(EnvelopeException.class,
                () -> Envelope.open(sealed, "vss-gallery", k, "obj"));
        assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.NOT_AN_ENVELOPE);
        assertThat(e.getMessage()).contains("other-thing");
    }

    @Test
    void aWrapperReturningAnOddKeyIsTreatedAsTampering() throws Exception {
        LocalKeyWrapper k = key(1);
        byte[] sealed = Envelope.seal("vss-gallery", 1, PLAIN, k);
        KeyWrapper shortKeys = new KeyWrapper() {
            @Override
            public String keyId() {
                return k.keyId();
            }

            @Override
            public byte[] wrap(byte[] dataKey) throws GeneralSecurityException {
                return k.wrap(dataKey);
            }

            @Override
            public byte[] unwrap(byte[] wrappedKey) throws GeneralSecurityException {
                return Arrays.copyOf(k.unwrap(wrappedKey), 16);
            }
        };
        assertThat(catchThrowableOfType(EnvelopeException.class, () -> Envelope.open(sealed, "vss-gallery", shortKeys, "obj"))
                .reason()).isEqualTo(EnvelopeException.Reason.TAMPERED);
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> Envelope.seal("bad type!", 1, PLAIN, key(1))).hasMessageContaining("contentType");
        assertThatThrownBy(() -> Envelope.seal("vss-gallery", 0, PLAIN, key(1))).hasMessageContaining("version");
    }
}
