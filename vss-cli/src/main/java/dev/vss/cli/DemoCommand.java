// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.ops.GalleryAdmin;
import dev.vss.bl.gallery.GalleryStore;
import dev.vss.bl.image.ResultJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vss demo}: enrol the sample identities, analyse every shared image, write pictures and a report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Enrol Obama and Biden from the shared images, analyse all shared images, and write annotated "
                + "images, results.jsonl and report.md to the output folder.")
final class DemoCommand extends PipelineCommand {
    @Option(names = "--out", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out = Path.of("out/demo");

    @Option(names = "--images", description = "Images folder (default: VSS_IMAGES_DIR, else ../shared/images).")
    Path images;

    @Mixin
    GalleryCommand.KeyOptions keys;

    @Override
    public Integer call() throws Exception {
        Path dir = images != null ? images : Inputs.imagesDir();
        if (!Files.isDirectory(dir)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "images folder " + dir
                    + " not found; set VSS_IMAGES_DIR or --images");
        }
        PrintWriter console = spec.commandLine().getOut();
        Path galleryDir = out.resolve("gallery");
        Path annotated = out.resolve("annotated");
        Files.createDirectories(galleryDir);
        Files.deleteIfExists(galleryDir.resolve(GalleryStore.KEY)); // a fresh gallery each run (the key is kept)
        Files.deleteIfExists(galleryDir.resolve(GalleryStore.VERSION_KEY));
        Files.deleteIfExists(galleryDir.resolve(GalleryStore.LEGACY_KEY)); // plaintext left by older builds
        List<Path> files = Inputs.expand(List.of(dir));
        StringWriter jsonl = new StringWriter();
        int failed;
        PrintWriter err = spec.commandLine().getErr();
        // one handler, as a function instance: enrolment and analysis share its pipeline and gallery
        VssSettings.Builder b = runtime.settings().optGallery(galleryDir.toAbsolutePath().toUri());
        keys.apply(b);
        try (VssHandler h = keys.apply(VssHandler.builder(b.build())).optCreateGalleryKey(true).optNotice(s -> {
            err.println(s);
            err.flush();
        }).build()) {
            for (String id : List.of("obama", "biden")) {
                console.println(Summaries.enrolled(galleryDir.toString(), GalleryAdmin.enrol(h, id,
                        List.of(dir.resolve("faces/" + id + ".jpg")))));
            }
            try (PrintWriter pw = new PrintWriter(jsonl)) {
                failed = ImageRun.analyze(h, files.stream().map(p -> p.toAbsolutePath().normalize().toUri().toString())
                        .toList(), annotated, pw);
            }
        }
        Files.writeString(out.resolve("results.jsonl"), jsonl.toString());
        Files.writeString(out.resolve("report.md"), report(jsonl.toString(), files, dir));
        console.println("analysed " + files.size() + " images (" + failed + " failed); wrote " + out.resolve("report.md")
                + ", " + out.resolve("results.jsonl") + " and " + annotated);
        return failed == 0 ? 0 : 3;
    }

    static String report(String jsonl, List<Path> files, Path base) throws Exception {
        StringBuilder sb = new StringBuilder("# vss demo\n\nGallery: obama (faces/obama.jpg), biden (faces/biden.jpg).\n\n");
        sb.append("| image | covered | people | faces (identity / similarity) | total ms |\n|---|---|---:|---|---:|\n");
        List<String> pics = new ArrayList<>();
        int i = 0;
        for (String line : jsonl.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode r = ResultJson.mapper().readTree(line);
            Path f = files.get(i++);
            String rel = base.relativize(f).toString();
            if (!r.path("ok").asBoolean()) {
                sb.append("| ").append(rel).append(" | error: ").append(r.path("error").path("code").asText()).append(" | | | |\n");
                continue;
            }
            List<String> who = new ArrayList<>();
            for (JsonNode face : r.path("faces")) {
                who.add(face.hasNonNull("rejected") ? face.get("rejected").asText().toLowerCase()
                        : face.path("identity").isNull() ? "unknown " + face.path("similarity").asText()
                        : face.path("identity").asText() + " " + face.path("similarity").asText());
            }
            sb.append("| ").append(rel).append(" | ").append(r.path("coverage").path("covered").asText())
                    .append(" | ").append(r.path("people").size()).append(" | ").append(String.join(", ", who))
                    .append(" | ").append(r.path("timings_ms").path("total").asText()).append(" |\n");
            pics.add("### " + rel + "\n\n![" + rel + "](annotated/" + ImageRun.annotatedName(f.toString()) + ")\n");
        }
        sb.append("\n");
        pics.forEach(p -> sb.append(p).append("\n"));
        return sb.toString();
    }
}
