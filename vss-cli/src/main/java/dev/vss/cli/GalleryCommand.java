// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import dev.vss.bl.GalleryStore;
import dev.vss.bl.LocalBlobStore;
import dev.vss.bl.ImageRef;
import dev.vss.bl.InitStrategy;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.crypto.LocalKeyWrapper;
import dev.vss.hla.gallery.Gallery;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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

        /** Puts the key file, when given, into the settings. */
        void apply(VssSettings.Builder b) {
            if (keyFile != null) {
                b.optGalleryKeyFile(keyFile);
            }
        }

        /** @param create make the key file if it is missing (only when a new gallery is started) */
        LocalKeyWrapper resolve(boolean create, PrintWriter err) throws IOException {
            Consumer<String> notice = s -> {
                err.println(s);
                err.flush();
            };
            if (keyFile != null) {
                return create ? LocalKeyWrapper.createOrLoad(keyFile, notice) : LocalKeyWrapper.fromFile(keyFile);
            }
            return LocalKeyWrapper.fromEnvironment(System.getenv(), create, notice);
        }
    }

    /**
     * The gallery store of a folder. A key is created only when {@code starting} a gallery in a folder that has none:
     * a new key could never read an existing one.
     */
    static GalleryStore store(Path dir, KeyOptions keys, boolean starting, PrintWriter err) throws IOException {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        boolean create = starting && !blobs.exists(GalleryStore.KEY) && !blobs.exists(GalleryStore.LEGACY_KEY);
        return new GalleryStore(blobs, keys.resolve(create, err));
    }

    /** The gallery in {@code dir}, decrypted. @throws IllegalArgumentException if there is none */
    static Gallery load(Path dir, KeyOptions keys, PrintWriter err) throws Exception {
        LocalBlobStore blobs = new LocalBlobStore(dir);
        if (!blobs.exists(GalleryStore.KEY) && !blobs.exists(GalleryStore.LEGACY_KEY)) {
            throw new IllegalArgumentException("no gallery in " + dir + "; create one with `vss gallery add`");
        }
        return new GalleryStore(blobs, keys.resolve(false, err)).load().gallery();
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

        @Option(names = "--gallery", required = true, description = "Gallery folder (created if missing).")
        Path dir;

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
            VssSettings.Builder b = runtime.settings().optGallery(dir.toAbsolutePath().toUri()).optInit(InitStrategy.LAZY);
            keys.apply(b);
            try (VssHandler h = VssHandler.builder(b.build()).optCreateGalleryKey(true).optNotice(s -> {
                err.println(s);
                err.flush();
            }).build()) {
                out.println(enrol(h, dir, id, images));
            }
            return 0;
        }
    }

    /** Enrols {@code id} through the handler and returns a one-line summary (no embedding values). */
    static String enrol(VssHandler h, Path dir, String id, List<Path> images) throws Exception {
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

        @Option(names = "--gallery", required = true)
        Path dir;

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

        @Option(names = "--gallery", required = true)
        Path dir;

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

        @Option(names = "--gallery", required = true)
        Path dir;

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
