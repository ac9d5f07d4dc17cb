// SPDX-License-Identifier: Apache-2.0
/**
 * Camera-coverage (tamper) detection, the paper's "CM" stage: is the camera covered by a hand, a sticker, paint,
 * pointed at a wall, defocused, or blinded dark or bright?
 *
 * <p>{@link dev.vss.hla.coverage.CoverageDetector} runs the catalog's MobileNet v1 classification backbone and
 * cheap image statistics on a 128 × 128 reduction of the frame, and scores them with a small head
 * ({@link dev.vss.hla.coverage.CoverageHead}, a logistic regression) that the coverage trainer (module
 * coverage-trainer, package {@code dev.vss.trainer}, through {@link dev.vss.hla.coverage.FeatureExtractor} and
 * {@link dev.vss.hla.coverage.CoverageFeatures}) trains reproducibly on synthetic coverings of the shared real images
 * and ships as a resource of this package.
 * The result is a {@link dev.vss.hla.coverage.CoverageReport}.
 */
package dev.vss.hla.coverage;
