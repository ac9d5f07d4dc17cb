// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How a cloud store's SDK client retries and times out, stated once for the three clouds (each store maps it onto
 * its SDK: AWS {@code StandardRetryStrategy} with full-jitter exponential backoff, Azure
 * {@code RequestRetryOptions} EXPONENTIAL, GCS {@code RetrySettings}). Transient faults — 500, 503 (S3 SlowDown),
 * 429, a reset connection, an attempt that outlives {@code attemptTimeout} — are retried up to
 * {@code maxAttempts} attempts in all, pausing a random time up to {@code baseDelay * 2^n} (at most
 * {@code maxDelay}); permanent ones (403, 404, 400) are not. The whole call gives up after {@code totalTimeout}.
 *
 * @param maxAttempts    attempts per call, the first included (1 = no retry)
 * @param baseDelay      the backoff's base
 * @param maxDelay       the longest pause between two attempts
 * @param connectTimeout to open a connection
 * @param attemptTimeout one attempt, from request to the last byte of the answer
 * @param totalTimeout   the whole call, retries included
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration connectTimeout,
                          Duration attemptTimeout, Duration totalTimeout) {
    /** 4 attempts, 100 ms base, 5 s longest pause, 5 s to connect, 30 s an attempt, 120 s in all. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(120));

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " must be 1..20");
        }
        positive("baseDelay", baseDelay);
        positive("maxDelay", maxDelay);
        positive("connectTimeout", connectTimeout);
        positive("attemptTimeout", attemptTimeout);
        positive("totalTimeout", totalTimeout);
        if (maxDelay.compareTo(baseDelay) < 0 || totalTimeout.compareTo(attemptTimeout) < 0) {
            throw new IllegalArgumentException("retry policy: maxDelay " + maxDelay + " must be >= baseDelay " + baseDelay
                    + " and totalTimeout " + totalTimeout + " >= attemptTimeout " + attemptTimeout);
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " must be positive");
        }
    }

    public RetryPolicy withMaxAttempts(int n) {
        return new RetryPolicy(n, baseDelay, maxDelay, connectTimeout, attemptTimeout, totalTimeout);
    }

    public RetryPolicy withBackoff(Duration base, Duration max) {
        return new RetryPolicy(maxAttempts, base, max, connectTimeout, attemptTimeout, totalTimeout);
    }

    public RetryPolicy withTimeouts(Duration connect, Duration attempt, Duration total) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, connect, attempt, total);
    }
}
