// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** An in-memory store for tests of the cloud-neutral code; versions are a counter, as S3 ETags change per write. */
final class MemBlobStore implements BlobStore {
    private record Obj(byte[] data, String version) {
    }

    private final ConcurrentSkipListMap<String, Obj> objects = new ConcurrentSkipListMap<>();
    private final AtomicLong writes = new AtomicLong();

    @Override
    public byte[] get(String key) throws NoSuchFileException {
        return obj(key).data().clone();
    }

    private Obj obj(String key) throws NoSuchFileException {
        Obj o = objects.get(Keys.check(key));
        if (o == null) {
            throw new NoSuchFileException(key);
        }
        return o;
    }

    @Override
    public void put(String key, byte[] data) {
        objects.put(Keys.check(key), new Obj(data.clone(), "v" + writes.incrementAndGet()));
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

    @Override
    public Blob getVersioned(String key) throws NoSuchFileException {
        Obj o = obj(key);
        return new Blob(o.data().clone(), o.version());
    }

    @Override
    public synchronized String putIf(String key, byte[] data, String expectedVersion) throws BlobConflictException {
        Obj cur = objects.get(Keys.check(key));
        if (cur == null ? expectedVersion != null : !cur.version().equals(expectedVersion)) {
            throw new BlobConflictException(key, key + " changed", null);
        }
        Obj o = new Obj(data.clone(), "v" + writes.incrementAndGet());
        objects.put(key, o);
        return o.version();
    }

    @Override
    public long size(String key) throws NoSuchFileException {
        return obj(key).data().length;
    }

    @Override
    public byte[] get(String key, long maxBytes) throws NoSuchFileException, ObjectTooLargeException {
        Obj o = obj(key);
        if (o.data().length > maxBytes) {
            throw new ObjectTooLargeException(key, o.data().length, maxBytes);
        }
        return o.data().clone();
    }
}
