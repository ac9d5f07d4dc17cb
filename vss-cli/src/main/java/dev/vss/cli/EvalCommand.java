// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vss.dl.CompileOptions;
import dev.vss.dl.Engine;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.Box;
import dev.vss.hla.ModelContext;
import dev.vss.hla.eval.LabelledPerson;
import dev.vss.hla.eval.PeopleEval;
import dev.vss.hla.eval.PeopleLabels;
import dev.vss.hla.eval.VtestFrames;
import dev.vss.hla.people.FoundBy;
import dev.vss.hla.people.PeopleFinder;
import dev.vss.hla.people.PeopleMethod;
import dev.vss.hla.people.Person;
import dev.vss.models.ModelRepository;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vss eval people}: recall and precision of the people stage on hand-labelled frames. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Measure accuracy on labelled data.",
        subcommands = {EvalCommand.People.class})
final class EvalCommand {

    @Command(name = "people", mixinStandardHelpOptions = true,
            description = {"Recall and precision of the people stage at IoU >= 0.5, by person height, on the "
                    + "hand-labelled frames of OpenCV's street-camera video vtest.avi (frames are extracted with "
                    + "ffmpeg on demand; scripts/install/eval-data.sh installs the video and ffmpeg).",
                "Frames 200-399 are a held-out split: refused unless --allow-held-out."})
    static final class People implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--method", description = "hybrid (default), pose, pose_scaled or detector_pose.")
        PeopleMethod method = PeopleMethod.HYBRID;

        @Option(names = "--labels", description = "Labels CSV frame,x,y,w,h,note (default: the committed vtest labels).")
        Path labels;

        @Option(names = "--video", description = "The video (default: VSS_VTEST_VIDEO, else opencv-doc's vtest.avi).")
        Path video;

        @Option(names = "--frames-dir", description = "Where extracted frames are kept (default: <tmp>/vss-vtest-frames).")
        Path framesDir;

        @Option(names = "--min-person-px", description = "Smallest person to find, px (default: from the frame size).")
        int minPersonPx;

        @Option(names = "--precision", description = "FP32, FP16 or FP16-INT8 where a model has it.")
        String precision;

        @Option(names = "--threads", description = "Inference threads (default: engine's).")
        int threads;

        @Option(names = "--allow-held-out", description = "Allow frames 200-399 (only for the final held-out evaluation).")
        boolean allowHeldOut;

        @Option(names = "--annotate", description = "Write each frame with labels (green) and found people (orange) here.")
        Path annotate;

