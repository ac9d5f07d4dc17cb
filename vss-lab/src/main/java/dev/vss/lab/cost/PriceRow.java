// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.cost;

import java.util.Objects;

/**
 * One published figure of a price table, with where and when it was read.
 *
 * @param offering the offering it belongs to (e.g. {@code aws-lambda-x86_64})
 * @param item     what it is ({@code usd_per_gb_second}, {@code billing_granularity_ms}, ...)
 * @param value    the figure
 * @param unit     its unit in words
 * @param source   the page it was read from (or should be read from)
 * @param asOf     when it was read
 * @param status   {@code confirmed}, {@code third-party}, {@code unconfirmed} or {@code paper}
 * @param note     what else a reader needs to know
 */
public record PriceRow(String offering, String item, double value, String unit, String source, String asOf,
        String status, String note) {
    /** The statuses a row may have. */
    public static final java.util.Set<String> STATUSES = java.util.Set.of("confirmed", "third-party", "unconfirmed",
            "paper");

    public PriceRow {
        Objects.requireNonNull(offering, "offering");
        Objects.requireNonNull(item, "item");
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("value of " + offering + "/" + item + ": " + value + " is not a figure >= 0");
        }
        if (source == null || source.isBlank() || asOf == null || asOf.isBlank()) {
            throw new IllegalArgumentException(offering + "/" + item + ": every row needs a source and a date");
        }
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException(offering + "/" + item + ": status '" + status + "' is not one of " + STATUSES);
        }
        note = note == null ? "" : note;
    }

    /** True when the figure was read on the provider's own page or documentation (or is the paper's). */
    public boolean confirmed() {
        return status.equals("confirmed") || status.equals("paper");
    }
}
