package dev.vss.hla.gallery;

import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.face.Embedding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Registered people: several embeddings per person, all from one embedding model, and the similarity threshold
 * above which a face is that person. Immutable (changes return a new gallery) and thread-safe.
 *
 * <p>Matching: a face's similarity to a person is its best cosine over that person's embeddings; the most
 * similar person is the identity if the similarity reaches the threshold, else the face is unknown.
 */
public final class Gallery {
    /** Calibrated on the shared images for face-reidentification-retail-0095 (docs/accuracy.md). */
    public static final float DEFAULT_THRESHOLD = 0.45f;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private final String model;
    private final float threshold;
    private final Map<String, List<Embedding>> people;

    private Gallery(String model, float threshold, Map<String, List<Embedding>> people) {
        this.model = Objects.requireNonNull(model, "model");
        if (!(threshold > -1 && threshold < 1)) {
            throw new IllegalArgumentException("threshold: " + threshold + " is not in (-1,1)");
        }
        this.threshold = threshold;
        this.people = people;
    }

    /** An empty gallery for embeddings of {@code model} ("name/precision"). */
    public static Gallery empty(String model, float threshold) {
        return new Gallery(model, threshold, Collections.unmodifiableMap(new TreeMap<>()));
    }

    /** A gallery restored from storage; validates every id and embedding. */
    public static Gallery of(String model, float threshold, Map<String, List<Embedding>> people) throws HlaException {
        Gallery g = empty(model, threshold);
        for (var e : people.entrySet()) {
            g = g.enrol(e.getKey(), e.getValue());
        }
        return g;
    }

    public String model() {
        return model;
    }

    public float threshold() {
        return threshold;
    }

    /** Person ids, sorted. */
    public List<String> ids() {
        return List.copyOf(people.keySet());
    }

    public List<Embedding> embeddings(String id) {
        return people.getOrDefault(id, List.of());
    }

    public int size() {
        return people.size();
    }

    /** Checks a person id: 1-64 characters of letters, digits, '_', '.', '-', starting with a letter or digit. */
    public static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id: '" + id + "' is not a valid person id (1-64 of A-Z a-z 0-9 _ . -, "
                    + "starting with a letter or digit)");
        }
        return id;
    }

    /**
     * Adds embeddings to a person (created if new).
     *
     * @throws HlaException GALLERY_MISMATCH if an embedding comes from another model
     */
    public Gallery enrol(String id, List<Embedding> embeddings) throws HlaException {
        checkId(id);
        if (embeddings.isEmpty()) {
            throw new IllegalArgumentException("embeddings: none to enrol for " + id);
        }
        for (Embedding e : embeddings) {
            requireModel(e);
        }
        Map<String, List<Embedding>> next = new TreeMap<>(people);
        List<Embedding> list = new ArrayList<>(people.getOrDefault(id, List.of()));
        list.addAll(embeddings);
        next.put(id, List.copyOf(list));
        return new Gallery(model, threshold, Collections.unmodifiableMap(next));
    }

    /** Removes a person and every embedding of theirs (right to erasure); unchanged if absent. */
    public Gallery remove(String id) {
        if (!people.containsKey(id)) {
            return this;
        }
        Map<String, List<Embedding>> next = new TreeMap<>(people);
        next.remove(id);
        return new Gallery(model, threshold, Collections.unmodifiableMap(next));
    }

    public Gallery withThreshold(float t) {
        return new Gallery(model, t, people);
    }

    /** Matches one face. */
    public Match match(Embedding face) throws HlaException {
        requireModel(face);
        String best = null;
        float bestSim = -1;
        for (var e : people.entrySet()) {
            for (Embedding g : e.getValue()) {
                float s = g.cosine(face);
                if (s > bestSim) {
                    bestSim = s;
                    best = e.getKey();
                }
            }
        }
        if (best == null) {
            return new Match(null, 0, null);
        }
        return new Match(bestSim >= threshold ? best : null, bestSim, best);
    }

    private void requireModel(Embedding e) throws HlaException {
        if (!model.equals(e.model())) {
            throw new HlaException(HlaErrorCode.GALLERY_MISMATCH, "gallery holds embeddings of " + model
                    + ", this face was embedded with " + e.model() + "; re-enrol with the same model and precision");
        }
    }

    @Override
    public String toString() {
        return "Gallery{" + model + ", threshold " + threshold + ", " + people.size() + " people}";
    }
}
