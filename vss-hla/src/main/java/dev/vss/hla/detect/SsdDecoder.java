// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.detect;

import dev.vss.hla.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decodes an SSD DetectionOutput tensor [1,1,N,7] of rows (image_id, label, conf, x_min, y_min, x_max, y_max) with
 * coordinates normalised to [0,1], as the Open Model Zoo face and person detectors emit. Stateless, thread-safe.
 */
public final class SsdDecoder {
    private final float minScore;
    private final int label;
    private final float nmsIou;

    /**
     * @param minScore keep detections at or above this confidence
     * @param label    keep only this class label; -1 keeps every label
     * @param nmsIou   suppress boxes overlapping a better one by more than this IoU (the model's own NMS runs per
     *                 class and at a looser threshold, so overlapping duplicates can remain); 1 switches it off
     */
    public SsdDecoder(float minScore, int label, float nmsIou) {
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("minScore: " + minScore + " is not in [0,1]");
        }
        if (!(nmsIou > 0 && nmsIou <= 1)) {
            throw new IllegalArgumentException("nmsIou: " + nmsIou + " is not in (0,1]");
        }
        this.minScore = minScore;
        this.label = label;
        this.nmsIou = nmsIou;
    }

    /** Detections in pixels of an image of {@code width} x {@code height}, best first, clipped to the image. */
    public List<Detection> decode(float[] out, int width, int height) {
        if (out.length % 7 != 0) {
            throw new IllegalArgumentException("out: " + out.length + " values is not a whole number of 7-value rows");
        }
        List<Detection> list = new ArrayList<>();
        for (int i = 0; i < out.length; i += 7) {
            if (out[i] < 0) {
                break; // image_id -1 ends the valid rows
            }
            float conf = out[i + 2];
            if (!(conf >= minScore) || (label >= 0 && (int) out[i + 1] != label)) {
                continue;
            }
            Box b = Box.ofCorners(out[i + 3] * width, out[i + 4] * height, out[i + 5] * width, out[i + 6] * height)
                    .clip(width, height);
            if (b.w() < 1 || b.h() < 1) {
                continue;
            }
            list.add(new Detection(b, Math.min(1f, conf), (int) out[i + 1]));
        }
        return nms(list, nmsIou);
    }

    /** Greedy non-maximum suppression: best first, dropping boxes whose IoU with a kept one exceeds {@code iou}. */
    public static List<Detection> nms(List<Detection> dets, float iou) {
        List<Detection> sorted = new ArrayList<>(dets);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            boolean keep = true;
            for (Detection k : kept) {
                if (k.box().iou(d.box()) > iou) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(d);
            }
        }
        return List.copyOf(kept);
    }
}
