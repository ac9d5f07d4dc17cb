// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.crypto.Envelope;
import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.store.LocalBlobStore;
import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.face.Embedding;
import dev.vss.hla.gallery.Gallery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encrypted gallery through a {@link LocalBlobStore}, with synthetic embeddings (the crypto and persistence
 * do not depend on where vectors come from; {@link GalleryRealPipelineTest} uses real ones).
 */
class GalleryStoreTest {
    static final String INT8 = "face-reidentification-retail-0095/FP16-INT8";
    static final String FP16 = "face-reidentification-retail-0095/FP16";

    static LocalKeyWrapper newKey() throws Exception {
        return LocalKeyWrapper.fromBase64(LocalKeyWrapper.newKeyBase64(), "test");
    }

    static Embedding vector(Random r, String model) {
        float[] v = new float[256];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Embedding(v, model);
    }

    /** Two people, alice with two embeddings and bob with one. */
    static Gallery twoPeople(Random r) throws HlaException {
        return Gallery.empty(INT8, 0.5f).enrol("alice", List.of(vector(r, INT8), vector(r, INT8)))
                .enrol("bob", List.of(vector(r, INT8)));
    }

    /** The strings of every component, as the plaintext JSON would spell them. */
    static List<String> components(List<Embedding> es) {
        List<String> out = new ArrayList<>();
        for (Embedding e : es) {
            for (float x : e.vector()) {
                out.add(Float.toString(x));
            }
        }
        return out;
    }

