// SPDX-License-Identifier: Apache-2.0
package dev.vss.models;

/** What a catalogued model does; {@link ModelCatalog#defaultFor(Task)} names one default model per task. */
public enum Task {
    /** Face boxes (SSD detectors, YuNet). */
    FACE_DETECTION,
    /** Five facial landmarks on a face crop. */
    FACE_LANDMARKS,
    /** Face embedding for re-identification against a gallery. */
    FACE_REID,
    /** Body keypoints (multi-person OpenPose, or single-person MoveNet). */
    BODY_POSE,
    /** Person boxes. */
    PERSON_DETECTION,
    /** Image classification (camera-coverage backbone and alternatives). */
    CLASSIFICATION
}
