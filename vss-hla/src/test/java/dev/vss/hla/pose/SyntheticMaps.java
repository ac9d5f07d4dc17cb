// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.pose;

/**
 * Builds OpenPose-like network outputs with known answers: a Gaussian heatmap blob per keypoint and, along each limb,
 * a band of unit PAF vectors pointing from the limb's first keypoint to its second, as the network was trained to
 * produce. Positions are in map cells. Not thread-safe.
 */
final class SyntheticMaps {
    /**
     * OMZ's limb table ({@code BODY_PARTS_KPT_IDS}) and PAF x channels ({@code BODY_PARTS_PAF_IDS}), written out here
     * independently of the decoder so that the tests check its constants rather than reuse them.
     */
    static final int[][] OMZ_LIMBS = {{1, 2}, {1, 5}, {2, 3}, {3, 4}, {5, 6}, {6, 7}, {1, 8}, {8, 9}, {9, 10},
        {1, 11}, {11, 12}, {12, 13}, {1, 0}, {0, 14}, {14, 16}, {0, 15}, {15, 17}, {2, 16}, {5, 17}};
    static final int[] OMZ_PAF_X = {12, 20, 14, 16, 22, 24, 0, 2, 4, 6, 8, 10, 28, 30, 34, 32, 36, 18, 26};

    /** Heatmap blob width in cells: the network's training sigma of 7 input px at stride 8. */
    static final float SIGMA = 0.875f;
    /** Heatmap peak height. */
    static final float PEAK = 0.9f;
    /** Half-width of the PAF band around a limb, in cells (training used about 1 cell at stride 8). */
    static final float PAF_HALF_WIDTH = 1.0f;

    final int height;
    final int width;
    final float[] heatmaps;
    final float[] pafs;

    SyntheticMaps(int height, int width) {
        this.height = height;
        this.width = width;
        this.heatmaps = new float[19 * height * width];
        this.pafs = new float[38 * height * width];
    }

    /**
     * A standing person of about 22 cells (an upright adult at the network's scale), centred at {@code cx}, head top
     * near {@code top}: 18 keypoints {x, y} in COCO order, every coordinate off the cell grid.
     */
    static float[][] person(float cx, float top) {
        return new float[][] {
            {cx + 0.07f, top + 1.33f}, // nose
            {cx - 0.11f, top + 4.21f}, // neck
            {cx - 2.63f, top + 4.41f}, // r_sho
            {cx - 3.42f, top + 8.13f}, // r_elb
            {cx - 3.71f, top + 11.62f}, // r_wri
            {cx + 2.48f, top + 4.29f}, // l_sho
            {cx + 3.29f, top + 8.24f}, // l_elb
            {cx + 3.83f, top + 11.37f}, // l_wri
            {cx - 1.58f, top + 12.33f}, // r_hip
            {cx - 1.77f, top + 17.61f}, // r_knee
            {cx - 1.93f, top + 22.68f}, // r_ank
            {cx + 1.69f, top + 12.38f}, // l_hip
            {cx + 1.91f, top + 17.43f}, // l_knee
            {cx + 2.13f, top + 22.59f}, // l_ank
            {cx - 0.84f, top + 0.62f}, // r_eye
            {cx + 0.93f, top + 0.55f}, // l_eye
            {cx - 1.73f, top + 1.04f}, // r_ear
            {cx + 1.81f, top + 1.13f}, // l_ear
        };
    }

    /** Draws a person: every keypoint's blob and every limb's PAF. */
    SyntheticMaps draw(float[][] keypoints) {
        for (int k = 0; k < 18; k++) {
            blob(k, keypoints[k][0], keypoints[k][1], PEAK);
        }
        for (int l = 0; l < OMZ_LIMBS.length; l++) {
            float[] a = keypoints[OMZ_LIMBS[l][0]];
            float[] b = keypoints[OMZ_LIMBS[l][1]];
            paf(OMZ_PAF_X[l], a[0], a[1], b[0], b[1]);
        }
        return this;
    }

    /** Adds a Gaussian blob of height {@code peak} centred at (x, y) to heatmap channel {@code k} (max, not sum). */
    SyntheticMaps blob(int k, float x, float y, float peak) {
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                double d2 = (c - x) * (c - x) + (r - y) * (r - y);
                float v = (float) (peak * Math.exp(-d2 / (2 * SIGMA * SIGMA)));
                int i = (k * height + r) * width + c;
                heatmaps[i] = Math.max(heatmaps[i], v);
            }
        }
        return this;
    }

    /** Writes unit vectors from (ax, ay) towards (bx, by) into PAF channels xChannel, xChannel + 1 near the segment. */
    SyntheticMaps paf(int xChannel, float ax, float ay, float bx, float by) {
        float dx = bx - ax;
        float dy = by - ay;
        float len = (float) Math.hypot(dx, dy);
        float ux = dx / len;
        float uy = dy / len;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                float px = c - ax;
                float py = r - ay;
                float along = px * ux + py * uy;
                float across = Math.abs(px * uy - py * ux);
                if (along >= -PAF_HALF_WIDTH && along <= len + PAF_HALF_WIDTH && across <= PAF_HALF_WIDTH) {
                    pafs[(xChannel * height + r) * width + c] = ux;
                    pafs[((xChannel + 1) * height + r) * width + c] = uy;
                }
            }
        }
        return this;
    }

    /** Negates limb {@code l}'s PAF: the field then points from its second keypoint to its first. */
    SyntheticMaps reverse(int l) {
        int plane = height * width;
        for (int ch = OMZ_PAF_X[l]; ch <= OMZ_PAF_X[l] + 1; ch++) {
            for (int i = 0; i < plane; i++) {
                pafs[ch * plane + i] = -pafs[ch * plane + i];
            }
        }
        return this;
    }

    OpenPoseDecoder.Input input() {
        return new OpenPoseDecoder.Input(heatmaps, pafs, height, width, Letterbox.identity(width, height));
    }

    OpenPoseDecoder.Input input(Letterbox lb) {
        return new OpenPoseDecoder.Input(heatmaps, pafs, height, width, lb);
    }
}
