// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import dev.vss.bl.store.Keys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** The part of {@code BlobStore.list} the cloud stores share: the prefix check and the sorted result. */
public final class Listings {
    private Listings() {
    }

    /** A listing prefix: empty (everything) or a legal key prefix. */
    public static String checkPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isEmpty()) {
            Keys.check(prefix);
        }
        return prefix;
    }

    /** The keys {@code pages} hands over (following the SDK's pages), sorted. */
    public static List<String> sorted(Consumer<Consumer<String>> pages) {
        List<String> keys = new ArrayList<>();
        pages.accept(keys::add);
        Collections.sort(keys);
        return keys;
    }
}
