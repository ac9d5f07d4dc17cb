// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.bl.crypto.KeyWrappers;
import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.gallery.GalleryStore;
import dev.vss.bl.gallery.VersionLedger;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.runtime.InitStrategy;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.store.BlobStores;
import dev.vss.hla.gallery.Gallery;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vss gallery add|list|remove|rotate-key}. The gallery is one encrypted object in the folder
 * ({@link GalleryStore#KEY}); its key comes from {@link KeyOptions}.
 */
@Command(name = "gallery", mixinStandardHelpOptions = true, description = "Registered people (stored encrypted).",
        subcommands = {GalleryCommand.Add.class, GalleryCommand.ListCmd.class, GalleryCommand.Remove.class,
            GalleryCommand.RotateKey.class})
final class GalleryCommand {

    /** Where the gallery key comes from; a mixin of every command that reads or writes a gallery. */
    static final class KeyOptions {
        @Option(names = "--key-file", paramLabel = "FILE", description = "Gallery key file (base64 256-bit key, "
                + "owner-only). Default: the key in VSS_GALLERY_KEY, else the file named by VSS_GALLERY_KEY_FILE, else "
                + "~/.config/vss/gallery.key. A missing key file is created when a new gallery is started.")
        Path keyFile;

        @Option(names = "--allow-rollback", description = "Accept a gallery older than a version of it seen before "
                + "(a deliberate restore of a backup). Without it such a gallery is refused (ROLLED_BACK): an older "
                + "copy put back would undo erasures.")
        boolean allowRollback;

        /**
         * The ledger of gallery versions seen, beside the key file (the key's owner keeps it; whoever can only write
         * the gallery folder cannot lower it): {@code <key file>.versions.json}.
         */
        VersionLedger ledger() {
            Path configured = VssSettings.fromEnvironment().galleryKeyFile();
            Path k = keyFile != null ? keyFile : configured != null ? configured
                    : LocalKeyWrapper.defaultKeyFile(System.getenv()); // (also for a key service: a fixed place)
            return VersionLedger.file(k.toAbsolutePath().resolveSibling(k.getFileName() + ".versions.json"));
        }

        /** Rollback protection for a handler: this ledger, and the opt-in. */
        VssHandler.Builder apply(VssHandler.Builder h) {
            return h.optGalleryLedger(ledger()).optAllowRollback(allowRollback);
        }

        /** Puts the key file, when given, into the settings. */
        void apply(VssSettings.Builder b) {
            if (keyFile != null) {
                b.optGalleryKeyFile(keyFile);
            }
        }

        /**
         * The key wrapper the settings name ({@code VSS_GALLERY_KEY_SERVICE}: local key, or a cloud key service).
         *
         * @param create make the local key file if it is missing (only when a new gallery is started)
         */
        KeyWrapper resolve(boolean create, PrintWriter err) throws IOException {
            VssSettings s = VssSettings.fromEnvironment();
            return KeyWrappers.open(s.galleryKeyService(), s.galleryKey(), keyFile != null ? keyFile : s.galleryKeyFile(),
                    create, line -> {
                        err.println(line);
                        err.flush();
                    });
        }
    }

    /**
     * The gallery store at a location (folder or storage prefix). A key is created only when {@code starting} a
     * gallery where there is none: a new key could never read an existing one.
     */
    static GalleryStore store(String location, KeyOptions keys, boolean starting, PrintWriter err) throws IOException {
        BlobStore blobs = BlobStores.open(VssSettings.location(location));
        boolean create = starting && !blobs.exists(GalleryStore.KEY) && !blobs.exists(GalleryStore.LEGACY_KEY);
        return GalleryStore.builder(blobs, keys.resolve(create, err)).optLedger(keys.ledger())
                .optAllowRollback(keys.allowRollback).build();
    }

    /** The gallery at {@code location}, decrypted. @throws IllegalArgumentException if there is none */
    static Gallery load(String location, KeyOptions keys, PrintWriter err) throws Exception {
        GalleryStore.Versioned v = store(location, keys, false, err).load();
        if (v == null) {
            throw new IllegalArgumentException("no gallery in " + location + "; create one with `vss gallery add`");
        }
        return v.gallery();
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Enrol a person from images: the largest good face of each image is used.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RuntimeOptions runtime;

        @Mixin
        KeyOptions keys;

        @Option(names = "--gallery", required = true, paramLabel = "LOCATION", description = "Gallery folder (created "
                + "if missing) or storage prefix (s3://bucket/gallery/).")
        String dir;

        @Parameters(index = "0", paramLabel = "ID", description = "Person id (letters, digits, _ . -).")
        String id;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "Images of the person.")
        List<Path> images;

        @Override
        public Integer call() throws Exception {
            Gallery.checkId(id);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            // lazy init: the pipeline is built by the enrolment itself, through the same handler as analysis
            VssSettings.Builder b = runtime.settings().optGallery(VssSettings.location(dir)).optInit(InitStrategy.LAZY);
            keys.apply(b);
            try (VssHandler h = keys.apply(VssHandler.builder(b.build())).optCreateGalleryKey(true).optNotice(s -> {
                err.println(s);
                err.flush();
            }).build()) {
                out.println(enrol(h, dir, id, images));
            }
            return 0;
        }
    }

    /** Enrols {@code id} through the handler and returns a one-line summary (no embedding values). */
    static String enrol(VssHandler h, String dir, String id, List<Path> images) throws Exception {
        List<ImageRef> refs = images.stream().map(p -> ImageRef.of(p.toAbsolutePath().toUri().toString())).toList();
        GalleryStore.Versioned v = h.enrol(id, refs); // faces first: a failed enrolment writes nothing
        return "enrolled " + id + " with " + refs.size() + " face(s); gallery " + dir + " version " + v.version() + ", "
                + v.gallery().size() + " people, model " + v.gallery().model();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List enrolled people.")
    static final class ListCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KeyOptions keys;

        @Option(names = "--gallery", required = true, paramLabel = "LOCATION", description = "Gallery folder or prefix.")
        String dir;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Gallery g = load(dir, keys, spec.commandLine().getErr());
            out.println("model " + g.model() + ", threshold " + g.threshold());
            for (String id : g.ids()) {
                out.println(id + "\t" + g.embeddings(id).size() + " embedding(s)");
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Erase a person and all their embeddings (the gallery is rewritten without them).")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KeyOptions keys;

        @Option(names = "--gallery", required = true, paramLabel = "LOCATION", description = "Gallery folder or prefix.")
        String dir;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            GalleryStore store = store(dir, keys, false, err);
            GalleryStore.Versioned v = store.load();
            if (v == null || !v.gallery().ids().contains(id)) {
                err.println("no person '" + id + "' in " + dir);
                return 1;
            }
            GalleryStore.Versioned after = store.erase(id);
            spec.commandLine().getOut().println("removed " + id + " and all their embeddings; gallery version "
                    + after.version());
            return 0;
        }
    }

    @Command(name = "rotate-key", mixinStandardHelpOptions = true,
            description = "Re-encrypt the gallery under a new key (created owner-only if the file is missing).")
    static final class RotateKey implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KeyOptions keys;

        @Option(names = "--gallery", required = true, paramLabel = "LOCATION", description = "Gallery folder or prefix.")
        String dir;

        @Option(names = "--new-key-file", required = true, paramLabel = "FILE", description = "The new key file.")
        Path newKeyFile;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            GalleryStore store = store(dir, keys, false, err);
            LocalKeyWrapper next = LocalKeyWrapper.createOrLoad(newKeyFile, s -> {
                err.println(s);
                err.flush();
            });
            if (next.keyId().equals(store.keys().keyId())) {
                err.println("the new key is the current key (" + next.keyId() + "); nothing to do");
                return 1;
            }
            GalleryStore.Versioned v = store.rotateKey(next);
            if (v == null) {
                throw new IllegalArgumentException("no gallery in " + dir);
            }
            spec.commandLine().getOut().println("gallery " + dir + " version " + v.version() + " is now encrypted under "
                    + next.keyId() + " (" + newKeyFile + "); use that key from now on, and destroy the old key once no "
                    + "backup or older object version needs it");
            return 0;
        }
    }
}
