// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import dev.vss.bl.runtime.Annotator;
import dev.vss.bl.HandlerResponse;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ImageResult;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.runtime.FunctionInstance;
import dev.vss.bl.VssHandler;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;

/** Images analysed one per call through a handler, a JSON line each (analyze and demo), and the annotated copies' names. */
final class ImageRun {
    private ImageRun() {
    }

    /** Analyses each reference through the handler, one per call; prints one line each; returns the failures. */
    static int analyze(VssHandler h, List<String> refs, Path annotate, PrintWriter out) throws Exception {
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
