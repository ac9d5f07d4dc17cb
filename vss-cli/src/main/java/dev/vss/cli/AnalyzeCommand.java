package dev.vss.cli;

import dev.vss.bl.AnalyzeRequest;
import dev.vss.bl.Annotator;
import dev.vss.bl.BatchResult;
import dev.vss.bl.ImageRef;
import dev.vss.bl.ImageResult;
import dev.vss.bl.ImageSource;
import dev.vss.bl.store.StorageImageSource;
import dev.vss.bl.ResultJson;
import dev.vss.bl.VssFunction;
import dev.vss.bl.VssRuntime;
import dev.vss.dl.image.Images;
import dev.vss.hla.gallery.Gallery;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vss analyze}: one JSON object per image on stdout. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse images (files or folders): coverage, people and keypoints, faces and identities. "
                + "Writes one JSON object per image (JSON Lines) to stdout.")
final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptions runtime;

    @Option(names = "--gallery", description = "Gallery folder (from `vss gallery add`): faces are matched against it.")
    Path gallery;

    @Mixin
    GalleryCommand.KeyOptions keys;

    @Option(names = "--annotate", description = "Write annotated copies of the images to this folder.")
    Path annotate;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Image files or folders, or storage prefixes "
            + "(s3://bucket/prefix/, az://account/container/prefix/, gs://bucket/prefix/).")
    List<String> paths;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<String> files = Sources.images(paths);
        Gallery g = gallery == null ? null : GalleryCommand.load(gallery, keys, spec.commandLine().getErr());
        try (VssRuntime rt = runtime.open()) {
            if (g != null && !g.model().equals(rt.analyzer().embeddingModel())) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "gallery " + gallery + " holds "
                        + g.model() + " embeddings but this run embeds with " + rt.analyzer().embeddingModel()
                        + "; use the same --precision as at enrolment");
            }
            int failed = run(rt, files, g, annotate, out);
            return failed == 0 ? 0 : 3;
        }
    }

    /** Analyses every file through the cloud-neutral entry point, one item per call; returns the failure count. */
    static int run(VssRuntime rt, List<String> files, Gallery g, Path annotate, PrintWriter out) throws Exception {
        // the cloud code path: storage URIs and local files through the same image source as the functions
        ImageSource source = new StorageImageSource();
        VssFunction fn = new VssFunction(rt.analyzer(), source, () -> g);
        if (annotate != null) {
            Files.createDirectories(annotate);
        }
        int failed = 0;
        try (ProgressBar bar = Progress.bar("analyze", files.size())) {
            for (String f : files) {
                bar.setExtraMessage(fileName(f));
                BatchResult r = fn.apply(AnalyzeRequest.of(List.of(ImageRef.of(f))));
                ImageResult ir = r.results().get(0);
                out.println(ResultJson.line(ir));
                out.flush();
                if (!ir.ok()) {
                    failed++;
                } else if (annotate != null) {
                    Images.write(Annotator.draw(Images.decode(source.read(ImageRef.of(f))), ir.analysis()),
                            annotate.resolve(annotatedName(f)));
                }
                bar.step();
            }
        }
        return failed;
    }

    /** The last path or key segment of an image reference. */
    static String fileName(String ref) {
        return ref.substring(ref.replace('\\', '/').lastIndexOf('/') + 1);
    }

    /** The image's file name with a .jpg extension. */
    static String annotatedName(String ref) {
        String n = fileName(ref);
        int dot = n.lastIndexOf('.');
        return (dot > 0 ? n.substring(0, dot) : n) + ".jpg";
    }
}
