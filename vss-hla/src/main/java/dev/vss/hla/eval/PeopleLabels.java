// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.eval;

import dev.vss.hla.Box;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A set of hand-labelled people per frame, read from CSV: {@code frame,x,y,w,h,note} with {@code #} comments and a
 * header line; note is empty or {@code occluded}. Immutable and thread-safe.
 */
public final class PeopleLabels {
    /** The committed labels of OpenCV's vtest.avi (see the file's header for how they were made). */
    public static final String VTEST_RESOURCE = "vtest-people.csv";

    private final Map<Integer, List<LabelledPerson>> byFrame;

    private PeopleLabels(Map<Integer, List<LabelledPerson>> byFrame) {
        this.byFrame = byFrame;
    }

    /** The labels of vtest.avi shipped with vss. */
    public static PeopleLabels vtest() {
        try (InputStream in = PeopleLabels.class.getResourceAsStream(VTEST_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(VTEST_RESOURCE + " missing from the vss-hla jar");
            }
            return parse(in, VTEST_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses labels.
     *
     * @throws IllegalArgumentException naming the line of a malformed row
     */
    public static PeopleLabels parse(InputStream csv, String name) throws IOException {
        Objects.requireNonNull(csv, "csv");
        Map<Integer, List<LabelledPerson>> m = new TreeMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith("frame,")) {
                continue;
            }
            String[] f = t.split(",", -1);
            if (f.length < 5 || f.length > 6) {
                throw new IllegalArgumentException(name + ":" + n + ": expected frame,x,y,w,h[,note], got " + t);
            }
            try {
                int frame = Integer.parseInt(f[0].strip());
                Box b = new Box(Float.parseFloat(f[1]), Float.parseFloat(f[2]), Float.parseFloat(f[3]),
                        Float.parseFloat(f[4]));
                String note = f.length == 6 ? f[5].strip() : "";
                if (!note.isEmpty() && !note.equals("occluded")) {
                    throw new IllegalArgumentException("note '" + note + "' is neither empty nor occluded");
                }
                m.computeIfAbsent(frame, k -> new ArrayList<>()).add(new LabelledPerson(frame, b, !note.isEmpty()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ":" + n + ": " + e.getMessage(), e);
            }
        }
        m.replaceAll((k, v) -> List.copyOf(v));
        return new PeopleLabels(Collections.unmodifiableMap(m));
    }

    /** The labelled frames, ascending. */
    public SortedSet<Integer> frames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byFrame.keySet()));
    }

    /** The people of one frame (empty for an unlabelled frame). */
    public List<LabelledPerson> people(int frame) {
        return byFrame.getOrDefault(frame, List.of());
    }

    /** Number of labelled people over all frames. */
    public int size() {
        return byFrame.values().stream().mapToInt(List::size).sum();
    }
}
