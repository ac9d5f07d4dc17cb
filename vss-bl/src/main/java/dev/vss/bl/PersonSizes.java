// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The smallest person to find, per camera, px of height: {@code 40} for every camera, or
 * {@code cam1=60,cam2=30,40} — cameras named, the bare number for the others. 0 means "derived from the frame
 * size" (1/16 of its height, at least 24 px). Immutable.
 */
public record PersonSizes(int defaultPx, Map<String, Integer> perCamera) {
    private static final int MAX = 10_000;

    public PersonSizes {
        perCamera = Map.copyOf(Objects.requireNonNull(perCamera, "perCamera"));
        check("default", defaultPx);
        perCamera.forEach(PersonSizes::check);
    }

    /** Derived from each frame's size for every camera. */
    public static PersonSizes fromFrame() {
        return new PersonSizes(0, Map.of());
    }

    /**
     * Parses {@code 40} or {@code cam1=60,cam2=30,40}.
     *
     * @throws IllegalArgumentException naming the part that is not {@code px} or {@code camera=px}
     */
    public static PersonSizes parse(String s) {
        int def = 0;
        Map<String, Integer> cams = new LinkedHashMap<>();
        for (String part : s.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            try {
                if (eq < 0) {
                    def = Integer.parseInt(p);
                } else {
                    cams.put(p.substring(0, eq).strip(), Integer.parseInt(p.substring(eq + 1).strip()));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p + "' is not px or camera=px (e.g. cam1=60,cam2=30,40)");
            }
        }
        return new PersonSizes(def, cams);
    }

    /** The size for {@code camera} (null: the default). */
    public int forCamera(String camera) {
        return camera == null ? defaultPx : perCamera.getOrDefault(camera, defaultPx);
    }

    private static void check(String what, int px) {
        if (px < 0 || px > MAX) {
            throw new IllegalArgumentException("min person px for " + what + ": " + px + " is not in [0, " + MAX + "]");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        perCamera.forEach((c, px) -> sb.append(c).append('=').append(px).append(','));
        return sb.append(defaultPx).toString();
    }
}
