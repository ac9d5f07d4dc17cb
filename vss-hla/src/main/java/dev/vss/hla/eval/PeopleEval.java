// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.eval;

import dev.vss.hla.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Recall and precision of found people against hand labels at IoU ≥ {@value #MIN_IOU}, by person-height band.
 *
 * <p>Matching per frame, as in PASCAL VOC / COCO: predictions best first, each takes the unmatched labelled person of
 * highest IoU ≥ 0.5, preferring people that count over ignored ones. Ignored people (occluded, or shorter than
 * {@value #MIN_LABEL_HEIGHT} px) are not in recall, and a prediction on one is neither a hit nor a false alarm. A
 * person's band is the labelled box height for recall and the predicted box height for precision. Stateless and
 * thread-safe.
 */
public final class PeopleEval {
    /** Overlap a prediction needs with a labelled box to count as finding it. */
    public static final float MIN_IOU = 0.5f;
    /** People shorter than this are labelled where seen but ignored. */
    public static final float MIN_LABEL_HEIGHT = 40;

    /** A height band [min, max) in pixels. */
    public record Band(String name, float min, float max) {
        public Band {
            Objects.requireNonNull(name, "name");
            if (!(min >= 0 && max > min)) {
                throw new IllegalArgumentException("band: [" + min + ", " + max + ") is empty");
            }
        }

        boolean contains(float h) {
            return h >= min && h < max;
        }
    }

    /**
     * The bands reported: small (40-50, 50-75, 75-100 px), large, the target (≥ 50 px) and all (where a false alarm
     * of any size counts).
     */
    public static final List<Band> BANDS = List.of(new Band("40-50 px", 40, 50), new Band("50-75 px", 50, 75),
            new Band("75-100 px", 75, 100), new Band(">= 100 px", 100, Float.MAX_VALUE),
            new Band(">= 50 px", 50, Float.MAX_VALUE), new Band("all", 0, Float.MAX_VALUE));

    /**
     * One band's counts.
     *
     * @param labelled  labelled people that count, in the band
     * @param found     of those, matched by a prediction
     * @param predicted predictions in the band (by predicted height) that are not on an ignored person
     * @param correct   of those, matched to a labelled person
     */
    public record Row(Band band, int labelled, int found, int predicted, int correct) {
        public double recall() {
            return labelled == 0 ? Double.NaN : found / (double) labelled;
        }

        public double precision() {
            return predicted == 0 ? Double.NaN : correct / (double) predicted;
        }
    }

    /** The rows of {@link #BANDS}, in order, and the frames evaluated. */
    public record Report(List<Row> rows, int frames) {
        public Report {
            rows = List.copyOf(rows);
        }

        /** The row of the band named {@code name}. */
        public Row row(String name) {
            return rows.stream().filter(r -> r.band().name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("name: no band " + name + "; bands: "
                            + rows.stream().map(r -> r.band().name()).toList()));
        }

        /** A plain-text table (also valid Markdown). */
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append("| height | labelled | found | recall | predicted | correct | precision |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %d | %d | %s |%n", r.band().name(),
                        r.labelled(), r.found(), pct(r.recall()), r.predicted(), r.correct(), pct(r.precision())));
            }
            return sb.toString();
        }

        private static String pct(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
        }
    }

    private PeopleEval() {
    }

    private static boolean ignored(LabelledPerson p) {
        return p.occluded() || p.box().h() < MIN_LABEL_HEIGHT;
    }

    /**
     * Scores predictions against labels on every labelled frame.
     *
     * @param predictions frame → predicted boxes, best first; a labelled frame missing here counts as "nobody found"
     */
    public static Report evaluate(PeopleLabels labels, Map<Integer, List<Box>> predictions) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(predictions, "predictions");
        int n = BANDS.size();
        int[] labelled = new int[n];
        int[] found = new int[n];
        int[] predicted = new int[n];
        int[] correct = new int[n];
        for (int frame : labels.frames()) {
            List<LabelledPerson> truth = labels.people(frame);
            boolean[] taken = new boolean[truth.size()];
            for (Box p : predictions.getOrDefault(frame, List.of())) {
                int best = -1;
                float bestIou = MIN_IOU;
                boolean bestIgnored = true;
                for (int i = 0; i < truth.size(); i++) {
                    if (taken[i]) {
                        continue;
                    }
                    float iou = p.iou(truth.get(i).box());
                    boolean ign = ignored(truth.get(i));
                    // a person that counts beats an ignored one; then the higher IoU
                    if (iou >= MIN_IOU && (best < 0 || (bestIgnored && !ign) || (bestIgnored == ign && iou > bestIou))) {
                        best = i;
                        bestIou = iou;
                        bestIgnored = ign;
                    }
                }
                if (best >= 0) {
                    taken[best] = true;
                    if (bestIgnored) {
                        continue; // on an ignored person: neither hit nor false alarm
                    }
                }
                for (int b = 0; b < n; b++) {
                    if (BANDS.get(b).contains(p.h())) {
                        predicted[b]++;
                        if (best >= 0) {
                            correct[b]++;
                        }
                    }
                }
            }
            for (int i = 0; i < truth.size(); i++) {
                LabelledPerson t = truth.get(i);
                if (ignored(t)) {
                    continue;
                }
                for (int b = 0; b < n; b++) {
                    if (BANDS.get(b).contains(t.box().h())) {
                        labelled[b]++;
                        if (taken[i]) {
                            found[b]++;
                        }
                    }
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            rows.add(new Row(BANDS.get(b), labelled[b], found[b], predicted[b], correct[b]));
        }
        return new Report(rows, labels.frames().size());
    }
}
