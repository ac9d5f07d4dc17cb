// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.ops.GalleryAdmin;
import dev.vss.bl.HandlerResponse;
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
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vss analyze}: one JSON object per image on stdout, through the same handler as the functions. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse images (files or folders): coverage, people and keypoints, faces and identities. "
                + "Writes one JSON object per image (JSON Lines) to stdout.")
final class AnalyzeCommand extends PipelineCommand {
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
            GalleryAdmin.require(location);
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
            int failed = ImageRun.analyze(h, refs, annotate, out);
            return failed == 0 ? 0 : 3;
        }
    }
}
