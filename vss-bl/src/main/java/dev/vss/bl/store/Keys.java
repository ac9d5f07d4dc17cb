// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import java.nio.charset.StandardCharsets;

/**
 * Object-key validation shared by the stores. A key may hold any Unicode text the three clouds accept as an object
 * name — letters of any script, spaces, {@code # & $ [ ] + % ? @ = ,} and the rest of punctuation, emoji, empty
 * segments ({@code a//b}) — up to each provider's length limit. Refused everywhere, each with a message naming why:
 * <ul>
 * <li>an empty key, or one of more than {@value #MAX_LENGTH} characters;</li>
 * <li>control characters (U+0000–U+001F, U+007F): GCS forbids CR and LF, XML listings cannot carry most of them,
 * and they are a means of log injection;</li>
 * <li>unpaired UTF-16 surrogates (no UTF-8 form, so no object can have that name);</li>
 * <li>a {@code .} or {@code ..} segment: path traversal on the local store, and HTTP clients may normalise such a
 * path before the request reaches the cloud (then another object would be read or written).</li>
 * </ul>
 * Per provider: S3 and GCS limit a key to {@value #MAX_UTF8_BYTES} bytes of UTF-8 ({@link #checkUtf8Length}), Azure
 * to {@value #MAX_LENGTH} characters and {@value #MAX_AZURE_SEGMENTS} path segments ({@link #checkAzure}); the local
 * store also refuses absolute keys and whatever its file system refuses. Stateless and thread-safe.
 */
public final class Keys {
    /** Azure's limit in characters; S3 and GCS count bytes instead ({@link #MAX_UTF8_BYTES}). */
    public static final int MAX_LENGTH = 1024;
    /** S3's and GCS's limit: bytes of the key's UTF-8 encoding. */
    public static final int MAX_UTF8_BYTES = 1024;
    /** Azure's limit on the number of {@code /}-separated segments of a blob name. */
    public static final int MAX_AZURE_SEGMENTS = 254;
    /** How much of a key a message quotes (a key is attacker-chosen text). */
    static final int QUOTE = 120;

    private Keys() {
    }

    /**
     * Checks a key against the rules common to every store.
     *
     * @return the key, unchanged
     * @throws IllegalArgumentException naming the problem: empty, too long, a control character, an unpaired
     *                                  surrogate, or a {@code .} / {@code ..} segment
     */
    public static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key: empty");
        }
        if (key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("key: " + key.length() + " characters, over " + MAX_LENGTH
                    + " ('" + quote(key) + "')");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("key: '" + quote(key) + "' has the control character U+"
                        + String.format("%04X", (int) c) + " at " + i + " (not allowed in object keys)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("key: '" + quote(key) + "' has an unpaired surrogate at " + i
                        + " (not valid Unicode text)");
            }
        }
        int start = 0;
        while (start <= key.length()) {
            int end = key.indexOf('/', start);
            if (end < 0) {
                end = key.length();
            }
            int n = end - start;
            if ((n == 1 || n == 2) && key.startsWith("..".substring(0, n), start)) {
                String seg = key.substring(start, end);
                throw new IllegalArgumentException("key: '" + quote(key) + "' has a '" + seg + "' segment"
                        + " (path traversal)");
            }
            start = end + 1;
        }
        return key;
    }

    /**
     * {@link #check} plus the S3/GCS limit of {@value #MAX_UTF8_BYTES} bytes of UTF-8.
     *
     * @throws IllegalArgumentException naming the byte count
     */
    public static String checkUtf8Length(String key) {
        check(key);
        int bytes = utf8Length(key);
        if (bytes > MAX_UTF8_BYTES) {
            throw new IllegalArgumentException("key: " + bytes + " bytes of UTF-8, over " + MAX_UTF8_BYTES
                    + " ('" + quote(key) + "')");
        }
        return key;
    }

    /** {@link #check} plus Azure's limit of {@value #MAX_AZURE_SEGMENTS} path segments. */
    public static String checkAzure(String key) {
        check(key);
        int segments = 1;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '/') {
                segments++;
            }
        }
        if (segments > MAX_AZURE_SEGMENTS) {
            throw new IllegalArgumentException("key: " + segments + " path segments, over Azure's "
                    + MAX_AZURE_SEGMENTS + " ('" + quote(key) + "')");
        }
        return key;
    }

    /** Bytes of the key's UTF-8 encoding. */
    public static int utf8Length(String key) {
        return key.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A short prefix of attacker-chosen text for messages, control characters shown as {@code ?}. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String t = s.length() <= QUOTE ? s : s.substring(0, QUOTE) + "...(" + s.length() + " chars)";
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c); // no line breaks or escapes into logs
        }
        return b.toString();
    }
}
