// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.bl.store.BlobConflictException;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.store.PrefixedBlobStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link BlobStoreContract} cases every cloud store's emulator test runs, written once: a store's test extends
 * this and says how to make a fresh container ({@link #store}) and which longest keys its emulator takes.
 */
public abstract class BlobStoreContractTests {
    /** The cloud's name for the printed outcome: the test class's name before "BlobStoreTest" (Azure, Gcs). */
    private final String cloud = getClass().getSimpleName().replace("BlobStoreTest", "");

    /** A store over a new (empty) container or bucket of this name on the emulator. */
    protected abstract BlobStore store(String name) throws Exception;

    /** The longest legal keys the emulator accepts. */
    protected abstract List<String> longestKeys();

    /** The UTF-8 bytes of {@code s}. */
    protected static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Code a test runs, which may throw. */
    @FunctionalInterface
    protected interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} with the system property set (as a deployment's setting), then clears it. */
    protected static void withProperty(String name, String value, Body body) throws Exception {
        System.setProperty(name, value);
        try {
            body.run();
        } finally {
            System.clearProperty(name);
        }
    }

    @Test
    void conflictsAreMadeOnlyThroughConditionalWrites() {
        StoreRules.conflictsOnlyThroughConditionalWrites(getClass().getPackageName());
    }

    @Test
    void conditionalWrites() throws Exception {
        BlobStoreContract.conditionalWrites(store("store-cond"), "g/gallery.json.enc");
    }

    @Test
    void concurrentGalleryWritersLoseNothing() throws Exception {
        BlobStore store = store("store-gallery");
        BlobStoreContract.Outcome o = BlobStoreContract.concurrentGallery(() -> new PrefixedBlobStore(store, "g"), 6, 8);
        System.out.println("gallery concurrency (" + cloud + "): " + o);
    }

    @Test
    void anOlderGalleryPutBackIsRefused() throws Exception {
        BlobStoreContract.rollbackRefused(new PrefixedBlobStore(store("store-rollback"), "g"));
    }

    @Test
    void everyLegalKeyRoundTripsAndListsDecoded() throws Exception {
        BlobStore store = store("store-legal");
        BlobStoreContract.legalKeys(store, "cam1/", BlobStoreContract.LEGAL_KEYS);
        BlobStoreContract.legalKeys(store, "long/", longestKeys());
    }

    @Test
    void theByteLimitComesFromTheMetadata() throws Exception {
        BlobStoreContract.byteLimit(store("store-limit"), "cam1/big.jpg", 3 << 20);
    }

    /**
     * A retried conditional write whose first attempt was applied is refused (412/409) by the store: our own bytes
     * there count as written, their version returned; other bytes stay a conflict.
     */
    @Test
    void aRefusedWriteOfOurOwnBytesCountsAsWritten() throws Exception {
        BlobStore s = store("store-own");
        String v1 = s.putIf("g/x.enc", b("mine"), null);
        assertThat(s.putIf("g/x.enc", b("mine"), null)).as("create-only, our bytes already there").isEqualTo(v1);
        String v2 = s.putIf("g/x.enc", b("next"), v1);
        assertThat(s.putIf("g/x.enc", b("next"), v1)).as("a spent version, our bytes there").isEqualTo(v2);
        assertThatThrownBy(() -> s.putIf("g/x.enc", b("other"), v1)).isInstanceOf(BlobConflictException.class)
                .hasMessageEndingWith("; nothing written");
        assertThatThrownBy(() -> s.putIf("g/x.enc", b("other"), null)).isInstanceOf(BlobConflictException.class)
                .hasMessageContaining("already exists");
        assertThat(s.get("g/x.enc")).isEqualTo(b("next"));
    }
}
