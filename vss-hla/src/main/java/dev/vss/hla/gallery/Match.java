package dev.vss.hla.gallery;

/**
 * The result of matching one face: {@code identity} is null for an unknown face; {@code similarity} is the best
 * cosine similarity found and {@code nearest} the person it belongs to (also when below the threshold).
 */
public record Match(String identity, float similarity, String nearest) {
    public boolean known() {
        return identity != null;
    }
}
