package dev.vss.hla.face;

import dev.vss.hla.Point;
import java.util.List;
import java.util.Objects;

/** Five facial landmarks in image pixels: left eye, right eye, nose tip, left and right mouth corner. */
public record Landmarks(List<Point> points) {
    public Landmarks {
        points = List.copyOf(Objects.requireNonNull(points, "points"));
        if (points.size() != 5) {
            throw new IllegalArgumentException("points: " + points.size() + " landmarks, expected 5");
        }
    }

    public Point leftEye() {
        return points.get(0);
    }

    public Point rightEye() {
        return points.get(1);
    }

    public Point nose() {
        return points.get(2);
    }

    /** Distance between the eyes in pixels. */
    public float eyeDistance() {
        return leftEye().distance(rightEye());
    }
}
