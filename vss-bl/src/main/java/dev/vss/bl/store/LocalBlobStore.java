// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} over a directory; keys are relative paths below it (absolute keys and keys that would leave
 * it are refused). Writes go to a temporary file in the same directory and are renamed into place atomically, so a
 * reader never sees a half-written object. Conditional writes ({@link #putIf}) hold an exclusive lock on the lock file
 * of the object's directory ({@value #LOCK_FILE}: an OS file lock between processes, and a lock per file within this
 * JVM), compare the object's SHA-256 with the expected version, then write, {@code fsync} and rename — so writers in
 * any number of threads and processes on one machine never lose each other's changes. (File locks are advisory
 * and local: a directory shared over a network file system may not honour them.) Thread-safe.
 */
public final class LocalBlobStore implements BlobStore {
    /** The lock file of a directory's conditional writes (empty; kept, since deleting it would race). */
    public static final String LOCK_FILE = ".vss-lock";
    /** OS file locks belong to the process, so threads of one JVM must also exclude each other. */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private final Path root;

    public LocalBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The file of a key, refusing anything that would leave the root or name the store's own files. */
    public Path resolve(String key) {
        Keys.check(key);
        if (key.startsWith("/") || key.startsWith("\\")) {
            throw new IllegalArgumentException("key: '" + Keys.quote(key) + "' is absolute");
        }
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("key: '" + Keys.quote(key) + "' leaves the store");
        }
        if (internal(p.getFileName().toString())) {
            throw new IllegalArgumentException("key: '" + Keys.quote(key) + "' names a file the store uses itself"
                    + " (.tmp-*.part, " + LOCK_FILE + ")");
        }
        return p;
    }

    private static boolean internal(String name) {
        return name.startsWith(".tmp-") && name.endsWith(".part") || name.equals(LOCK_FILE);
    }

    @Override
    public byte[] get(String key) throws IOException {
        Path p = resolve(key);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toString());
        }
        return Files.readAllBytes(p);
    }

    @Override
    public byte[] get(String key, long maxBytes) throws IOException {
        return readBounded(resolve(key), maxBytes);
    }

    /**
     * A file's bytes if it holds at most {@code maxBytes}: its size is checked before reading (a 3 GB sparse file
     * costs nothing), and the read stops past the limit in case the file grows meanwhile.
     *
     * @throws ObjectTooLargeException if it is larger
     * @throws NoSuchFileException     if it is not a regular file
     */
    public static byte[] readBounded(Path p, long maxBytes) throws IOException {
        BoundedRead.checkLimit(maxBytes);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toString());
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > maxBytes) {
                throw new ObjectTooLargeException(p.toString(), size, maxBytes);
            }
            return BoundedRead.readAtMost(Channels.newInputStream(ch), maxBytes, p.toString());
        }
    }

    @Override
    public Blob getVersioned(String key) throws IOException {
        byte[] data = get(key);
        return new Blob(data, version(data));
    }

    @Override
    public void put(String key, byte[] data) throws IOException {
        Path p = resolve(key);
        Files.createDirectories(p.getParent());
        replace(p, data, false);
    }

    @Override
    public String putIf(String key, byte[] data, String expectedVersion) throws IOException {
        Objects.requireNonNull(data, "data");
        Path p = resolve(key);
        Files.createDirectories(p.getParent());
        Path lockFile = p.resolveSibling(LOCK_FILE);
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        jvm.lock();
        try (FileChannel lc = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lc.lock()) {
            String current = Files.isRegularFile(p) ? version(Files.readAllBytes(p)) : null;
            if (!Objects.equals(current, expectedVersion)) {
                throw new BlobConflictException(p.toString(), p + (current == null ? " does not exist"
                        : expectedVersion == null ? " already exists" : " was changed by another writer")
                        + "; nothing written", null);
            }
            replace(p, data, true);
            return version(data);
        } finally {
            jvm.unlock();
        }
    }

    /** Writes a temporary file and renames it over {@code p}; with {@code durable}, fsyncs file and directory. */
    private static void replace(Path p, byte[] data, boolean durable) throws IOException {
        Path tmp = Files.createTempFile(p.getParent(), ".tmp-", ".part");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(data);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                if (durable) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
            }
            if (durable) {
                syncDirectory(p.getParent());
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes a rename durable; not every platform can open a directory, which then stays unsynced. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // e.g. Windows: the rename itself is still atomic
        }
    }

    /** The local version token: the content's SHA-256 (the same bytes are the same state). */
    static String version(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable in this JDK", e);
        }
    }

    @Override
    public long size(String key) throws IOException {
        Path p = resolve(key);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toString());
        }
        return Files.size(p);
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p) && !internal(p.getFileName().toString()))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix)).sorted().toList();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }
}
