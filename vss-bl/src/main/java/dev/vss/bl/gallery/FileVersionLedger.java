// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.store.Keys;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * A {@link VersionLedger} in a small JSON file, {@code {"format":"vss-gallery-ledger","galleries":{"<id>":7}}},
 * shared by every process of the user: raised under an exclusive file lock and replaced by an atomic rename, so
 * concurrent CLI runs never lower each other's marks. The file and its folder are created owner-only. Thread-safe.
 */
final class FileVersionLedger implements VersionLedger {
    private static final String FORMAT = "vss-gallery-ledger";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}|legacy:.{1,2048}");
    private final Path file;
    /** OS file locks belong to the process: threads (and ledgers of one file) in this JVM exclude each other here. */
    private static final java.util.concurrent.ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final ReentrantLock jvm;

    FileVersionLedger(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        this.jvm = JVM_LOCKS.computeIfAbsent(this.file, k -> new ReentrantLock());
    }

    @Override
    public long highest(String galleryId) throws IOException {
        return read().path(galleryId).asLong(0);
    }

    @Override
    public void record(String galleryId, long version) throws IOException {
        if (!ID.matcher(galleryId).matches()) {
            throw new IllegalArgumentException("galleryId: '" + Keys.quote(galleryId) + "' is not a gallery id");
        }
        createParent();
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        jvm.lock();
        try (FileChannel lc = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lc.lock()) {
            ObjectNode galleries = read().deepCopy();
            if (galleries.path(galleryId).asLong(0) >= version) {
                return;
            }
            galleries.put(galleryId, version);
            ObjectNode root = ResultJson.mapper().createObjectNode();
            root.put("format", FORMAT);
            root.set("galleries", galleries);
            Path tmp = Files.createTempFile(file.getParent(), ".tmp-", ".part", ownerOnly("rw-------"));
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.write(java.nio.ByteBuffer.wrap(ResultJson.mapper().writeValueAsBytes(root)));
                    ch.force(true);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } finally {
            jvm.unlock();
        }
    }

    /** The galleries object; empty if the file does not exist. */
    private ObjectNode read() throws IOException {
        if (!Files.exists(file)) {
            return ResultJson.mapper().createObjectNode();
        }
        JsonNode root;
        try {
            root = ResultJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("gallery version ledger " + file + " is not readable JSON; restore it or delete it "
                    + "(deleting forgets which gallery versions were seen)", e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.path("galleries").isObject()) {
            throw new IOException("gallery version ledger " + file + " is not a " + FORMAT + " file");
        }
        ObjectNode g = (ObjectNode) root.get("galleries");
        for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
            if (!it.next().getValue().canConvertToLong()) {
                throw new IOException("gallery version ledger " + file + " holds a non-integer version");
            }
        }
        return g;
    }

    private void createParent() throws IOException {
        Path parent = file.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, ownerOnly("rwx------"));
        }
    }

    private FileAttribute<?>[] ownerOnly(String perms) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))}
                : new FileAttribute<?>[0];
    }

    @Override
    public String toString() {
        return "ledger " + file;
    }
}
