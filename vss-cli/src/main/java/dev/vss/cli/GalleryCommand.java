// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import dev.vss.bl.gallery.GalleryStore;
import dev.vss.bl.gallery.VersionLedger;
import dev.vss.bl.runtime.InitStrategy;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.bl.crypto.KeyWrappers;
import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.bl.ops.GalleryAdmin;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.store.BlobStores;
import dev.vss.hla.gallery.Gallery;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
            Path k = keyFile != null ? keyFile : VssSettings.fromEnvironment().keyFile(); // (also for a key service)
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
            return KeyWrappers.open(s.galleryKeyService(), s.galleryKey(), keyFile != null ? keyFile : s.keyFile(),
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
        return GalleryAdmin.open(VssSettings.location(location), create -> keys.resolve(create, err), keys.ledger(),
                keys.allowRollback, starting);
    }

    /** A subcommand on an existing gallery: its location and key. */
    abstract static class OnGallery extends BaseCommand {
        @Mixin
        KeyOptions keys;

        @Option(names = "--gallery", required = true, paramLabel = "LOCATION", description = "Gallery folder or prefix.")
        String dir;

        /** The gallery store (no key is created: there is a gallery to read). */
        GalleryStore open() throws IOException {
            return store(dir, keys, false, spec.commandLine().getErr());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Enrol a person from images: the largest good face of each image is used.")
    static final class Add extends PipelineCommand {
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
            GalleryAdmin.checkId(id);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            // lazy init: the pipeline is built by the enrolment itself, through the same handler as analysis
            VssSettings.Builder b = runtime.settings().optGallery(VssSettings.location(dir)).optInit(InitStrategy.LAZY);
            keys.apply(b);
            try (VssHandler h = keys.apply(VssHandler.builder(b.build())).optCreateGalleryKey(true).optNotice(s -> {
                err.println(s);
                err.flush();
            }).build()) {
                out.println(Summaries.enrolled(dir, GalleryAdmin.enrol(h, id, images)));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List enrolled people.")
    static final class ListCmd extends OnGallery {
        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            GalleryAdmin.Listing g = GalleryAdmin.list(open(), dir);
            out.println("model " + g.model() + ", threshold " + g.threshold());
            for (GalleryAdmin.Person p : g.people()) {
                out.println(p.id() + "\t" + p.embeddings() + " embedding(s)");
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Erase a person and all their embeddings (the gallery is rewritten without them).")
    static final class Remove extends OnGallery {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            long version = GalleryAdmin.remove(open(), id);
            if (version < 0) {
                err.println("no person '" + id + "' in " + dir);
                return 1;
            }
            spec.commandLine().getOut().println("removed " + id + " and all their embeddings; gallery version "
                    + version);
            return 0;
        }
    }

    @Command(name = "rotate-key", mixinStandardHelpOptions = true,
            description = "Re-encrypt the gallery under a new key (created owner-only if the file is missing).")
    static final class RotateKey extends OnGallery {
        @Option(names = "--new-key-file", required = true, paramLabel = "FILE", description = "The new key file.")
        Path newKeyFile;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            GalleryAdmin.Rotated r = GalleryAdmin.rotateKey(open(), newKeyFile, dir, s -> {
                err.println(s);
                err.flush();
            });
            if (r.outcome() == GalleryAdmin.Rotation.SAME_KEY) {
                err.println("the new key is the current key (" + r.keyId() + "); nothing to do");
                return 1;
            }
            spec.commandLine().getOut().println("gallery " + dir + " version " + r.version() + " is now encrypted under "
                    + r.keyId() + " (" + newKeyFile + "); use that key from now on, and destroy the old key once no "
                    + "backup or older object version needs it");
            return 0;
        }
    }
}
