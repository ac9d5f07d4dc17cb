// SPDX-License-Identifier: Apache-2.0
/**
 * Accuracy measurement of the people stage: hand labels ({@link dev.vss.hla.eval.PeopleLabels}), recall and
 * precision at IoU 0.5 by person height ({@link dev.vss.hla.eval.PeopleEval}), and frames of OpenCV's street-camera
 * video extracted on demand with a held-out split that is refused by default ({@link dev.vss.hla.eval.VtestFrames}).
 */
package dev.vss.hla.eval;
