package dev.vss.cli;

import dev.vss.bl.GalleryStore;
import dev.vss.bl.VssRuntime;
import dev.vss.dl.image.Images;
import dev.vss.hla.face.Embedding;
import dev.vss.hla.face.Face;
import dev.vss.hla.gallery.Gallery;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vss gallery add|list|remove}. */
@Command(name = "gallery", mixinStandardHelpOptions = true, description = "Registered people.",
        subcommands = {GalleryCommand.Add.class, GalleryCommand.ListCmd.class, GalleryCommand.Remove.class})
final class GalleryCommand {

    static Gallery load(Path dir) throws Exception {
        GalleryStore.Versioned v = AnalyzeCommand.store(dir).load();
        if (v == null) {
            throw new IllegalArgumentException("no gallery in " + dir + "; create one with `vss gallery add`");
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
            try (VssRuntime rt = runtime.open()) {
                out.println(enrol(rt, dir, id, images));
            }
            return 0;
        }
    }

    /** Enrols {@code id} and returns a one-line summary. */
    static String enrol(VssRuntime rt, Path dir, String id, List<Path> images) throws Exception {
        GalleryStore store = AnalyzeCommand.store(dir);
        GalleryStore.Versioned v = store.load();
        String model = rt.analyzer().embeddingModel();
        Gallery g = v == null ? Gallery.empty(model, Gallery.DEFAULT_THRESHOLD) : v.gallery();
        if (!g.model().equals(model)) {
            throw new IllegalArgumentException("gallery " + dir + " holds " + g.model() + " embeddings; this run embeds "
                    + "with " + model + " (use the same --precision)");
        }
        List<Embedding> es = new ArrayList<>();
        for (Path p : images) {
            Face f = rt.analyzer().enrolmentFace(Images.read(p));
            es.add(f.embedding());
        }
        g = g.enrol(id, es);
        long version = store.save(g, v == null ? 0 : v.version());
        return "enrolled " + id + " with " + es.size() + " face(s); gallery " + dir + " version " + version + ", "
                + g.size() + " people, model " + g.model();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List enrolled people.")
    static final class ListCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--gallery", required = true)
        Path dir;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Gallery g = load(dir);
            out.println("model " + g.model() + ", threshold " + g.threshold());
            for (String id : g.ids()) {
                out.println(id + "\t" + g.embeddings(id).size() + " embedding(s)");
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Erase a person and all their embeddings.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--gallery", required = true)
        Path dir;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws Exception {
            GalleryStore store = AnalyzeCommand.store(dir);
            GalleryStore.Versioned v = store.load();
            if (v == null || !v.gallery().ids().contains(id)) {
                spec.commandLine().getErr().println("no person '" + id + "' in " + dir);
                return 1;
            }
            long version = store.save(v.gallery().remove(id), v.version());
            spec.commandLine().getOut().println("removed " + id + "; gallery version " + version);
            return 0;
        }
    }
}
