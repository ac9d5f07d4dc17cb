// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * A view of another store below a key prefix: {@code get("a.jpg")} reads {@code <prefix>/a.jpg}. Keys are
 * validated before the prefix is added, so a key cannot climb out of the prefix. Thread-safe if the inner store is.
 */
public final class PrefixedBlobStore implements BlobStore {
    private final BlobStore inner;
    private final String prefix;

    /** @param prefix a key prefix; a missing trailing {@code /} is added */
    public PrefixedBlobStore(BlobStore inner, String prefix) {
        this.inner = Objects.requireNonNull(inner, "inner");
        Keys.check(Objects.requireNonNull(prefix, "prefix"));
        this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** The prefix, ending with {@code /}. */
    public String prefix() {
        return prefix;
    }

    /** The store below the prefix. */
    public BlobStore inner() {
        return inner;
    }

    private String full(String key) {
        return prefix + Keys.check(key);
    }

    @Override
    public byte[] get(String key) throws IOException {
        return inner.get(full(key));
    }

    @Override
    public void put(String key, byte[] data) throws IOException {
        inner.put(full(key), data);
    }

    @Override
    public boolean exists(String key) throws IOException {
        return inner.exists(full(key));
    }

    @Override
    public List<String> list(String p) throws IOException {
        String q = p.isEmpty() ? prefix : full(p);
        return inner.list(q).stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length())).toList();
    }

    @Override
    public void delete(String key) throws IOException {
        inner.delete(full(key));
    }

    @Override
    public Blob getVersioned(String key) throws IOException {
        return inner.getVersioned(full(key));
    }

    @Override
    public String putIf(String key, byte[] data, String expectedVersion) throws IOException {
        return inner.putIf(full(key), data, expectedVersion);
    }

    @Override
    public long size(String key) throws IOException {
        return inner.size(full(key));
    }

    @Override
    public byte[] get(String key, long maxBytes) throws IOException {
        return inner.get(full(key), maxBytes);
    }
}
