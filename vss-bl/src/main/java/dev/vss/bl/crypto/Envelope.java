// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.crypto;

import dev.vss.dl.Untrusted;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of one object with AES-256-GCM (JDK {@code javax.crypto} only): every {@link #seal} draws a
 * fresh random 256-bit data key, encrypts the payload with it, and stores the data key wrapped by a
 * {@link KeyWrapper} (a local key or a KMS key) in a header that is authenticated as GCM additional data.
 * Any altered byte — header, wrapped key, IV, ciphertext or tag — makes {@link #open} fail; it never returns
 * partial or empty plaintext.
 *
 * <p>Layout, format version 1 (integers big-endian; the header is everything before the ciphertext):
 * <pre>
 *  size  field
 *  4     magic "VSSE"
 *  1     format version = 1
 *  1     cipher suite = 1 (AES-256-GCM, 96-bit IV, 128-bit tag)
 *  1+c   content type, US-ASCII, c = 1..64 (e.g. "vss-gallery")
 *  8     object version, &gt; 0
 *  2+k   wrapping key id, UTF-8, k = 1..2048 (e.g. "local:1f0c9a4e2b7d6c35" or a KMS key ARN)
 *  2+w   wrapped data key, w = 1..4096
 *  1+12  IV
 *  n+16  ciphertext || GCM tag
 * </pre>
 *
 * <pre>{@code
 * byte[] sealed = Envelope.seal("vss-gallery", 7, plaintext, wrapper);
 * byte[] back = Envelope.open(sealed, "vss-gallery", wrapper, "gallery.json.enc").plaintext();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Envelope {
    /** The first four bytes of every envelope. */
    public static final byte[] MAGIC = {'V', 'S', 'S', 'E'};
    /** The only format version written and read. */
    public static final int FORMAT_VERSION = 1;
    /** Cipher suite 1: AES-256-GCM, 96-bit IV, 128-bit tag. */
    public static final int SUITE_AES256_GCM = 1;
    static final int KEY_BYTES = 32;
    static final int IV_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final int MAX_KEY_ID = 2048;
    private static final int MAX_WRAPPED = 4096;
    private static final Pattern CONTENT_TYPE = Pattern.compile("[A-Za-z0-9._/+-]{1,64}");


    private Envelope() {
    }

    /**
     * The parsed header. Nothing in it is authenticated until {@link #open} succeeded; use an unopened header
     * only for hints such as "has the version changed?".
     *
     * @param length header bytes, i.e. the offset of the ciphertext
     */
    public record Header(int formatVersion, int suite, String contentType, long version, String keyId, int length) {
    }

    /** An opened envelope: its (now authenticated) header and the plaintext, which the caller owns. */
    public record Opened(Header header, byte[] plaintext) {
    }

    /**
     * Encrypts {@code plaintext} under a new data key wrapped by {@code wrapper}.
     *
     * @param contentType what the payload is, e.g. "vss-gallery"; checked again on open
     * @param version     the object's version (&gt; 0), authenticated with the header
     * @throws IOException              if the wrapper's key service cannot be reached
     * @throws GeneralSecurityException if the wrapper refuses to wrap
     */
    public static byte[] seal(String contentType, long version, byte[] plaintext, KeyWrapper wrapper)
            throws GeneralSecurityException, IOException {
        checkContentType(contentType);
        if (version <= 0) {
            throw new IllegalArgumentException("version: " + version + " is not positive");
        }
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(wrapper, "wrapper");
        byte[] keyId = wrapper.keyId().getBytes(StandardCharsets.UTF_8);
        if (keyId.length == 0 || keyId.length > MAX_KEY_ID) {
            throw new IllegalArgumentException("wrapper: key id of " + keyId.length + " bytes, must be 1.." + MAX_KEY_ID);
        }
        byte[] dataKey = new byte[KEY_BYTES];
        Entropy.random().nextBytes(dataKey);
        try {
            byte[] wrapped = wrapper.wrap(dataKey);
            if (wrapped.length == 0 || wrapped.length > MAX_WRAPPED) {
                throw new GeneralSecurityException("wrapper " + wrapper.keyId() + " returned a wrapped key of "
                        + wrapped.length + " bytes, must be 1.." + MAX_WRAPPED);
            }
            // A data key encrypts exactly one payload, so a random IV can never repeat under the same key.
            byte[] iv = new byte[IV_BYTES];
            Entropy.random().nextBytes(iv);
            ByteArrayOutputStream h = new ByteArrayOutputStream(64 + keyId.length + wrapped.length);
            h.write(MAGIC);
            h.write(FORMAT_VERSION);
            h.write(SUITE_AES256_GCM);
            byte[] ct = contentType.getBytes(StandardCharsets.US_ASCII);
            h.write(ct.length);
            h.write(ct);
            h.write(ByteBuffer.allocate(8).putLong(version).array());
            writeShortBytes(h, keyId);
            writeShortBytes(h, wrapped);
            h.write(iv.length);
            h.write(iv);
            byte[] header = h.toByteArray();
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(header); // the header is authenticated: no field can be swapped or edited undetected
            byte[] out = Arrays.copyOf(header, header.length + c.getOutputSize(plaintext.length));
            int n = c.doFinal(plaintext, 0, plaintext.length, out, header.length);
            return n == out.length - header.length ? out : Arrays.copyOf(out, header.length + n);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Reads the header without decrypting anything (no key needed).
     *
     * @param name the object's name, for messages
     * @throws EnvelopeException NOT_AN_ENVELOPE, UNSUPPORTED_FORMAT, or TAMPERED if the header is truncated or
     *                           its fields are out of range
     */
    public static Header header(byte[] sealed, String name) throws EnvelopeException {
        return parse(sealed, name).header();
    }

    /** The header plus where the wrapped key and IV sit. */
    private record Parsed(Header header, int wrappedOffset, int wrappedLength, int ivOffset) {
    }

    private static Parsed parse(byte[] sealed, String name) throws EnvelopeException {
        Objects.requireNonNull(sealed, "sealed");
        if (sealed.length < MAGIC.length || !Arrays.equals(sealed, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new EnvelopeException(EnvelopeException.Reason.NOT_AN_ENVELOPE, Untrusted.clip(name)
                    + " is not a vss encrypted object (no VSSE magic at its start)");
        }
        ByteBuffer b = ByteBuffer.wrap(sealed);
        b.position(MAGIC.length);
        try {
            int format = b.get() & 0xff;
            int suite = b.get() & 0xff;
            if (format != FORMAT_VERSION || suite != SUITE_AES256_GCM) {
                throw new EnvelopeException(EnvelopeException.Reason.UNSUPPORTED_FORMAT, Untrusted.clip(name)
                        + " has envelope format "
                        + format + ", cipher suite " + suite + "; this vss reads format " + FORMAT_VERSION + ", suite "
                        + SUITE_AES256_GCM + " only (written by a newer vss, or altered)");
            }
            String contentType = new String(field(b, b.get() & 0xff, 1, 64, name, "content type"),
                    StandardCharsets.US_ASCII);
            long version = b.getLong();
            if (version <= 0) {
                throw tampered(name, "header holds version " + version);
            }
            String keyId = new String(field(b, b.getShort() & 0xffff, 1, MAX_KEY_ID, name, "key id"),
                    StandardCharsets.UTF_8);
            int wrappedLength = b.getShort() & 0xffff;
            int wrappedOffset = b.position();
            field(b, wrappedLength, 1, MAX_WRAPPED, name, "wrapped key");
            int ivLength = b.get() & 0xff;
            int ivOffset = b.position();
            field(b, ivLength, IV_BYTES, IV_BYTES, name, "IV");
            if (b.remaining() < TAG_BITS / 8) {
                throw tampered(name, "ciphertext is shorter than the authentication tag");
            }
            return new Parsed(new Header(format, suite, contentType, version, keyId, b.position()), wrappedOffset,
                    wrappedLength, ivOffset);
        } catch (BufferUnderflowException e) {
            throw tampered(name, "header is truncated");
        }
    }

    /**
     * Authenticates and decrypts an envelope.
     *
     * @param contentType the content type the caller expects
     * @param name        the object's name, for messages
     * @throws EnvelopeException TAMPERED if any byte was altered, WRONG_KEY if the data key cannot be unwrapped and
     *                           the header names another key, NOT_AN_ENVELOPE if it is not an envelope or holds
     *                           another content type, UNSUPPORTED_FORMAT for an unknown format version or suite
     * @throws IOException       if the wrapper's key service cannot be reached
     */
    public static Opened open(byte[] sealed, String contentType, KeyWrapper wrapper, String name)
            throws EnvelopeException, IOException {
        checkContentType(contentType);
        Objects.requireNonNull(wrapper, "wrapper");
        Parsed p = parse(sealed, name);
        Header h = p.header();
        byte[] wrapped = Arrays.copyOfRange(sealed, p.wrappedOffset(), p.wrappedOffset() + p.wrappedLength());
        byte[] iv = Arrays.copyOfRange(sealed, p.ivOffset(), p.ivOffset() + IV_BYTES);
        byte[] dataKey;
        try {
            dataKey = wrapper.unwrap(wrapped);
        } catch (GeneralSecurityException e) {
            if (!h.keyId().equals(wrapper.keyId())) {
                throw new EnvelopeException(EnvelopeException.Reason.WRONG_KEY, Untrusted.clip(name)
                        + " was sealed under key " + Untrusted.quote(h.keyId()) + " but the configured key is '"
                        + wrapper.keyId() + "' and cannot unwrap it (wrong key, or the header was altered)", e);
            }
            throw tampered(name, "its data key does not unwrap under key " + Untrusted.quote(h.keyId()), e);
        }
        try {
            if (dataKey == null || dataKey.length != KEY_BYTES) {
                throw tampered(name, "its data key does not unwrap to 256 bits");
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(sealed, 0, h.length());
            byte[] plain = c.doFinal(sealed, h.length(), sealed.length - h.length());
            if (!h.contentType().equals(contentType)) {
                throw new EnvelopeException(EnvelopeException.Reason.NOT_AN_ENVELOPE, Untrusted.clip(name) + " holds "
                        + Untrusted.quote(h.contentType()) + ", not '" + contentType + "'");
            }
            return new Opened(h, plain);
        } catch (AEADBadTagException e) {
            throw tampered(name, "authentication failed (header, IV, ciphertext or tag altered)", e);
        } catch (EnvelopeException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM unavailable in this JDK", e);
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }

    private static byte[] field(ByteBuffer b, int n, int min, int max, String name, String field)
            throws EnvelopeException {
        if (n < min || n > max || n > b.remaining()) {
            throw tampered(name, field + " length " + n + " is out of range");
        }
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    private static void writeShortBytes(ByteArrayOutputStream h, byte[] v) {
        h.write(v.length >>> 8);
        h.write(v.length);
        h.write(v, 0, v.length);
    }

    private static EnvelopeException tampered(String name, String why) {
        return tampered(name, why, null);
    }

    private static EnvelopeException tampered(String name, String why, Throwable cause) {
        return new EnvelopeException(EnvelopeException.Reason.TAMPERED, Untrusted.clip(name) + " was altered or damaged: "
                + why, cause);
    }

    private static void checkContentType(String contentType) {
        if (contentType == null || !CONTENT_TYPE.matcher(contentType).matches()) {
            throw new IllegalArgumentException("contentType: '" + contentType + "' must be 1-64 of A-Z a-z 0-9 . _ / + -");
        }
    }
}
