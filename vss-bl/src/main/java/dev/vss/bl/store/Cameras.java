// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import dev.vss.bl.image.ImageRef;

/**
 * The one rule for which camera an image comes from: the first folder below the input location that holds it
 * ({@code s3://cams/incoming/} + {@code incoming/lobby/0001.jpg} → {@code lobby}) when there is one, else the camera
 * the event named — a direct invocation's {@code camera}, or the object key's first segment. The handler decides it
 * once per image and carries it on the {@link ImageRef}; results are filed under it. Stateless.
 */
public final class Cameras {
    private Cameras() {
    }

    /** The camera of {@code ref}, deciding by the input locations of {@code inputs}. */
    public static String of(ImageRef ref, InputGuard inputs) {
        String below = inputs.below(ref.uri());
        String c = below == null ? null : ofKey(below);
        return c != null ? c : ref.camera();
    }

    /** The camera of an object key (or a path below an input): its first segment when there is more than one. */
    public static String ofKey(String key) {
        int i = key.indexOf('/');
        return i > 0 ? key.substring(0, i) : null;
    }
}
