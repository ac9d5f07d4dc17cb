// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla;

import java.util.Objects;

/**
 * A pipeline step backed by one model: owns its {@link Stage} and answers what every such step answers (model id,
 * inference count, warm-up, close), so that each detector only says what it predicts. Thread-safe as its stage.
 */
public abstract class ModelStep implements AutoCloseable {
    /** The step's model, with its request pool; closed by {@link #close()}. */
    protected final Stage stage;

    protected ModelStep(Stage stage) {
        this.stage = Objects.requireNonNull(stage, "stage");
    }

    /** A step over {@code inner}'s model (e.g. a detector over its feature extractor); close it in {@link #close()}. */
    protected ModelStep(ModelStep inner) {
        this(inner.stage);
    }

    /** "name/precision" of the model, as in the result's {@code models} field. */
    public String modelId() {
        return stage.id();
    }

    /** Inferences of this step's model so far (see {@link Stage#inferences()}). */
    public long inferences() {
        return stage.inferences();
    }

    /** Runs the model once on zeros (first-inference costs paid at init, see {@link Stage#warmUp()}). */
    public void warmUp() throws HlaException {
        stage.warmUp();
    }

    /** Closes the stage. Idempotent. */
    @Override
    public void close() {
        stage.close();
    }
}
