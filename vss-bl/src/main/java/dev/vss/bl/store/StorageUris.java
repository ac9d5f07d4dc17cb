// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

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

    /**
     * An object URI for a key as a listing returned it, without validating the key: a key that {@link Keys#check}
     * refuses (a control character, a {@code ..} segment) still gets a URI, so that it can fail on its own when it is
     * read instead of ending the whole listing. Every character a URI path cannot hold is percent-encoded, control
     * characters included.
     */
    public static String ofListed(String scheme, String authority, String key) {
        checkContainer("authority", authority);
        StringBuilder b = new StringBuilder(scheme).append("://").append(authority).append('/');
        encodePath(key, b);
        return b.toString();
    }

    /** Percent-encodes UTF-8 bytes of everything but RFC 3986 unreserved characters, sub-delims, ':', '@' and '/'. */
    private static void encodePath(String path, StringBuilder b) {
        for (byte x : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
    }

    /**
     * A storage location as a person types it: {@code s3://bucket/front door/}, {@code gs://b/café/} or
     * {@code s3://b/cam#1/} are taken as the key they spell (a space, a non-ASCII letter, {@code #}, {@code ?},
     * {@code [ ]} are encoded, as the cloud CLIs read them); percent-escapes already in the text ({@code %20}) are
     * kept and decode as usual, and a {@code %} not starting one is taken literally. A string that is a valid URI and
     * holds no {@code #} or {@code ?} is parsed as it is.
     */
    public static URI parseLocation(String what, String text) {
        int sep = text.indexOf("://");
        if (sep <= 0 || text.indexOf('#') < 0 && text.indexOf('?') < 0) {
            try {
                return new URI(text);
            } catch (URISyntaxException e) {
                if (sep <= 0) {
                    throw new IllegalArgumentException(what + ": '" + Keys.quote(text) + "' is not a URI: "
                            + e.getMessage(), e);
                }
            }
        }
        int slash = text.indexOf('/', sep + 3);
        String head = slash < 0 ? text : text.substring(0, slash);
        String path = slash < 0 ? "" : text.substring(slash + 1);
        StringBuilder b = new StringBuilder(head).append('/');
        for (int i = 0; i < path.length(); ) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && hex(path.charAt(i + 1)) && hex(path.charAt(i + 2))) {
                b.append(path, i, i + 3);
                i += 3;
            } else {
                int cp = path.codePointAt(i);
                encodePath(new String(Character.toChars(cp)), b);
                i += Character.charCount(cp);
            }
        }
        return parse(what, b.toString());
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** An Azure blob named by an event: its account, container and blob name (decoded). */
    public record AzureBlob(String account, String container, String blob) {
    }

    /**
     * The blob an Azure Storage event names. The name comes from the event's {@code subject}
     * ({@code [/]blobServices/default/containers/<container>/blobs/<name>}), which carries it as it is; Event Grid
     * puts some characters of a name into {@code data.url} unencoded ({@code #}, for one), so the url is used for
     * the account (its host, or the first path segment on an emulator) and, without a subject, for the name: its
     * path taken whole (no query or fragment is split off) with {@code %XX} escapes decoded as UTF-8 and {@code +}
     * kept as a plus.
     *
     * @param subject the event's subject, or null
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static AzureBlob azureBlob(String url, String subject) {
        java.util.regex.Matcher u = java.util.regex.Pattern.compile("(?i)https?://([^/:]+)(:\\d+)?(/.*)?").matcher(url);
        if (!u.matches()) {
            throw new IllegalArgumentException("'" + Keys.quote(url) + "' is not an http(s) blob URL");
        }
        String host = u.group(1).toLowerCase(java.util.Locale.ROOT);
        String path = u.group(3) == null ? "" : u.group(3).substring(1);
        java.util.regex.Matcher h = java.util.regex.Pattern.compile("([a-z0-9]{3,24})\\.(blob|dfs)\\..+").matcher(host);
        String account;
        if (h.matches()) {
            account = h.group(1);
        } else {
            int slash = path.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("'" + Keys.quote(url) + "' has no account/container/blob path");
            }
            account = path.substring(0, slash);
            path = path.substring(slash + 1);
        }
        String container;
        String blob;
        String prefix = "blobServices/default/containers/"; // Event Grid schema: with a leading '/', CloudEvents: without
        String sub = subject == null ? null : subject.startsWith("/") ? subject.substring(1) : subject;
        int blobs = sub == null ? -1 : sub.indexOf("/blobs/");
        if (sub != null && sub.startsWith(prefix) && blobs > prefix.length()) {
            container = sub.substring(prefix.length(), blobs);
            blob = sub.substring(blobs + "/blobs/".length());
        } else {
            int slash = path.indexOf('/');
            if (slash <= 0 || slash == path.length() - 1) {
                throw new IllegalArgumentException("'" + Keys.quote(url) + "' has no container/blob path");
            }
            container = path.substring(0, slash);
            blob = percentDecode(path.substring(slash + 1));
        }
        return new AzureBlob(checkContainer("account", account), checkContainer("container", container), blob);
    }

    /** {@code %XX} escapes decoded as UTF-8; anything else, {@code +} and a stray {@code %} included, kept. */
    public static String percentDecode(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) && hex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp);
            }
        }
        java.nio.charset.CharsetDecoder d = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
        try {
            return d.decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("'" + Keys.quote(s) + "' has percent-escapes that are not UTF-8");
        }
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
