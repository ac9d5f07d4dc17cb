package dev.vss.hla;

/** A point in image pixels. */
public record Point(float x, float y) {
    public Point {
        if (!Float.isFinite(x) || !Float.isFinite(y)) {
            throw new IllegalArgumentException("point: not finite " + x + "," + y);
        }
    }

    public float distance(Point o) {
        return (float) Math.hypot(x - o.x, y - o.y);
    }
}
