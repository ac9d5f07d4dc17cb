package dev.vss.cli;

import dev.vss.bl.HandlerResponse;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.gallery.GalleryStore;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ImageResult;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.runtime.Annotator;
import dev.vss.bl.runtime.FunctionInstance;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.store.BlobStores;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vss analyze}: one JSON object per image on stdout, through the same handler as the functions. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse images (files or folders): coverage, people and keypoints, faces and identities. "
                + "Writes one JSON object per image (JSON Lines) to stdout.")
final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptions runtime;

    @Option(names = "--gallery", paramLabel = "LOCATION", description = "Gallery folder (from `vss gallery add`) or "
            + "storage prefix (s3://bucket/gallery/): faces are matched against it.")
    String gallery;

    @Mixin
    GalleryCommand.KeyOptions keys;

    @Option(names = "--annotate", description = "Write annotated copies of the images to this folder.")
    Path annotate;

    @Option(names = "--results", paramLabel = "LOCATION", description = "Also store each result as a JSON object "
            + "under this folder or storage prefix (<camera>/<date>/<image>.json), as a function does.")
    String results;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Image files or folders, or storage prefixes "
            + "(s3://bucket/prefix/, az://account/container/prefix/, gs://bucket/prefix/).")
    List<String> paths;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<String> refs = Sources.images(paths);
        VssSettings.Builder b = runtime.settings();
        if (refs.size() == 1 && !dev.vss.bl.Setting.PRIME.isGiven()) {
            // priming pays first-inference costs ahead of later requests; one image has none (0.35 s of CPU and
            // ~0.13 s to its result at a cached cold start, docs/benchmarks.md)
            b.optPrime(false);
        }
        if (gallery != null) {
            URI location = VssSettings.location(gallery);
            requireGallery(location);
            b.optGallery(location);
            keys.apply(b);
        }
        if (results != null) {
            b.optResults(VssSettings.location(results));
        }
        VssHandler.Builder hb = keys.apply(VssHandler.builder(b.build()));
        if (VssCli.verbose) {
            hb.optLog(System.err::println); // init phases as JSON lines
        }
        try (VssHandler h = hb.build()) {
            int failed = run(h, refs, annotate, out);
            return failed == 0 ? 0 : 3;
        }
    }

    /** Fails with a clear message when {@code location} holds no gallery. */
    static void requireGallery(URI location) throws java.io.IOException {
        BlobStore blobs = BlobStores.open(location);
        if (!blobs.exists(GalleryStore.KEY) && !blobs.exists(GalleryStore.LEGACY_KEY)) {
            throw new IllegalArgumentException("no gallery in " + location + "; create one with `vss gallery add`");
        }
    }

    /** Analyses each reference through the handler, one per call; prints one line each; returns the failures. */
    static int run(VssHandler h, List<String> refs, Path annotate, PrintWriter out) throws Exception {
        FunctionInstance.ImageObserver draw = null;
        if (annotate != null) {
            Files.createDirectories(annotate);
            Set<String> used = new HashSet<>();
            draw = (ref, image, result) -> {
                Path file = annotate.resolve(uniqueName(annotatedName(ref.uri()), used));
                try {
                    Annotator.write(image, result.analysis(), file);
                } catch (java.io.IOException e) {
                    System.err.println("vss: " + e.getMessage());
                }
            };
        }
        int failed = 0;
        try (ProgressBar bar = Progress.bar("analyze", refs.size())) {
            for (String f : refs) {
                bar.setExtraMessage(fileName(f));
                HandlerResponse r = h.analyze(List.of(ImageRef.of(f)), draw);
                ImageResult ir = r.results().get(0);
                out.println(ResultJson.line(ir));
                out.flush();
                if (!r.ok()) {
                    failed++;
                }
                bar.step();
            }
        }
        return failed;
    }

    /** {@code name}, or {@code name-2}, {@code name-3}... when already written in this run. */
    static String uniqueName(String name, Set<String> used) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String n = name;
        for (int i = 2; !used.add(n); i++) {
            n = stem + "-" + i + ext;
        }
        return n;
    }

    /** The last path or key segment of an image reference. */
    static String fileName(String ref) {
        return ref.substring(ref.replace('\\', '/').lastIndexOf('/') + 1);
    }

    /** The image's file name with a .jpg extension. */
    static String annotatedName(String ref) {
        String n = fileName(ref);
        try {
            n = java.net.URLDecoder.decode(n.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // not percent-encoded (a plain path): keep it as it is
        }
        int dot = n.lastIndexOf('.');
        return (dot > 0 ? n.substring(0, dot) : n) + ".jpg";
    }
}
