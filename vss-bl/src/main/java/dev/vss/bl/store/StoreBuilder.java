// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import java.util.Objects;

/**
 * What the cloud stores' builders share: the retry policy of the client they make. {@code B} is the builder itself,
 * so that {@link #optRetries} chains with its own options.
 */
public abstract class StoreBuilder<B extends StoreBuilder<B>> {
    private RetryPolicy retries = RetryPolicy.DEFAULT;

    protected StoreBuilder() {
    }

    /**
     * Retries and timeouts of the client this builder makes (default {@link RetryPolicy#DEFAULT}; ignored when the
     * builder is given a ready client).
     */
    @SuppressWarnings("unchecked")
    public B optRetries(RetryPolicy retries) {
        this.retries = Objects.requireNonNull(retries, "retries");
        return (B) this;
    }

    /** The retry policy set, or the default. */
    protected RetryPolicy retries() {
        return retries;
    }
}
