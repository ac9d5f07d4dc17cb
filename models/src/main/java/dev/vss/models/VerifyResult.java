// SPDX-License-Identifier: Apache-2.0
package dev.vss.models;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of checking one catalog entry's files on disk ({@link ModelRepository#verify(CatalogEntry)}).
 *
 * @param entry    the entry checked
 * @param ok       true when every file exists with the catalogued size and sha256 (then {@code problems} is empty)
 * @param problems what is wrong, one per bad file
 */
public record VerifyResult(CatalogEntry entry, boolean ok, List<Problem> problems) {
    public VerifyResult {
        Objects.requireNonNull(entry, "entry");
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
        if (ok != problems.isEmpty()) {
            throw new IllegalArgumentException("ok: must be true exactly when there are no problems, got ok=" + ok
                    + " with " + problems.size() + " problem(s)");
        }
    }

    /** One problem with one file. */
    public record Problem(Kind kind, Path file, String expected, String actual) {
        /** What is wrong with the file. */
        public enum Kind {
            /** The file does not exist or is not a regular file. */
            MISSING,
            /** The file exists but reading it failed. */
            UNREADABLE,
            /** The size differs from the catalog (sha256 not computed). */
            SIZE_MISMATCH,
            /** The size matches but the sha256 does not. */
            SHA256_MISMATCH
        }

        /**
         * @param kind     what is wrong
         * @param file     full path of the file
         * @param expected the catalogued value (bytes or sha256), or null
         * @param actual   the value found (bytes, sha256 or the I/O error), or null
         */
        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(file, "file");
        }

        /** One line for humans, e.g. {@code sha256 mismatch: /m/x.bin: expected 8934…, actual 11aa…}. */
        public String message() {
            return switch (kind) {
                case MISSING -> "missing file: " + file;
                case UNREADABLE -> "unreadable file: " + file + ": " + actual;
                case SIZE_MISMATCH -> "size mismatch: " + file + ": expected " + expected + " bytes, actual " + actual;
                case SHA256_MISMATCH -> "sha256 mismatch: " + file + ": expected " + expected + ", actual " + actual;
            };
        }
    }

    /** "id: OK" or "id: problem; problem". */
    public String summary() {
        return entry.id() + ": " + (ok ? "OK" : problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
    }
}
