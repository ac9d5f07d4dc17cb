// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.people;

import dev.vss.hla.Box;
import dev.vss.hla.Keypoint;
import dev.vss.hla.pose.Pose;
import java.util.List;
import java.util.Objects;

/**
 * The whole-body box of a standing or walking person (top of the head to the soles) from the keypoints found: a
 * pose's own box runs only from the outermost keypoints (eyes to ankles, shoulder to shoulder), so it is too small
 * to compare with a person detector's box or a labelled one.
 *
 * <p>Each keypoint type sits at a typical share of the body height below the top of the head
 * ({@link #HEIGHT_SHARE}, from average adult proportions); the top and the height are fitted to the keypoints by
 * least squares, so a person seen from the hips up gets a whole-body box too. Width: the keypoints' spread plus a
 * margin, at least {@value #MIN_WIDTH_SHARE} of the height. Stateless.
 */
public final class BodyBox {
    /** Share of the body height from the top of the head, per COCO keypoint (nose ... l_ear). */
    static final float[] HEIGHT_SHARE = {0.075f, 0.165f, 0.19f, 0.37f, 0.50f, 0.19f, 0.37f, 0.50f, 0.52f, 0.72f,
        0.93f, 0.52f, 0.72f, 0.93f, 0.06f, 0.06f, 0.07f, 0.07f};
    /** Narrowest box, as a share of the height (a person seen side-on, arms down). */
    public static final float MIN_WIDTH_SHARE = 0.34f;
    /** Margin added on each side of the keypoints' spread, as a share of the height (arms, clothes). */
    static final float SIDE_MARGIN_SHARE = 0.06f;
    /** Keypoint heights must span at least this share of the body for a fit (else the pose's box is widened). */
    static final float MIN_SPAN_SHARE = 0.15f;

    private BodyBox() {
    }

    /** The whole-body box of {@code keypoints} (18, null where absent), clipped to a width x height image. */
    public static Box of(List<Keypoint> keypoints, int width, int height) {
        Objects.requireNonNull(keypoints, "keypoints");
        if (keypoints.size() != Pose.KEYPOINT_COUNT) {
            throw new IllegalArgumentException("keypoints: " + keypoints.size() + " entries, expected 18");
        }
        // least squares of y = top + share * h over the keypoints found
        double n = 0;
        double sf = 0;
        double sy = 0;
        double sff = 0;
        double sfy = 0;
        float minShare = 1;
        float maxShare = 0;
        float x0 = Float.MAX_VALUE;
        float x1 = -Float.MAX_VALUE;
        float y0 = Float.MAX_VALUE;
        float y1 = -Float.MAX_VALUE;
        for (int k = 0; k < Pose.KEYPOINT_COUNT; k++) {
            Keypoint p = keypoints.get(k);
            if (p == null) {
                continue;
            }
            float f = HEIGHT_SHARE[k];
            n++;
            sf += f;
            sy += p.y();
            sff += f * f;
            sfy += f * p.y();
            minShare = Math.min(minShare, f);
            maxShare = Math.max(maxShare, f);
            x0 = Math.min(x0, p.x());
            x1 = Math.max(x1, p.x());
            y0 = Math.min(y0, p.y());
            y1 = Math.max(y1, p.y());
        }
        if (n == 0) {
            throw new IllegalArgumentException("keypoints: all are null");
        }
        double h = 0;
        double top = 0;
        double den = n * sff - sf * sf;
        if (maxShare - minShare >= MIN_SPAN_SHARE && den > 1e-9) {
            h = (n * sfy - sf * sy) / den;
            top = (sy - h * sf) / n;
        }
        if (!(h > 0) || h < (y1 - y0)) {
            // too little vertical spread, or keypoints upside down (a lying person): the keypoints' own box, grown
            h = Math.max(y1 - y0, x1 - x0) * 1.25 + 4;
            top = (y0 + y1) / 2 - h / 2;
        }
        float w = (float) Math.max(MIN_WIDTH_SHARE * h, (x1 - x0) + 2 * SIDE_MARGIN_SHARE * h);
        float cx = (x0 + x1) / 2;
        return new Box(cx - w / 2, (float) top, w, (float) h).clip(width, height);
    }
}
