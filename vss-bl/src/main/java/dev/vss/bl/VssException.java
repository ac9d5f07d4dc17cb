// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

/**
 * A {@link VssHandler} could not build or run its pipeline or reach its configured stores: a missing or wrong key, a
 * gallery of another model, models that cannot be fetched or compiled. The message says what and how to fix it;
 * the cause is the layer's own exception. Per-image problems are never thrown: they are results.
 */
public final class VssException extends Exception {
    private static final long serialVersionUID = 1L;

    public VssException(String message, Throwable cause) {
        super(message, cause);
    }
}
