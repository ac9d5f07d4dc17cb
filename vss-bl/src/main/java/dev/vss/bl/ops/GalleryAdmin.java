// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.ops;

import dev.vss.bl.store.BlobStore;
import dev.vss.bl.gallery.GalleryStore;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.VssException;
import dev.vss.bl.gallery.VersionLedger;
import dev.vss.bl.VssHandler;
import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.store.BlobStores;
import dev.vss.hla.HlaException;
import dev.vss.hla.gallery.Gallery;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The gallery operations of {@code vss gallery} (and of {@code vss demo}, {@code vss analyze --gallery}) over an
 * opened {@link GalleryStore} or a {@link VssHandler}: whether a location holds a gallery, enrolment, listing, erasure
 * and key rotation. Results are values for the caller to print; nothing here prints.
 */
public final class GalleryAdmin {
    private GalleryAdmin() {
    }

    /** An enrolment done: the person, the faces used, and the gallery after it. */
    public record Enrolled(String id, int faces, long version, int people, String model) {
    }

    /** One enrolled person. */
    public record Person(String id, int embeddings) {
    }

    /** The gallery's matching model and threshold, and its people. */
    public record Listing(String model, float threshold, List<Person> people) {
    }

    /** How a key rotation ended. */
    public enum Rotation { ROTATED, SAME_KEY }

    /** A key rotation: how it ended, the new key's id and the gallery version written (-1 when none was). */
    public record Rotated(Rotation outcome, String keyId, long version) {
    }

    /** Checks a person id (letters, digits, _ . -). @throws IllegalArgumentException naming what is wrong */
    public static String checkId(String id) {
        return Gallery.checkId(id);
    }

    /** True when {@code location} holds a gallery (encrypted, or the plaintext of older builds). */
    public static boolean exists(URI location) throws IOException {
        BlobStore blobs = BlobStores.open(location);
        return blobs.exists(GalleryStore.KEY) || blobs.exists(GalleryStore.LEGACY_KEY);
    }

    /** Fails with a clear message when {@code location} holds no gallery. */
    public static void require(URI location) throws IOException {
        if (!exists(location)) {
            throw new IllegalArgumentException("no gallery in " + location + "; create one with `vss gallery add`");
        }
    }

    /** Opens the key a gallery is encrypted under; {@code create}: a missing local key may be made. */
    @FunctionalInterface
    public interface KeySource {
        KeyWrapper open(boolean create) throws IOException;
    }

    /**
     * The gallery store at a location (folder or storage prefix), with rollback protection. A key is created only
     * when {@code starting} a gallery where there is none: a new key could never read an existing one.
     */
    public static GalleryStore open(URI location, KeySource keys, VersionLedger ledger, boolean allowRollback,
            boolean starting) throws IOException {
        BlobStore blobs = BlobStores.open(location);
        boolean create = starting && !blobs.exists(GalleryStore.KEY) && !blobs.exists(GalleryStore.LEGACY_KEY);
        return GalleryStore.builder(blobs, keys.open(create)).optLedger(ledger).optAllowRollback(allowRollback).build();
    }

    /** Enrols {@code id} from image files through the handler (faces first: a failed enrolment writes nothing). */
    public static Enrolled enrol(VssHandler h, String id, List<Path> images)
            throws VssException, IOException, HlaException {
        List<ImageRef> refs = images.stream().map(p -> ImageRef.of(p.toAbsolutePath().toUri().toString())).toList();
        GalleryStore.Versioned v = h.enrol(id, refs);
        return new Enrolled(id, refs.size(), v.version(), v.gallery().size(), v.gallery().model());
    }

    /** The people of the gallery. @throws IllegalArgumentException if there is none at {@code where} */
    public static Listing list(GalleryStore store, String where) throws IOException {
        GalleryStore.Versioned v = store.load();
        if (v == null) {
            throw new IllegalArgumentException("no gallery in " + where + "; create one with `vss gallery add`");
        }
        Gallery g = v.gallery();
        List<Person> people = new ArrayList<>();
        for (String id : g.ids()) {
            people.add(new Person(id, g.embeddings(id).size()));
        }
        return new Listing(g.model(), g.threshold(), people);
    }

    /** Erases a person and all their embeddings; the version written, or -1 when there is no such person. */
    public static long remove(GalleryStore store, String id) throws IOException {
        GalleryStore.Versioned v = store.load();
        if (v == null || !v.gallery().ids().contains(id)) {
            return -1;
        }
        return store.erase(id).version();
    }

    /**
     * Re-encrypts the gallery under the local key in {@code newKeyFile} (created owner-only if missing).
     *
     * @throws IllegalArgumentException if there is no gallery at {@code where}
     */
    public static Rotated rotateKey(GalleryStore store, Path newKeyFile, String where, Consumer<String> notice)
            throws IOException {
        LocalKeyWrapper next = LocalKeyWrapper.createOrLoad(newKeyFile, notice);
        if (next.keyId().equals(store.keys().keyId())) {
            return new Rotated(Rotation.SAME_KEY, next.keyId(), -1);
        }
        GalleryStore.Versioned v = store.rotateKey(next);
        if (v == null) {
            throw new IllegalArgumentException("no gallery in " + where);
        }
        return new Rotated(Rotation.ROTATED, next.keyId(), v.version());
    }
}
