package dev.vss.hla.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.face.Embedding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching rules on synthetic embeddings. */
class GalleryTest {
    static Embedding e(float... v) {
        return new Embedding(v, "reid/FP16");
    }

    @Test
    void bestPersonAboveThresholdElseUnknown() throws Exception {
        Gallery g = Gallery.empty("reid/FP16", 0.5f).enrol("alice", List.of(e(1, 0, 0), e(0.8f, 0.6f, 0)))
                .enrol("bob", List.of(e(0, 0, 1)));
        Match m = g.match(e(0.7f, 0.7f, 0.1f));
        assertThat(m.identity()).isEqualTo("alice");
        assertThat(m.similarity()).isGreaterThan(0.95f); // best of alice's two embeddings counts
        Match none = g.match(e(0, 0.3f, -1)); // 0.17 to alice, -0.96 to bob
        assertThat(none.identity()).isNull();
        assertThat(none.known()).isFalse();
        assertThat(none.nearest()).isEqualTo("alice");
        assertThat(Gallery.empty("reid/FP16", 0.5f).match(e(1, 0, 0)).identity()).isNull();
    }

    @Test
    void otherModelsAreRefused() throws Exception {
        Gallery g = Gallery.empty("reid/FP16", 0.5f).enrol("alice", List.of(e(1, 0)));
        assertThatThrownBy(() -> g.match(new Embedding(new float[] {1, 0}, "reid/FP16-INT8")))
                .isInstanceOfSatisfying(HlaException.class, x -> assertThat(x.code()).isEqualTo(HlaErrorCode.GALLERY_MISMATCH))
                .hasMessageContaining("reid/FP16-INT8");
        assertThatThrownBy(() -> g.enrol("bob", List.of(new Embedding(new float[] {1, 0}, "other"))))
                .isInstanceOf(HlaException.class);
    }

    @Test
    void removeErasesEveryEmbeddingOfThePerson() throws Exception {
        Gallery g = Gallery.empty("reid/FP16", 0.5f).enrol("alice", List.of(e(1, 0), e(0.9f, 0.1f))).enrol("bob", List.of(e(0, 1)));
        Gallery h = g.remove("alice");
        assertThat(h.ids()).containsExactly("bob");
        assertThat(h.embeddings("alice")).isEmpty();
        assertThat(h.match(e(1, 0)).identity()).isNull();
        assertThat(g.ids()).containsExactly("alice", "bob"); // immutable
    }

    @Test
    void idsAreValidated() {
        assertThatThrownBy(() -> Gallery.checkId("../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gallery.checkId("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Gallery.checkId("obama")).isEqualTo("obama");
    }
}
