// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.bl.gallery.GalleryStore;
import dev.vss.bl.store.LocalBlobStore;
import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.hla.face.Embedding;
import dev.vss.hla.gallery.Gallery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gallery operations of `vss gallery` on a real encrypted store, without models (synthetic embeddings). */
class GalleryAdminTest {
    static final String MODEL = "face-reidentification-retail-0095/FP16-INT8";

    static Embedding vector(Random r) {
        float[] v = new float[256];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Embedding(v, MODEL);
    }

    @Test
    void listRemoveAndRotateKey(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("gallery");
        Files.createDirectories(dir);
        assertThat(GalleryAdmin.exists(dir.toUri())).isFalse();
        assertThatThrownBy(() -> GalleryAdmin.require(dir.toUri())).hasMessageContaining("no gallery in");
        Path keyFile = tmp.resolve("keys/old.key");
        GalleryStore store = GalleryAdmin.open(dir.toUri(), create -> LocalKeyWrapper.createOrLoad(keyFile, s -> { }),
                dev.vss.bl.gallery.VersionLedger.file(tmp.resolve("keys/old.key.versions.json")), false, true);
        assertThatThrownBy(() -> GalleryAdmin.list(store, "g")).hasMessageContaining("no gallery in g");
        Random r = new Random(7);
        store.save(Gallery.empty(MODEL, 0.5f).enrol("alice", List.of(vector(r), vector(r)))
                .enrol("bob", List.of(vector(r))), 0);
        assertThat(GalleryAdmin.exists(dir.toUri())).isTrue();

        GalleryAdmin.Listing l = GalleryAdmin.list(store, "g");
        assertThat(l.model()).isEqualTo(MODEL);
        assertThat(l.threshold()).isEqualTo(0.5f);
        assertThat(l.people()).containsExactly(new GalleryAdmin.Person("alice", 2), new GalleryAdmin.Person("bob", 1));

        assertThat(GalleryAdmin.remove(store, "carol")).isEqualTo(-1);
        assertThat(GalleryAdmin.remove(store, "bob")).isEqualTo(2);
        assertThat(GalleryAdmin.list(store, "g").people()).containsExactly(new GalleryAdmin.Person("alice", 2));

        GalleryAdmin.Rotated same = GalleryAdmin.rotateKey(store, keyFile, "g", s -> { });
        assertThat(same.outcome()).isEqualTo(GalleryAdmin.Rotation.SAME_KEY);
        Path newKey = tmp.resolve("keys/new.key");
        GalleryAdmin.Rotated rotated = GalleryAdmin.rotateKey(store, newKey, "g", s -> { });
        assertThat(rotated.outcome()).isEqualTo(GalleryAdmin.Rotation.ROTATED);
        assertThat(rotated.version()).isEqualTo(3);
        // the new key reads it; the listing is unchanged
        GalleryStore reopened = new GalleryStore(new LocalBlobStore(dir), LocalKeyWrapper.createOrLoad(newKey, s -> { }));
        assertThat(GalleryAdmin.list(reopened, "g").people()).containsExactly(new GalleryAdmin.Person("alice", 2));
    }
}
