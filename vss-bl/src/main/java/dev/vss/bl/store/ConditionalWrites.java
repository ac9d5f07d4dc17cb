// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import dev.vss.bl.store.BlobConflictException;
import dev.vss.bl.store.BlobStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;

/**
 * The outcome rules of a cloud store's conditional write ({@link BlobStore#putIf}), stated once for S3, Azure and
 * GCS: the conflict message, and what an ambiguous answer means. An answer is ambiguous when the SDK retried (an
 * earlier attempt may have been applied and made the retry's precondition fail) or when no answer came at all.
 */
public final class ConditionalWrites {
    private ConditionalWrites() {
    }

    /**
     * The refusal of a conditional write: {@code "<uri> already exists"} (create-only) or
     * {@code "<uri> is no longer <versionWord> <expected>"}, then {@code detail} (e.g. {@code " (S3 412 ...)"}, may be
     * empty) and {@code "; nothing written"}.
     */
    public static BlobConflictException conflict(String uri, String expectedVersion, String versionWord, String detail,
                                                 Throwable cause) {
        return new BlobConflictException(uri, uri + (expectedVersion == null ? " already exists"
                : " is no longer " + versionWord + " " + expectedVersion) + detail + "; nothing written", cause);
    }

    /**
     * A refused conditional write that may have refused our own earlier attempt: stores whose SDK retries without
     * saying so (Azure, GCS) call this on every 412/409. Our bytes there → the write was applied and their version
     * is returned; anything else (another version, none, a failed read back, added as suppressed) → {@code refusal}.
     */
    public static String refusedUnlessOurs(BlobStore store, String key, byte[] data, BlobConflictException refusal)
            throws IOException {
        BlobStore.Blob now = readBack(store, key, refusal);
        if (now != null && Arrays.equals(now.data(), data)) {
            return now.version();
        }
        throw refusal;
    }

    /**
     * Decides a conditional write whose outcome is unknown from what the object is now: our bytes there → it was
     * applied (their version is returned); another version there (or none where one was expected, or one where none
     * was) → a conflict, nothing of ours written; else {@code failure}, the write's own I/O error.
     *
     * @param store   the store written to (read back with {@link BlobStore#getVersioned})
     * @param uri     the object's URI, for messages
     * @param failure the error to throw when the outcome stays unknown; a failed read back is added as suppressed
     */
    public static String resolveAmbiguous(BlobStore store, String key, String uri, byte[] data, String expectedVersion,
                                          String versionWord, IOException failure) throws IOException {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        BlobStore.Blob now = readBack(store, key, failure);
        if (now == null) {
            if (expectedVersion != null) {
                throw new BlobConflictException(uri, uri + " no longer exists (it was " + versionWord + " "
                        + expectedVersion + "); nothing written", cause);
            }
            throw failure;
        }
        if (Arrays.equals(now.data(), data)) {
            return now.version();
        }
        if (expectedVersion == null || !expectedVersion.equals(now.version())) {
            throw conflict(uri, expectedVersion, versionWord, "", cause);
        }
        throw failure;
    }

    /** The object now, or null when there is none; a failed read is added to {@code failure}, which is thrown. */
    private static BlobStore.Blob readBack(BlobStore store, String key, IOException failure) throws IOException {
        try {
            return store.getVersioned(key);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            failure.addSuppressed(e);
            throw failure;
        }
    }
}
