package dev.vss.hla.pipeline;

import dev.vss.hla.face.Face;
import dev.vss.hla.gallery.Match;
import java.util.Objects;

/** A face and its gallery match (null when no gallery was given or the face was rejected). */
public record FaceResult(Face face, Match match) {
    public FaceResult {
        Objects.requireNonNull(face, "face");
    }
}
