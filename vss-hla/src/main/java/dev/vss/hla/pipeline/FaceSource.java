package dev.vss.hla.pipeline;

/** Where face boxes come from. */
public enum FaceSource {
    /** The SSD face detector (default: finds faces whatever the body pose model sees). */
    DETECTOR,
    /** Head boxes from the pose keypoints, as the paper does (saves the detector's inference). */
    POSE
}
