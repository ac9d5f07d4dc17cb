package dev.vss.bl.runtime;

import dev.vss.dl.DlException;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.Box;
import dev.vss.hla.Keypoint;
import dev.vss.hla.Point;
import dev.vss.hla.face.Face;
import dev.vss.hla.people.Person;
import dev.vss.hla.pipeline.FaceResult;
import dev.vss.hla.pipeline.ImageAnalysis;
import dev.vss.hla.pose.Pose;

/** Draws an analysis onto a copy of its image: person boxes, skeletons, face boxes, landmarks, names, coverage. */
public final class Annotator {
    private static final int SKELETON = Images.rgb(0, 200, 255);
    private static final int JOINT = Images.rgb(255, 220, 0);
    private static final int KNOWN = Images.rgb(0, 220, 0);
    private static final int UNKNOWN = Images.rgb(255, 60, 60);
    private static final int REJECTED = Images.rgb(160, 160, 160);
    private static final int PERSON = Images.rgb(255, 140, 0);

    private Annotator() {
    }

    /**
     * Draws the analysis onto a copy of the image and writes it (format from the extension).
     *
     * @throws java.io.IOException if it cannot be drawn or written
     */
    public static void write(Image source, ImageAnalysis a, java.nio.file.Path file) throws java.io.IOException {
        try {
            Images.write(draw(source, a), file);
        } catch (DlException e) {
            throw new java.io.IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static Image draw(Image source, ImageAnalysis a) throws DlException {
        Image img = source.copy();
        int t = Math.max(1, Math.round(Math.max(img.width(), img.height()) / 400f));
        for (Person p : a.people()) {
            Box pb = p.box();
            Images.rectangle(img, Math.round(pb.x()), Math.round(pb.y()), Math.round(pb.w()), Math.round(pb.h()), PERSON,
                    Math.max(1, t / 2));
            for (Pose.Limb l : Pose.SKELETON) {
                Keypoint f = p.keypoints().get(l.from());
                Keypoint to = p.keypoints().get(l.to());
                if (f != null && to != null) {
                    Images.line(img, Math.round(f.x()), Math.round(f.y()), Math.round(to.x()), Math.round(to.y()), SKELETON, t);
                }
            }
            for (Keypoint k : p.keypoints()) {
                if (k != null) {
                    Images.circle(img, Math.round(k.x()), Math.round(k.y()), 2 * t, JOINT, -1);
                }
            }
        }
        for (FaceResult fr : a.faces()) {
            Face f = fr.face();
            boolean known = fr.match() != null && fr.match().known();
            int colour = f.rejected() != null ? REJECTED : known ? KNOWN : UNKNOWN;
            Box b = f.box();
            Images.rectangle(img, Math.round(b.x()), Math.round(b.y()), Math.round(b.w()), Math.round(b.h()), colour, t);
            if (f.landmarks() != null) {
                for (Point p : f.landmarks().points()) {
                    Images.circle(img, Math.round(p.x()), Math.round(p.y()), t + 1, colour, -1);
                }
            }
            String label = f.rejected() != null ? f.rejected().toLowerCase(java.util.Locale.ROOT)
                    : known ? fr.match().identity() + String.format(" %.2f", fr.match().similarity())
                    : fr.match() == null ? "face" : "unknown";
            double scale = 0.4 * t + 0.2;
            int textHeight = (int) Math.ceil(22 * scale) + t;
            // above the box, or just inside its top edge when the face touches the top of the frame
            int top = Math.round(b.y());
            int baseline = top - 4 >= textHeight ? top - 4 : top + textHeight + 2;
            Images.text(img, label, Math.round(b.x()), baseline, scale, colour, t);
        }
        if (a.coverage() != null && a.coverage().covered()) {
            Images.text(img, String.format("COVERED %.2f", a.coverage().score()), 10, 30, 1.0 * t, UNKNOWN, 2 * t);
        }
        return img;
    }
}
