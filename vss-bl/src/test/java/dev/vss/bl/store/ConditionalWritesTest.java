// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vss.bl.store.BlobConflictException;
import dev.vss.bl.testing.StoreRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The conflict message and the ambiguous-answer rules the three cloud stores share. */
class ConditionalWritesTest {
    static final String URI = "s3://b/g/x.enc";

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theConflictMessageNamesTheObjectTheVersionAndTheDetail() {
        assertThat(ConditionalWrites.conflict(URI, null, "version", " (S3 412 PreconditionFailed)", null))
                .hasMessage("CONFLICT: s3://b/g/x.enc already exists (S3 412 PreconditionFailed); nothing written");
        BlobConflictException e = ConditionalWrites.conflict("gs://b/x", "7", "generation", "", null);
        assertThat(e).hasMessage("CONFLICT: gs://b/x is no longer generation 7; nothing written");
        assertThat(e.object()).isEqualTo("gs://b/x");
    }

    @Test
    void anAmbiguousWriteIsDecidedByWhatTheObjectIsNow() throws Exception {
        MemBlobStore s = new MemBlobStore();
        IOException lost = new IOException("put failed", new IOException("connection reset"));
        String v1 = s.putIf("g/x.enc", b("mine"), null);
        assertThat(ConditionalWrites.resolveAmbiguous(s, "g/x.enc", URI, b("mine"), null, "version", lost))
                .as("our bytes there: written").isEqualTo(v1);
        assertThat(catchThrowableOfType(BlobConflictException.class, () -> ConditionalWrites.resolveAmbiguous(s,
                "g/x.enc", URI, b("other"), "v0", "version", lost)))
                .hasMessage("CONFLICT: s3://b/g/x.enc is no longer version v0; nothing written")
                .hasCause(lost.getCause());
        assertThat(catchThrowableOfType(IOException.class, () -> ConditionalWrites.resolveAmbiguous(s, "g/x.enc", URI,
                b("other"), v1, "version", lost))).as("still at the expected version: unknown").isSameAs(lost);
        assertThat(catchThrowableOfType(BlobConflictException.class, () -> ConditionalWrites.resolveAmbiguous(s,
                "g/gone.enc", URI, b("other"), "v9", "version", lost)))
                .hasMessage("CONFLICT: s3://b/g/x.enc no longer exists (it was version v9); nothing written");
        assertThat(catchThrowableOfType(IOException.class, () -> ConditionalWrites.resolveAmbiguous(s, "g/gone.enc",
                URI, b("other"), null, "version", lost))).as("create-only, still absent: unknown").isSameAs(lost);
    }

    @Test
    void theStoreRuleBitesWhereConflictsAreBuilt() {
        // ConditionalWrites itself builds them: the rule the cloud modules check must fail here
        assertThatThrownBy(() -> StoreRules.conflictsOnlyThroughConditionalWrites("dev.vss.bl.store"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ConditionalWrites");
    }

    @Test
    void aRefusalStandsUnlessOurBytesAreThere() throws Exception {
        MemBlobStore s = new MemBlobStore();
        String v1 = s.putIf("g/x.enc", b("mine"), null);
        BlobConflictException refusal = ConditionalWrites.conflict(URI, null, "version", " (Azure 409)", null);
        assertThat(ConditionalWrites.refusedUnlessOurs(s, "g/x.enc", b("mine"), refusal)).isEqualTo(v1);
        assertThat(catchThrowableOfType(BlobConflictException.class,
                () -> ConditionalWrites.refusedUnlessOurs(s, "g/x.enc", b("other"), refusal))).isSameAs(refusal);
        assertThat(catchThrowableOfType(BlobConflictException.class,
                () -> ConditionalWrites.refusedUnlessOurs(s, "g/gone.enc", b("mine"), refusal))).isSameAs(refusal);
    }
}
