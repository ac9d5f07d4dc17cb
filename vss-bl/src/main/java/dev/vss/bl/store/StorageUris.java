// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import dev.vss.bl.Keys;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Building and reading storage URIs. Object URIs are RFC 3986 URIs: a key's characters that are not legal in a
 * URI path (a space, for instance) are percent-encoded, so {@code cam1/front door.jpg} in bucket {@code b} is
 * {@code s3://b/cam1/front%20door.jpg}; {@link #key(URI)} decodes it back. Stateless and thread-safe.
 */
public final class StorageUris {
    /** Bucket / container / account names: lower-case letters, digits, dot, dash, underscore (S3, GCS, Azure). */
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9][a-z0-9._-]{1,221}");

    private StorageUris() {
    }

    /**
     * An object URI such as {@code s3://bucket/key}.
     *
     * @param path the key, or {@code container/key} for Azure; validated with {@link Keys#check} unless empty
     */
    public static String of(String scheme, String authority, String path) {
        checkContainer("authority", authority);
        if (!path.isEmpty()) {
            Keys.check(path);
        }
        try {
            // the multi-argument constructor percent-encodes what a path may not hold (and always '%')
            return new URI(scheme, authority, "/" + path, null, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("path: '" + path + "' cannot form a URI: " + e.getMessage(), e);
        }
    }

    /** The decoded path of a storage URI without its leading {@code /} ({@code ""} for none). */
    public static String key(URI uri) {
        String p = uri.getPath();
        if (p == null || p.isEmpty() || p.equals("/")) {
            return "";
        }
        return p.startsWith("/") ? p.substring(1) : p;
    }

    /**
     * Checks a bucket, container or account name.
     *
     * @throws IllegalArgumentException naming the parameter and the allowed characters
     */
    public static String checkContainer(String what, String name) {
        if (name == null || !CONTAINER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + ": '" + name
                    + "' is not a bucket/container name (2-222 of a-z 0-9 . - _, starting with a letter or digit)");
        }
        return name;
    }

    /** Parses a URI string, naming the parameter when it is not one. */
    public static URI parse(String what, String uri) {
        try {
            return new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + ": '" + uri + "' is not a URI: " + e.getMessage(), e);
        }
    }
}
