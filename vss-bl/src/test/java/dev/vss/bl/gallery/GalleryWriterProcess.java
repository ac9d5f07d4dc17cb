// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.gallery;

import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.store.LocalBlobStore;
import dev.vss.bl.testing.BlobStoreContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * One writer process of {@link GalleryConcurrencyTest}: {@code java ... GalleryWriterProcess DIR WRITER N [ERASE]}
 * with the key in {@code VSS_GALLERY_KEY}; enrols N people (and first erases ERASE), printing one line per
 * acknowledged change: {@code ack enrol|erase ID VERSION}.
 */
public final class GalleryWriterProcess {
    private GalleryWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String writer = args[1];
        int n = Integer.parseInt(args[2]);
        LocalKeyWrapper key = LocalKeyWrapper.fromBase64(System.getenv("VSS_GALLERY_KEY"), "VSS_GALLERY_KEY");
        GalleryStore store = new GalleryStore(new LocalBlobStore(dir), key);
        if (args.length > 3) {
            GalleryStore.Versioned v = store.erase(args[3]);
            System.out.println("ack erase " + args[3] + " " + v.version());
        }
        Random r = new Random(writer.hashCode());
        for (int i = 0; i < n; i++) {
            String id = writer + "_" + i;
            GalleryStore.Versioned v = store.enrol(id, List.of(BlobStoreContract.vector(r)));
            System.out.println("ack enrol " + id + " " + v.version());
        }
        System.out.println("conflicts " + store.conflicts());
    }
}
