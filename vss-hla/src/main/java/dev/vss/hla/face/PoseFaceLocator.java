package dev.vss.hla.face;

import dev.vss.hla.Box;
import dev.vss.hla.Keypoint;
import java.util.List;
import java.util.Optional;

/**
 * Faces derived from body keypoints, as the paper does instead of running a face detector: a square around
 * the head from the nose, eyes and ears (COCO/OpenPose order: 0 nose, 14 right eye, 15 left eye, 16 right ear,
 * 17 left ear). Stateless.
 */
public final class PoseFaceLocator {
    private static final int NOSE = 0;
    private static final int R_EYE = 14;
    private static final int L_EYE = 15;
    private static final int R_EAR = 16;
    private static final int L_EAR = 17;
    /** Face width over ear-to-ear distance (ears sit at the face's sides). */
    private static final float EAR_SCALE = 1.1f;
    /** Face width over eye distance (about 2.5 eye spacings across a frontal face). */
    private static final float EYE_SCALE = 2.5f;

    private PoseFaceLocator() {
    }

    /** The head box of one pose's 18 keypoints (nulls where absent), if the head keypoints allow one. */
    public static Optional<Box> locate(List<Keypoint> kp, int width, int height) {
        if (kp.size() != 18) {
            throw new IllegalArgumentException("kp: " + kp.size() + " keypoints, expected 18");
        }
        Keypoint nose = kp.get(NOSE);
        Keypoint re = kp.get(R_EYE);
        Keypoint le = kp.get(L_EYE);
        Keypoint rr = kp.get(R_EAR);
        Keypoint lr = kp.get(L_EAR);
        float side;
        if (rr != null && lr != null) {
            side = EAR_SCALE * dist(rr, lr);
        } else if (re != null && le != null) {
            side = EYE_SCALE * dist(re, le);
        } else if (nose != null && (re != null || le != null) && (rr != null || lr != null)) {
            Keypoint eye = re != null ? re : le;
            Keypoint ear = rr != null ? rr : lr;
            side = 2f * Math.max(dist(eye, ear), dist(nose, ear)); // profile view
        } else {
            return Optional.empty();
        }
        float cx;
        float cy;
        if (re != null && le != null) {
            cx = (re.x() + le.x()) / 2;
            cy = (re.y() + le.y()) / 2;
            if (nose != null) {
                cy = (cy + nose.y()) / 2; // the face centre lies between the eyes and the nose tip
            }
        } else if (nose != null) {
            cx = nose.x();
            cy = nose.y();
        } else {
            return Optional.empty();
        }
        if (side < 4) {
            return Optional.empty();
        }
        Box b = new Box(cx - side / 2, cy - side / 2, side, side).clip(width, height);
        return b.w() < 4 || b.h() < 4 ? Optional.empty() : Optional.of(b);
    }

    private static float dist(Keypoint a, Keypoint b) {
        return (float) Math.hypot(a.x() - b.x(), a.y() - b.y());
    }
}
