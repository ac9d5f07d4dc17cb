package dev.vss.bl;

import java.util.regex.Pattern;

/** Object-key validation shared by the stores. */
public final class Keys {
    /** S3's limit, and a sane one for the others. */
    public static final int MAX_LENGTH = 1024;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9!\\-_.*'()/@=+,:; ~]+");

    private Keys() {
    }

    /**
     * @throws IllegalArgumentException naming the problem: empty, too long, absolute, a {@code ..} or {@code .}
     *                                  segment, an empty segment, or a character outside the safe set
     */
    public static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key: empty");
        }
        if (key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("key: " + key.length() + " characters, over " + MAX_LENGTH);
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("key: '" + key + "' is absolute");
        }
        if (!ALLOWED.matcher(key).matches()) {
            throw new IllegalArgumentException("key: '" + key + "' has a character outside A-Z a-z 0-9 !-_.*'()/@=+,:; ~");
        }
        for (String seg : key.split("/", -1)) {
            if (seg.equals("..") || seg.equals(".")) {
                throw new IllegalArgumentException("key: '" + key + "' has a '" + seg + "' segment");
            }
            if (seg.isEmpty() && !key.endsWith("/")) {
                throw new IllegalArgumentException("key: '" + key + "' has an empty segment");
            }
        }
        return key;
    }
}
