// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.openvino;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The compiled-model cache given as {@code CompileOptions.cacheDir}, made trustworthy. OpenVINO's {@code CACHE_DIR}
 * loads any blob whose name matches, unchecked: a flipped byte silently changes results, and a blob compiled for
 * another CPU or OpenVINO release may be loaded. Here each (model sha256, OpenVINO version, CPU) gets its own
 * subdirectory, and a manifest written after each compile records every blob's size and CRC-32C (checked at every
 * start: the CPU computes it at gigabytes per second, where a JVM still starting hashes sha256 at ~120 MB/s, and it
 * catches every burst of up to 32 flipped bits and any other corruption but one in 2^32); before a compile uses
 * the entry, every blob is checked against it. A blob that differs or is not listed empties the entry (OpenVINO then
 * compiles afresh and the manifest is rewritten) and a WARNING log line ({@code System.Logger} "dev.vss.dl.cache")
 * says so.
 *
 * <p>Protects against corruption, stale and foreign blobs, not against someone who can write to the cache directory
 * (they could rewrite the manifest too). One entry is compiled by one thread of one process at a time (an in-process
 * lock and a file lock). Thread-safe.
 */
final class OvCache {
    static final String MANIFEST = "manifest.crc32c";
    /** The manifest of earlier releases (blob sha256s): an entry holding it is compiled again once. */
    static final String OLD_MANIFEST = "manifest.sha256";
    static final String KEY_FILE = "key.txt";
    private static final System.Logger LOG = System.getLogger("dev.vss.dl.cache");
    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private OvCache() {
    }

    /** An open, locked and verified entry; {@link #close()} records the blobs and releases the locks. */
    static final class Entry implements AutoCloseable {
        private final Path dir;
        private final ReentrantLock lock;
        private final FileChannel channel;
        private final FileLock fileLock;
        private final boolean rebuilt;
        private final java.util.Set<String> verified; // blob names verified at open (all of the manifest's)

        private Entry(Path dir, ReentrantLock lock, FileChannel channel, FileLock fileLock, boolean rebuilt,
                java.util.Set<String> verified) {
            this.dir = dir;
            this.lock = lock;
            this.channel = channel;
            this.fileLock = fileLock;
            this.rebuilt = rebuilt;
            this.verified = verified;
        }

        /** The directory to give OpenVINO as CACHE_DIR. */
        Path dir() {
            return dir;
        }

        /** True when a blob failed verification and the entry was emptied. */
        boolean rebuilt() {
            return rebuilt;
        }

        /**
         * Writes the manifest of the blobs now in the entry (call after a successful compile). A compile that only
         * used the blobs verified at open wrote nothing new: then the manifest stands and nothing is hashed again.
         */
        void record() throws IOException {
            if (!rebuilt && verified != null && verified.equals(blobNames(dir))) {
                return;
            }
            Map<String, String> blobs = scan(dir);
            StringBuilder sb = new StringBuilder();
            for (var e : blobs.entrySet()) {
                sb.append(e.getValue()).append("  ").append(e.getKey()).append('\n');
            }
            Path tmp = dir.resolve(MANIFEST + ".tmp");
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING);
            }
        }

        @Override
        public void close() {
            try {
                fileLock.release();
                channel.close();
            } catch (IOException e) {
                // the lock goes with the channel anyway
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * The entry of {@code root} for this model, OpenVINO version and CPU: created if missing, locked, and verified
     * (a mismatch empties it and logs a WARNING).
     *
     * @param modelSha256 sha256 of the model's source files (hex)
     * @param cpu         what identifies the CPU (name, capabilities, ISA flags)
     */
    static Entry open(Path root, String modelSha256, String ovVersion, String cpu) throws IOException {
        String keyText = "model sha256: " + modelSha256 + "\nOpenVINO: " + ovVersion + "\nCPU: " + cpu + "\n";
        String key = sha256(keyText.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
        Path dir = root.resolve(key);
        Files.createDirectories(dir);
        ReentrantLock lock = LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ReentrantLock());
        lock.lock();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fl = ch.lock();
            Path keyFile = dir.resolve(KEY_FILE);
            if (!Files.exists(keyFile)) {
                Files.writeString(keyFile, keyText, StandardCharsets.UTF_8);
            }
            String problem = verify(dir);
            if (problem != null) {
                LOG.log(Level.WARNING, "compiled-model cache " + dir + ": " + problem
                        + "; entry emptied, the model is compiled again");
                clear(dir);
            }
            return new Entry(dir, lock, ch, fl, problem != null, problem == null ? blobNames(dir) : null);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            lock.unlock();
            throw e;
        }
    }

    /** Null when every blob in {@code dir} is listed in the manifest with its sha256, else what is wrong. */
    static String verify(Path dir) throws IOException {
        Map<String, String> listed = new TreeMap<>();
        Path manifest = dir.resolve(MANIFEST);
        if (Files.exists(dir.resolve(OLD_MANIFEST))) {
            return "the entry was written by an earlier vss release (blob sha256s)";
        }
        if (Files.exists(manifest)) {
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                int sp = line.indexOf("  ");
                if (line.isBlank()) {
                    continue;
                }
                if (sp < 0 || !line.substring(0, sp).matches("[0-9a-f]{8}:[0-9]{1,19}")) {
                    return "manifest line '" + dev.vss.dl.Untrusted.clip(line, 100) + "' is malformed";
                }
                listed.put(line.substring(sp + 2), line.substring(0, sp));
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String n = p.getFileName().toString();
                if (n.equals(MANIFEST) || n.equals(KEY_FILE) || n.equals(".lock") || n.endsWith(".tmp")) {
                    continue;
                }
                String want = listed.get(n);
                if (want == null) {
                    return n + " is not in the manifest";
                }
                String got = check(p);
                if (!got.equals(want)) {
                    return n + " has CRC-32C:size " + got + ", the manifest says " + want;
                }
            }
        }
        return null;
    }

    /** Names of the blobs (regular files other than ours) in {@code dir}. */
    private static java.util.Set<String> blobNames(Path dir) throws IOException {
        java.util.Set<String> names = new java.util.TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && !n.equals(MANIFEST) && !n.equals(KEY_FILE) && !n.equals(".lock")
                        && !n.endsWith(".tmp")) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (!n.equals(".lock") && !n.equals(KEY_FILE) && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** File name → CRC-32C:size of every blob (regular file other than ours) in {@code dir}. */
    private static Map<String, String> scan(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && !n.equals(MANIFEST) && !n.equals(KEY_FILE) && !n.equals(".lock")
                        && !n.endsWith(".tmp")) {
                    out.put(n, check(p));
                }
            }
        }
        return out;
    }

    /** A blob's manifest value: its CRC-32C (8 hex digits), a colon and its size in bytes. */
    static String check(Path blob) throws IOException {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        long size = 0;
        // a heap buffer, as sha256() uses: a direct one per blob would hold native memory until a GC (init of a
        // small function runs with little direct memory)
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(blob)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                crc.update(buf, 0, n);
                size += n;
            }
        }
        return String.format("%08x:%d", crc.getValue(), size);
    }

    /** Hex sha256 of the files' bytes, in order (a model's xml and bin, say). */
    static String sha256(Path... files) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(byte[]... parts) {
        MessageDigest md = digest();
        for (byte[] p : parts) {
            if (p != null) {
                md.update(p);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
