// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl;

/**
 * Makes text that came from outside (file names, storage keys, event fields, header values) safe to put into an
 * exception message or a log line: cut to a short prefix with an ellipsis, control and other invisible characters
 * escaped, so that a 10 MB event field or a name with a newline or an ANSI escape cannot flood or forge a log.
 * Messages never quote the bytes of a file. Stateless and thread-safe.
 *
 * <pre>{@code
 * throw new IllegalArgumentException("unknown key " + Untrusted.quote(key));   // unknown key 'cams/…'
 * }</pre>
 */
public final class Untrusted {
    /** Default number of characters kept by {@link #clip(Object)} and {@link #quote(Object)}. */
    public static final int DEFAULT_MAX = 80;

    private Untrusted() {
    }

    /** The text cut to {@value #DEFAULT_MAX} characters, invisible characters escaped; "null" for null. */
    public static String clip(Object text) {
        return clip(text, DEFAULT_MAX);
    }

    /**
     * The text cut to {@code max} characters (an ellipsis "…" marks the cut), with control characters, line and
     * paragraph separators, bidi overrides and lone surrogates written as {@code \\uXXXX} ({@code \\n}, {@code \\t}
     * and {@code \\r} as such); the escapes count toward {@code max}, so the result holds at most {@code max}
     * characters and the ellipsis (a surrogate pair counts as one).
     *
     * @throws IllegalArgumentException if {@code max} is below 1
     */
    public static String clip(Object text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max: " + max + " is below 1");
        }
        if (text == null) {
            return "null";
        }
        String s = String.valueOf(text);
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 8);
        // the budget counts what is written: an escape costs its six characters, so a run of NULs cannot
        // grow a message six-fold past max
        int kept = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            String piece = pair ? s.substring(i, i + 2) : escape(c);
            int cost = pair ? 1 : piece.length();
            if (kept + cost > max) {
                break;
            }
            sb.append(piece);
            kept += cost;
            i += pair ? 2 : 1;
        }
        if (i < s.length()) {
            sb.append('…');
        }
        return sb.toString();
    }

    /** {@link #clip(Object)} in single quotes. */
    public static String quote(Object text) {
        return "'" + clip(text) + "'";
    }

    /** {@link #clip(Object, int)} in single quotes. */
    public static String quote(Object text, int max) {
        return "'" + clip(text, max) + "'";
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> {
                int t = Character.getType(c);
                boolean hidden = Character.isISOControl(c) || Character.isSurrogate(c)
                        || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR
                        || t == Character.FORMAT || t == Character.UNASSIGNED;
                yield hidden ? String.format("\\u%04x", (int) c) : String.valueOf(c);
            }
        };
    }
}