    static void assertSameVectors(List<Embedding> actual, List<Embedding> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).model()).isEqualTo(expected.get(i).model());
            assertThat(actual.get(i).vector()).containsExactly(expected.get(i).vector(),
                    org.assertj.core.data.Offset.offset(1e-7f));
        }
    }

    @Test
    void roundTripKeepsModelThresholdAndVectors(@TempDir Path dir) throws Exception {
        Random r = new Random(1);
        GalleryStore store = new GalleryStore(new LocalBlobStore(dir), newKey());
        assertThat(store.load()).isNull();
        assertThat(store.storedVersion()).isZero();
        Gallery g = twoPeople(r);
        assertThat(store.save(g, 0)).isEqualTo(1);
        GalleryStore.Versioned back = store.load();
        assertThat(back.version()).isEqualTo(1);
        assertThat(back.gallery().model()).isEqualTo(INT8);
        assertThat(back.gallery().threshold()).isEqualTo(0.5f);
        assertThat(back.gallery().ids()).containsExactly("alice", "bob");
        assertSameVectors(back.gallery().embeddings("alice"), g.embeddings("alice"));
        assertSameVectors(back.gallery().embeddings("bob"), g.embeddings("bob"));
        assertThat(back.gallery().match(g.embeddings("bob").get(0)).identity()).isEqualTo("bob");
        assertThat(store.storedVersion()).isEqualTo(1);
        assertThat(dir.resolve(GalleryStore.VERSION_KEY)).hasContent("1");

        // encrypted at rest: nothing readable in the object, and no other file (temp, plaintext) left behind
        String raw = new String(Files.readAllBytes(dir.resolve(GalleryStore.KEY)), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("alice").doesNotContain("bob").doesNotContain("face-reidentification")
                .doesNotContain("people");
        components(g.embeddings("alice")).forEach(c -> assertThat(raw).doesNotContain(c));
        try (Stream<Path> files = Files.list(dir)) {
            // the conditional writes' lock file stays, empty
            assertThat(files.filter(p -> !p.getFileName().toString().equals(LocalBlobStore.LOCK_FILE) || sizeOf(p) != 0)
                    .map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(GalleryStore.KEY, GalleryStore.VERSION_KEY);
        }
    }

    static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void enrolCreatesForTheEmbeddingsModelAndEraseLeavesNoTrace(@TempDir Path dir) throws Exception {
        Random r = new Random(2);
        LocalKeyWrapper key = newKey();
        GalleryStore store = new GalleryStore(new LocalBlobStore(dir), key);
        List<Embedding> alice = List.of(vector(r, INT8), vector(r, INT8));
        List<Embedding> bob = List.of(vector(r, INT8), vector(r, INT8), vector(r, INT8));
        assertThat(store.enrol("alice", alice).version()).isEqualTo(1);
        GalleryStore.Versioned v2 = store.enrol("bob", bob);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.gallery().model()).isEqualTo(INT8);
        assertThat(v2.gallery().threshold()).isEqualTo(Gallery.DEFAULT_THRESHOLD);

        GalleryStore.Versioned v3 = store.erase("bob");
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.gallery().ids()).containsExactly("alice");
        assertThat(store.erase("bob").version()).as("erasing an absent person writes nothing").isEqualTo(3);

        // decrypt the new object itself: bob's id and every component of his vectors are gone, alice's are intact
        byte[] sealed = Files.readAllBytes(dir.resolve(GalleryStore.KEY));
        Envelope.Opened o = Envelope.open(sealed, GalleryStore.CONTENT_TYPE, key, "gallery");
        assertThat(o.header().version()).isEqualTo(3);
        String plain = new String(o.plaintext(), StandardCharsets.UTF_8);
        assertThat(plain).doesNotContain("bob");
        components(bob).forEach(c -> assertThat(plain).as("a component of bob's vectors").doesNotContain(c));
        JsonNode people = ResultJson.mapper().readTree(plain).path("people");
        assertThat(people.size()).isEqualTo(1);
        assertThat(people.path("alice")).hasSize(2);
        assertSameVectors(store.load().gallery().embeddings("alice"), alice);
        for (Embedding e : store.load().gallery().embeddings("alice")) {
            for (Embedding b : bob) {
                assertThat(e.cosine(b)).isLessThan(0.5f);
            }
        }
    }

    @Test
    void aFlippedCiphertextByteIsAnAuthenticationError(@TempDir Path dir) throws Exception {
        GalleryStore store = new GalleryStore(new LocalBlobStore(dir), newKey());
        store.save(twoPeople(new Random(3)), 0);
        Path obj = dir.resolve(GalleryStore.KEY);
        byte[] sealed = Files.readAllBytes(obj);
        sealed[sealed.length / 2 + Envelope.header(sealed, "x").length() / 2] ^= 0x01;
        Files.write(obj, sealed);
        GalleryException e = catchThrowableOfType(GalleryException.class, store::load);
        assertThat(e.code()).isEqualTo(GalleryException.Code.TAMPERED);
        assertThat(e.object()).isEqualTo(obj.toString());
        assertThat(e.getMessage()).startsWith("TAMPERED: ").contains(obj.toString()).contains("authentication failed");
        assertThatThrownBy(() -> store.save(Gallery.empty(INT8, 0.5f), 0)).isInstanceOf(GalleryException.class)
                .as("a damaged gallery is never silently overwritten");
    }

    @Test
    void everyFlippedByteAnywhereIsRefusedNeverAnEmptyGallery(@TempDir Path dir) throws Exception {
        GalleryStore store = new GalleryStore(new LocalBlobStore(dir), newKey());
        // a small gallery keeps the loop short; the header is the same size whatever the payload
        store.save(Gallery.empty(INT8, 0.5f).enrol("carol", List.of(vector(new Random(4), INT8))), 0);
        Path obj = dir.resolve(GalleryStore.KEY);
        byte[] good = Files.readAllBytes(obj);
        int headerLength = Envelope.header(good, "x").length();
        Set<GalleryException.Code> codes = EnumSet.noneOf(GalleryException.Code.class);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) (i % 2 == 0 ? 0x01 : 0x80);
            Files.write(obj, bad);
            int at = i;
            GalleryException e = catchThrowableOfType(GalleryException.class, store::load);
            assertThat(e).as("byte %d of %d (header %d)", at, good.length, headerLength).isNotNull();
            assertThat(e.getMessage()).contains(obj.toString());
            if (i >= headerLength) {
                assertThat(e.code()).as("byte %d", at).isEqualTo(GalleryException.Code.TAMPERED);
            }
            codes.add(e.code());
        }
        assertThat(codes).contains(GalleryException.Code.NOT_A_GALLERY, GalleryException.Code.UNSUPPORTED_FORMAT,
                GalleryException.Code.TAMPERED);
        Files.write(obj, good);
        assertThat(store.load().gallery().ids()).containsExactly("carol");
    }

    @Test
    void aWrongKeyIsAClearError(@TempDir Path dir) throws Exception {
        LocalKeyWrapper right = newKey();
        LocalKeyWrapper wrong = newKey();
        new GalleryStore(new LocalBlobStore(dir), right).save(twoPeople(new Random(5)), 0);
        GalleryException e = catchThrowableOfType(GalleryException.class,
                () -> new GalleryStore(new LocalBlobStore(dir), wrong).load());
        assertThat(e.code()).isEqualTo(GalleryException.Code.WRONG_KEY);
        assertThat(e.getMessage()).contains(right.keyId(), wrong.keyId(), dir.resolve(GalleryStore.KEY).toString());
    }

    @Test
    void aGalleryOfAnotherModelOrPrecisionIsRefused(@TempDir Path dir) throws Exception {
        Random r = new Random(6);
        GalleryStore store = new GalleryStore(new LocalBlobStore(dir), newKey());
        store.enrol("alice", List.of(vector(r, FP16)));
        Gallery loaded = store.load().gallery();
        assertThat(loaded.model()).isEqualTo(FP16);
        HlaException match = catchThrowableOfType(HlaException.class, () -> loaded.match(vector(r, INT8)));
        assertThat(match.code()).isEqualTo(HlaErrorCode.GALLERY_MISMATCH);
        assertThat(match.getMessage()).contains(FP16, INT8);
        HlaException enrol = catchThrowableOfType(HlaException.class, () -> store.enrol("bob", List.of(vector(r, INT8))));
        assertThat(enrol.code()).isEqualTo(HlaErrorCode.GALLERY_MISMATCH);
        assertThat(store.load().version()).as("nothing written").isEqualTo(1);
        assertThat(store.load().gallery().ids()).containsExactly("alice");
    }

    @Test
    void aConcurrentWriterIsDetected(@TempDir Path dir) throws Exception {
        LocalKeyWrapper key = newKey();
        GalleryStore admin1 = new GalleryStore(new LocalBlobStore(dir), key);
        GalleryStore admin2 = new GalleryStore(new LocalBlobStore(dir), key);
        Random r = new Random(7);
        admin1.enrol("alice", List.of(vector(r, INT8)));
        GalleryStore.Versioned seen = admin2.load();
        admin1.enrol("bob", List.of(vector(r, INT8)));
        GalleryException e = catchThrowableOfType(GalleryException.class,
                () -> admin2.save(seen.gallery().remove("alice"), seen.version()));
        assertThat(e.code()).isEqualTo(GalleryException.Code.CONFLICT);
        assertThat(admin2.load().gallery().ids()).containsExactly("alice", "bob");
    }

    @Test
    void theOldPlaintextGalleryIsRefusedNotIgnored(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("gallery.json"), "{\"format\":\"vss-gallery\",\"people\":{}}");
        GalleryStore store = new GalleryStore(new LocalBlobStore(dir), newKey());
        GalleryException e = catchThrowableOfType(GalleryException.class, store::load);
        assertThat(e.code()).isEqualTo(GalleryException.Code.NOT_A_GALLERY);
        assertThat(e.getMessage()).contains("plaintext", "gallery.json");
        Files.writeString(dir.resolve(GalleryStore.KEY), "{\"format\":\"vss-gallery\"}");
        assertThat(catchThrowableOfType(GalleryException.class, store::load).code())
                .isEqualTo(GalleryException.Code.NOT_A_GALLERY);
    }

    @Test
    void anAuthenticatedPayloadThatIsNotAGalleryIsRefused(@TempDir Path dir) throws Exception {
        LocalKeyWrapper key = newKey();
        Files.write(dir.resolve(GalleryStore.KEY), Envelope.seal(GalleryStore.CONTENT_TYPE, 1,
                "{\"format\":\"vss-gallery\",\"model\":\"m\",\"threshold\":0.5,\"people\":{\"x\":[[0.0,0.0]]}}"
                        .getBytes(StandardCharsets.UTF_8), key));
        GalleryException e = catchThrowableOfType(GalleryException.class,
                () -> new GalleryStore(new LocalBlobStore(dir), key).load());
        assertThat(e.code()).isEqualTo(GalleryException.Code.NOT_A_GALLERY);
        assertThat(e.getMessage()).contains("all zero");
    }

    @Test
    void rotatingTheKeyReEncryptsUnderTheNewOne(@TempDir Path dir) throws Exception {
        LocalKeyWrapper oldKey = newKey();
        LocalKeyWrapper newKey = newKey();
        GalleryStore old = new GalleryStore(new LocalBlobStore(dir), oldKey);
        old.save(twoPeople(new Random(8)), 0);
        assertThat(old.rotateKey(newKey).version()).isEqualTo(2);
        GalleryStore rotated = new GalleryStore(new LocalBlobStore(dir), newKey);
        assertThat(rotated.load().gallery().ids()).containsExactly("alice", "bob");
        assertThat(Envelope.header(Files.readAllBytes(dir.resolve(GalleryStore.KEY)), "x").keyId()).isEqualTo(newKey.keyId());
        assertThat(catchThrowableOfType(GalleryException.class, old::load).code()).isEqualTo(GalleryException.Code.WRONG_KEY);
    }

    @Test
    void noEmbeddingValueInMessagesOrToString(@TempDir Path dir) throws Exception {
        Random r = new Random(9);
        LocalKeyWrapper key = newKey();
        GalleryStore store = new GalleryStore(new LocalBlobStore(dir), key);
        Gallery g = twoPeople(r);
        store.save(g, 0);
        List<String> texts = new ArrayList<>();
        texts.add(store.load().toString());
        texts.add(g.toString());
        texts.add(g.embeddings("alice").get(0).toString());
        texts.add(key.toString());
        // failures: tampered, wrong key, conflict, mismatch, bad payload
        byte[] good = Files.readAllBytes(dir.resolve(GalleryStore.KEY));
        byte[] bad = good.clone();
        bad[bad.length - 1] ^= 1;
        Files.write(dir.resolve(GalleryStore.KEY), bad);
        texts.add(describe(catchThrowableOfType(GalleryException.class, store::load)));
        Files.write(dir.resolve(GalleryStore.KEY), good);
        texts.add(describe(catchThrowableOfType(GalleryException.class,
                () -> new GalleryStore(new LocalBlobStore(dir), newKey()).load())));
        texts.add(describe(catchThrowableOfType(GalleryException.class, () -> store.save(g, 0))));
        texts.add(describe(catchThrowableOfType(HlaException.class, () -> store.enrol("carol", List.of(vector(r, FP16))))));
        texts.add(describe(catchThrowableOfType(HlaException.class, () -> store.load().gallery().match(vector(r, FP16)))));
        GalleryCache cache = GalleryCache.builder(store).build();
        cache.get();
        texts.add(cache.toString());
        List<String> values = components(g.embeddings("alice"));
        values.addAll(components(g.embeddings("bob")));
        for (String t : texts) {
            assertThat(t).isNotBlank();
            for (String v : values) {
                assertThat(t).as("text %s", t).doesNotContain(v);
            }
            assertThat(t).doesNotContain("[0.", "[-0.", ", 0.0");
        }
    }

    /** Message, toString and the messages of the whole cause chain. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append(" | ").append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
