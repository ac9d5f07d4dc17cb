// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.train;

import dev.vss.dl.Engine;
import dev.vss.hla.ModelContext;
import dev.vss.trainer.CoverageTrainer;
import dev.vss.models.ModelRepository;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code vss train coverage}: retrains the shipped coverage head (deterministic for a given seed) and writes it. The
 * trainer is a workbench tool, never part of a function, so the operation lives in the lab rather than in vss-bl.
 */
public final class CoverageTraining {
    private CoverageTraining() {
    }

    /** What a training wrote: the head file, its held-out metrics and the time it took. */
    public record Trained(Path head, Map<String, Double> metrics, double seconds) {
    }

    /** The committed head resource a training replaces by default. */
    public static Path defaultHeadFile() {
        return CoverageTrainer.defaultHeadFile();
    }

    /**
     * Trains on the frames in {@code images} and writes the head to {@code dest}.
     *
     * @param seed random seed, or null for the shipped head's
     * @param log  progress lines
     */
    public static Trained train(Path images, Path dest, Long seed, Consumer<String> log) throws Exception {
        CoverageTrainer.Config cfg = CoverageTrainer.Config.defaults();
        if (seed != null) {
            cfg = new CoverageTrainer.Config(seed, cfg.maxSide(), cfg.trainImages(), cfg.heldOutImages(),
                    cfg.coveredPerType(), cfg.clearPerType(), cfg.heldOutCoveredPerType(), cfg.heldOutClearPerType(),
                    cfg.classFeatures(), cfg.l2(), cfg.threshold());
        }
        try (Engine engine = Engine.newInstance("openvino")) {
            ModelContext ctx = new ModelContext(engine, ModelRepository.fromEnvironment(),
                    CoverageTrainer.trainingOptions());
            CoverageTrainer.Result r = CoverageTrainer.train(ctx, images, cfg, log);
            r.head().write(dest);
            return new Trained(dest, r.metrics(), r.seconds());
        }
    }
}