        @Option(names = "--json", description = "One JSON object instead of the table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (minPersonPx < 0) {
                throw new ParameterException(spec.commandLine(), "--min-person-px must be >= 0 (0 = from the frame size)");
            }
            PeopleLabels truth;
            if (labels == null) {
                truth = PeopleLabels.vtest();
            } else {
                try (InputStream in = Files.newInputStream(labels)) {
                    truth = PeopleLabels.parse(in, labels.toString());
                }
            }
            if (!allowHeldOut && truth.frames().stream().anyMatch(VtestFrames::heldOut)) {
                throw new ParameterException(spec.commandLine(), "the labels include frames of the held-out split "
                        + VtestFrames.HELD_OUT_FIRST + "-" + VtestFrames.HELD_OUT_LAST + "; pass --allow-held-out "
                        + "only for the final held-out evaluation");
            }
            Path dir = framesDir != null ? framesDir : Path.of(System.getProperty("java.io.tmpdir"), "vss-vtest-frames");
            Map<Integer, Path> files = VtestFrames.extract(video != null ? video : VtestFrames.video(), truth.frames(),
                    dir, allowHeldOut);
            Map<Integer, List<Box>> predicted = new LinkedHashMap<>();
            Map<FoundBy, Integer> byMethod = new EnumMap<>(FoundBy.class);
            String models;
            try (Engine engine = Engine.newInstance("openvino")) {
                ModelContext ctx = new ModelContext(engine, ModelRepository.fromEnvironment(),
                        CompileOptions.builder().optThreads(threads).build());
                try (PeopleFinder finder = PeopleFinder.builder(ctx).optMethod(method).optPrecision(precision).build()) {
                    models = finder.poseModelId() + (finder.detectorModelId() == null ? "" : ", "
                            + finder.detectorModelId());
                    for (var e : files.entrySet()) {
                        Image img = Images.read(e.getValue());
                        List<Person> people = finder.find(img, minPersonPx);
                        List<Box> boxes = new ArrayList<>();
                        for (Person p : people) {
                            boxes.add(p.box());
                            byMethod.merge(p.foundBy(), 1, Integer::sum);
                        }
                        predicted.put(e.getKey(), boxes);
                        if (annotate != null) {
                            annotate(img, truth.people(e.getKey()), people, annotate.resolve(
                                    e.getValue().getFileName().toString()));
                        }
                    }
                }
            }
            PeopleEval.Report report = PeopleEval.evaluate(truth, predicted);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("method", method.name().toLowerCase(Locale.ROOT));
                m.put("models", models);
                m.put("frames", report.frames());
                m.put("min_iou", PeopleEval.MIN_IOU);
                List<Object> rows = new ArrayList<>();
                for (PeopleEval.Row r : report.rows()) {
                    Map<String, Object> rm = new LinkedHashMap<>();
                    rm.put("band", r.band().name());
                    rm.put("labelled", r.labelled());
                    rm.put("found", r.found());
                    rm.put("recall", Double.isNaN(r.recall()) ? null : r.recall());
                    rm.put("predicted", r.predicted());
                    rm.put("correct", r.correct());
                    rm.put("precision", Double.isNaN(r.precision()) ? null : r.precision());
                    rows.add(rm);
                }
                m.put("rows", rows);
                Map<String, Integer> found = new LinkedHashMap<>();
                byMethod.forEach((k, v) -> found.put(k.label(), v));
                m.put("found_by", found);
                out.println(new ObjectMapper().writeValueAsString(m));
            } else {
                int ignored = truth.size() - report.row("all").labelled();
                out.printf("people, method %s (%s): %d frames, %d labelled people (%d ignored: occluded or under "
                        + "%.0f px), IoU >= %.1f%n", method.name().toLowerCase(Locale.ROOT), models, report.frames(),
                        truth.size(), ignored, PeopleEval.MIN_LABEL_HEIGHT, PeopleEval.MIN_IOU);
                out.print(report.table());
                StringBuilder sb = new StringBuilder();
                byMethod.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k.label()).append(' ').append(v));
                out.println("found by: " + sb);
            }
            out.flush();
            return 0;
        }

        private static void annotate(Image img, List<LabelledPerson> truth, List<Person> people, Path file)
                throws Exception {
            Image a = img.copy();
            for (LabelledPerson t : truth) {
                Box b = t.box();
                Images.rectangle(a, Math.round(b.x()), Math.round(b.y()), Math.round(b.w()), Math.round(b.h()),
                        t.occluded() ? Images.rgb(0, 120, 0) : Images.rgb(0, 230, 0), 1);
            }
            for (Person p : people) {
                Box b = p.box();
                Images.rectangle(a, Math.round(b.x()) - 1, Math.round(b.y()) - 1, Math.round(b.w()) + 2,
                        Math.round(b.h()) + 2, Images.rgb(255, 140, 0), 1);
                Images.text(a, p.foundBy().label(), Math.round(b.x()), Math.round(b.y1()) + 11, 0.33,
                        Images.rgb(255, 140, 0), 1);
                for (var k : p.keypoints()) {
                    if (k != null) {
                        Images.circle(a, Math.round(k.x()), Math.round(k.y()), 1, Images.rgb(255, 220, 0), -1);
                    }
                }
            }
            Files.createDirectories(file.getParent());
            Images.write(a, file);
        }
    }
}
