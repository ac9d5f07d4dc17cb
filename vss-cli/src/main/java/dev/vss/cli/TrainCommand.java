// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import dev.vss.lab.train.CoverageTraining;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vss train coverage}: retrains the shipped coverage head (deterministic for a given seed). */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train the project's own model heads.",
        subcommands = {TrainCommand.Coverage.class})
final class TrainCommand {

    @Command(name = "coverage", mixinStandardHelpOptions = true,
            description = "Train the camera-coverage head on synthetic coverings of the shared images and write it "
                    + "(default: the committed resource vss-hla/src/main/resources/dev/vss/hla/coverage/coverage-head.txt).")
    static final class Coverage extends BaseCommand {
        @Option(names = "--images", description = "Source frames (default: VSS_IMAGES_DIR, else ../shared/images).")
        Path images;

        @Option(names = "--out", description = "Head file to write.")
        Path out;

        @Option(names = "--seed", description = "Random seed (default: the shipped head's).")
        Long seed;

        @Override
        public Integer call() throws Exception {
            CoverageTraining.Trained r = CoverageTraining.train(images != null ? images : Inputs.imagesDir(),
                    out != null ? out : CoverageTraining.defaultHeadFile(), seed, spec.commandLine().getErr()::println);
            var o = spec.commandLine().getOut();
            r.metrics().forEach((k, v) -> o.printf("%s\t%.4f%n", k, v));
            o.printf("wrote %s in %.1f s%n", r.head(), r.seconds());
            return 0;
        }
    }
}
