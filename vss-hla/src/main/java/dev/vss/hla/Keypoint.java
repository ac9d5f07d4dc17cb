package dev.vss.hla;

/** A body keypoint in image pixels with its confidence in [0,1]. */
public record Keypoint(float x, float y, float score) {
    public Keypoint {
        if (!Float.isFinite(x) || !Float.isFinite(y) || !(score >= 0 && score <= 1.0001f)) {
            throw new IllegalArgumentException("keypoint: invalid " + x + "," + y + " score " + score);
        }
    }

    public Point point() {
        return new Point(x, y);
    }
}
