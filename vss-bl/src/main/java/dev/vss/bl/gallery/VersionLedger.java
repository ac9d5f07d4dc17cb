// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.gallery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The highest version of each gallery that was ever read or written, kept where those who can write the gallery's
 * store cannot lower it: {@link GalleryStore} refuses a gallery older than this high-water mark (an older but still
 * authentic copy put back — after an erasure, that would bring the erased person back) unless rollback is allowed
 * explicitly. Galleries are told apart by the random id sealed inside each gallery.
 * <ul>
 * <li>{@link #inMemory()}: for the life of the process (a warm function instance never goes back);</li>
 * <li>{@link #file(Path)}: on the machine that administers the gallery (the CLI), surviving restarts; its default
 * place is {@link #defaultFile}.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface VersionLedger {
    /** Environment variable naming the ledger file of the CLI. */
    String ENV_FILE = "VSS_GALLERY_LEDGER";

    /** The highest version recorded for a gallery, 0 if none. */
    long highest(String galleryId) throws IOException;

    /** Raises the gallery's mark to {@code version}; a lower version leaves it unchanged. */
    void record(String galleryId, long version) throws IOException;

    /** A ledger for the life of this object. */
    static VersionLedger inMemory() {
        Map<String, Long> marks = new ConcurrentHashMap<>();
        return new VersionLedger() {
            @Override
            public long highest(String galleryId) {
                return marks.getOrDefault(galleryId, 0L);
            }

            @Override
            public void record(String galleryId, long version) {
                marks.merge(galleryId, version, Math::max);
            }

            @Override
            public String toString() {
                return "in-memory ledger";
            }
        };
    }

    /** A ledger in a file (created owner-only on first write; updated under a file lock, atomically). */
    static VersionLedger file(Path file) {
        return new FileVersionLedger(file);
    }

    /**
     * The file named by {@value #ENV_FILE}, else {@code $XDG_STATE_HOME/vss/gallery-versions.json} if that variable
     * holds an absolute path, else {@code ~/.local/state/vss/gallery-versions.json}.
     */
    static Path defaultFile(Map<String, String> env) {
        String named = env.get(ENV_FILE);
        if (named != null && !named.isBlank()) {
            return Path.of(named.strip());
        }
        String xdg = env.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("vss").resolve("gallery-versions.json");
    }
}
