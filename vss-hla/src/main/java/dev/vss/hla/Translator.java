// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla;

import dev.vss.dl.DlException;
import dev.vss.dl.Tensor;
import java.util.List;

/**
 * What one model makes of its input and output, as in DJL's Translator: {@link #processInput} builds the tensor,
 * {@link #processOutput} reads the result; {@link Stage#predict} runs the model in between and maps errors once.
 * Implementations hold no per-call state (one instance serves every thread).
 *
 * @param <I> what a call is given (an image, or an image with what was computed for it)
 * @param <O> what a call returns
 */
public interface Translator<I, O> {
    /**
     * The model's input 0 for {@code input}.
     *
     * @throws DlException if the input cannot be converted; {@link Stage#predict} reports BAD_IMAGE with
     *                     {@link #badInput}
     */
    Tensor processInput(I input) throws DlException, HlaException;

    /** The result from the model's outputs (by index) for {@code input}. */
    O processOutput(I input, List<Tensor> outputs) throws HlaException;

    /** How a failed {@link #processInput} is named in the BAD_IMAGE message (before ": " and the cause). */
    default String badInput(I input) {
        return "cannot resize " + input;
    }
}
