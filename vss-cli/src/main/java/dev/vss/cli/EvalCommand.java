// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vss.bl.ops.Evaluation;
import dev.vss.bl.ops.Evaluation.PeopleResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code vss eval people}: recall and precision of the people stage on hand-labelled frames. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Measure accuracy on labelled data.",
        subcommands = {EvalCommand.People.class})
final class EvalCommand {

    @Command(name = "people", mixinStandardHelpOptions = true,
            description = {"Recall and precision of the people stage at IoU >= 0.5, by person height, on the "
                    + "hand-labelled frames of OpenCV's street-camera video vtest.avi (frames are extracted with "
                    + "ffmpeg on demand; scripts/install/eval-data.sh installs the video and ffmpeg).",
                "Frames 200-399 are a held-out split: refused unless --allow-held-out."})
    static final class People extends PipelineCommand {
        @Option(names = "--method", description = "hybrid (default), pose, pose_scaled or detector_pose.")
        String method = "hybrid";

        @Option(names = "--labels", description = "Labels CSV frame,x,y,w,h,note (default: the committed vtest labels).")
        Path labels;

        @Option(names = "--video", description = "The video (default: VSS_VTEST_VIDEO, else opencv-doc's vtest.avi).")
        Path video;

        @Mixin
        VtestOptions vtest;

        @Option(names = "--allow-held-out", description = "Allow frames 200-399 (only for the final held-out evaluation).")
        boolean allowHeldOut;

        @Option(names = "--annotate", description = "Write each frame with labels (green) and found people (orange) here.")
        Path annotate;

        @Option(names = "--json", description = "One JSON object instead of the table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PeopleResult res;
            try {
                res = Evaluation.people(new Evaluation.PeopleOptions(method, labels, video,
                        vtest.framesDir(), vtest.camera, allowHeldOut, annotate),
                        runtime.settings().build());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("method", res.method());
                m.put("models", res.models());
                m.put("frames", res.frames());
                m.put("min_iou", Evaluation.MIN_IOU);
                List<Object> rows = new ArrayList<>();
                for (Evaluation.Band r : res.bands()) {
                    Map<String, Object> rm = new LinkedHashMap<>();
                    rm.put("band", r.name());
                    rm.put("labelled", r.labelled());
                    rm.put("found", r.found());
                    rm.put("recall", Double.isNaN(r.recall()) ? null : r.recall());
                    rm.put("predicted", r.predicted());
                    rm.put("correct", r.correct());
                    rm.put("precision", Double.isNaN(r.precision()) ? null : r.precision());
                    rows.add(rm);
                }
                m.put("rows", rows);
                m.put("found_by", res.foundBy());
                out.println(new ObjectMapper().writeValueAsString(m));
            } else {
                int ignored = res.labelled() - res.counted();
                out.printf("people, method %s (%s): %d frames, %d labelled people (%d ignored: occluded or under "
                        + "%.0f px), IoU >= %.1f%n", res.method(), res.models(), res.frames(), res.labelled(),
                        ignored, Evaluation.MIN_LABEL_HEIGHT, Evaluation.MIN_IOU);
                out.print(res.table());
                StringBuilder sb = new StringBuilder();
                res.foundBy().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
                out.println("found by: " + sb);
            }
            out.flush();
            return 0;
        }
    }
}
