// SPDX-License-Identifier: Apache-2.0
/**
 * The people stage: {@link dev.vss.hla.people.PeopleFinder} finds every person of an image, small distant
 * pedestrians included, by combining the paper's pose network with a person detector
 * ({@link dev.vss.hla.people.PersonDetector}); each {@link dev.vss.hla.people.Person} has a whole-body box, the pose
 * keypoints found and the {@link dev.vss.hla.people.FoundBy method} that found it. Values are records; the finder
 * and the detector own compiled models.
 */
package dev.vss.hla.people;
