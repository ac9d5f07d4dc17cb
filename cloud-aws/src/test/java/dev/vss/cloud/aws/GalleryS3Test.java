// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vss.bl.crypto.Envelope;
import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.gallery.GalleryCache;
import dev.vss.bl.gallery.GalleryException;
import dev.vss.bl.gallery.GalleryStore;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.store.PrefixedBlobStore;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.face.Embedding;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The encrypted gallery in S3 (s3proxy on 127.0.0.1, real SDK client), below a prefix as a deployment would keep
 * it. The data key is wrapped by the local key: KMS has no local server (docs/security.md).
 */
class GalleryS3Test extends LocalS3Tests {
    static final String MODEL = "face-reidentification-retail-0095/FP16-INT8";
    static Embedding vector(Random r, String model) {
        float[] v = new float[256];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Embedding(v, model);
    }

    @Test
    void roundTripTamperEraseAndWarmReloadThroughS3() throws Exception {
        S3BlobStore bucket = s3.bucket("gallery-roundtrip");
        BlobStore site = new PrefixedBlobStore(bucket, "galleries/site1");
        LocalKeyWrapper key = LocalKeyWrapper.fromBase64(LocalKeyWrapper.newKeyBase64(), "test");
        Random r = new Random(21);
        Embedding alice = vector(r, MODEL);
        List<Embedding> bob = List.of(vector(r, MODEL), vector(r, MODEL));
        GalleryStore admin = new GalleryStore(site, key);
        assertThat(admin.load()).isNull();
        admin.enrol("alice", List.of(alice));
        admin.enrol("bob", bob);
        assertThat(bucket.list("galleries/site1/")).containsExactly("galleries/site1/gallery.json.enc",
                "galleries/site1/gallery.version");

        // another instance (a function container) reads it back through its own client view
        GalleryCache cache = GalleryCache.builder(new GalleryStore(new PrefixedBlobStore(bucket, "galleries/site1"), key))
                .optMinInterval(Duration.ZERO).build();
        assertThat(cache.get().ids()).containsExactly("alice", "bob");
        assertThat(cache.get().match(bob.get(1)).identity()).isEqualTo("bob");
        assertThat(cache.get().model()).isEqualTo(MODEL);
        HlaException mismatch = catchThrowableOfType(HlaException.class,
                () -> cache.get().match(vector(r, "face-reidentification-retail-0095/FP16")));
        assertThat(mismatch.code()).isEqualTo(HlaErrorCode.GALLERY_MISMATCH);

        // erase: the new object, decrypted, holds no trace of bob; the warm cache picks it up
        admin.erase("bob");
        byte[] sealed = bucket.get("galleries/site1/gallery.json.enc");
        String plain = new String(Envelope.open(sealed, GalleryStore.CONTENT_TYPE, key, "s3").plaintext(),
                StandardCharsets.UTF_8);
        assertThat(plain).doesNotContain("bob").contains("alice");
        for (Embedding e : bob) {
            for (float x : e.vector()) {
                assertThat(plain).doesNotContain(Float.toString(x));
            }
        }
        assertThat(cache.get().ids()).containsExactly("alice");
        assertThat(cache.version()).isEqualTo(3);

        // a flipped ciphertext byte written back to the bucket: authentication error, never an empty gallery
        byte[] bad = sealed.clone();
        bad[bad.length - 30] ^= 0x04;
        bucket.put("galleries/site1/gallery.json.enc", bad);
        GalleryException e = catchThrowableOfType(GalleryException.class, admin::load);
        assertThat(e.code()).isEqualTo(GalleryException.Code.TAMPERED);
        assertThat(e.getMessage()).contains("gallery.json.enc");
        bucket.put("galleries/site1/gallery.version", "4\n".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(cache::get).isInstanceOf(UncheckedIOException.class).hasMessageContaining("TAMPERED");

        // a wrong key is named as such
        bucket.put("galleries/site1/gallery.json.enc", sealed);
        LocalKeyWrapper other = LocalKeyWrapper.fromBase64(LocalKeyWrapper.newKeyBase64(), "other");
        assertThat(catchThrowableOfType(GalleryException.class, () -> new GalleryStore(site, other).load()).code())
                .isEqualTo(GalleryException.Code.WRONG_KEY);
    }
}
