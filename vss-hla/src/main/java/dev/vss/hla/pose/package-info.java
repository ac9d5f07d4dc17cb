// SPDX-License-Identifier: Apache-2.0
/**
 * Multi-person body pose (the paper's BP): {@link dev.vss.hla.pose.PoseEstimator} runs an OpenPose network
 * ({@code human-pose-estimation-0001}) on a letterboxed image and {@link dev.vss.hla.pose.OpenPoseDecoder} turns its
 * heatmaps and part affinity fields into {@link dev.vss.hla.pose.Pose}s of 18 COCO keypoints. The decoder and the
 * value types need no native library; the estimator owns a compiled model.
 */
package dev.vss.hla.pose;
