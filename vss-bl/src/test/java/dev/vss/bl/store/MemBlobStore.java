// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import dev.vss.bl.BlobStore;
import dev.vss.bl.Keys;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** An in-memory store for tests of the cloud-neutral code. */
final class MemBlobStore implements BlobStore {
    private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public byte[] get(String key) throws NoSuchFileException {
        byte[] b = objects.get(Keys.check(key));
        if (b == null) {
            throw new NoSuchFileException(key);
        }
        return b.clone();
    }

    @Override
    public void put(String key, byte[] data) {
        objects.put(Keys.check(key), data.clone());
    }

    @Override
    public boolean exists(String key) {
        return objects.containsKey(Keys.check(key));
    }

    @Override
    public List<String> list(String prefix) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public void delete(String key) {
        objects.remove(Keys.check(key));
    }
}
