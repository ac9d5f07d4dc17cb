package dev.vss.hla;

/** An axis-aligned box in image pixels: top-left corner, width, height. */
public record Box(float x, float y, float w, float h) {
    public Box {
        if (!(w >= 0 && h >= 0) || !Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(w) || !Float.isFinite(h)) {
            throw new IllegalArgumentException("box: invalid " + x + "," + y + " " + w + "x" + h);
        }
    }

    /** From corners (x0,y0)-(x1,y1); corners in any order. */
    public static Box ofCorners(float x0, float y0, float x1, float y1) {
        return new Box(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
    }

    public float x1() {
        return x + w;
    }

    public float y1() {
        return y + h;
    }

    public float cx() {
        return x + w / 2;
    }

    public float cy() {
        return y + h / 2;
    }

    public float area() {
        return w * h;
    }

    public float iou(Box o) {
        float ix = Math.max(0, Math.min(x1(), o.x1()) - Math.max(x, o.x));
        float iy = Math.max(0, Math.min(y1(), o.y1()) - Math.max(y, o.y));
        float inter = ix * iy;
        float union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** This box limited to [0,width) x [0,height). */
    public Box clip(int width, int height) {
        float x0 = Math.max(0, Math.min(x, width));
        float y0 = Math.max(0, Math.min(y, height));
        return ofCorners(x0, y0, Math.max(x0, Math.min(x1(), width)), Math.max(y0, Math.min(y1(), height)));
    }

    /** [x, y, w, h] rounded to 0.1 px, as in the result JSON. */
    public float[] toArray() {
        return new float[] {r(x), r(y), r(w), r(h)};
    }

    private static float r(float v) {
        return Math.round(v * 10) / 10f;
    }
}
