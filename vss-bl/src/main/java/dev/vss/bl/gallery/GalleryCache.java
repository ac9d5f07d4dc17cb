// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.gallery;

import dev.vss.bl.image.ResultJson;
import dev.vss.hla.gallery.Gallery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The current gallery of a warm function instance: loaded (and decrypted) once, then reloaded only when the
 * store's version marker ({@link GalleryStore#storedVersion()}, one tiny GET) shows a new version — and that
 * marker is read at most once per {@code minInterval}. Between checks {@link #current()} returns the held gallery
 * without touching the store. The handler asks it ({@link #current()}) before each analysis.
 *
 * <pre>{@code
 * static final GalleryCache GALLERY = GalleryCache.builder(new GalleryStore(bucket, keys))
 *         .optMinInterval(Duration.ofSeconds(30)).build();
 * Gallery g = GALLERY.current();
 * }</pre>
 *
 * <p>Failures: a gallery older than one this instance has held ({@link GalleryException.Code#ROLLED_BACK}) is
 * not loaded: the newer gallery held is kept and the error logged. A gallery that cannot be authenticated or
 * decrypted (tampered, wrong key, not a gallery) makes {@link #current()} throw the {@link GalleryException}
 * ({@link #get()}: wrapped in {@link UncheckedIOException}) — on the first load and on every reload — so an instance never matches against an empty or stale gallery in place of a broken one. A
 * plain I/O error while re-checking (the store briefly unreachable) keeps the held gallery and is retried after
 * {@code minInterval}; on the first load it is thrown. {@link #current()} returns null while no gallery exists (faces
 * are then not matched).
 *
 * <p>Thread-safe: one caller re-checks while the others keep getting the held gallery. Logs (one JSON line per
 * load or failure, to the builder's log) carry versions, counts and times only — never embeddings.
 */
public final class GalleryCache implements Supplier<Gallery> {
    /** A gallery as held: its version (0 = none) and when the marker was last checked. */
    private record Held(Gallery gallery, long version, long checkedAt) {
    }

    private final GalleryStore store;
    private final long minIntervalNanos;
    private final LongSupplier nanoTime;
    private final Consumer<String> log;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Held held;
    private volatile int loads;

    private GalleryCache(Builder b) {
        this.store = b.store;
        this.minIntervalNanos = b.minInterval.toNanos();
        this.nanoTime = b.nanoTime;
        this.log = b.log;
    }

    public static Builder builder(GalleryStore store) {
        return new Builder(Objects.requireNonNull(store, "store"));
    }

    /**
     * The current gallery, or null if none exists.
     *
     * @throws UncheckedIOException wrapping a {@link GalleryException} if the stored gallery is unreadable, or the
     *                              first load's {@link IOException}
     */
    @Override
    public Gallery get() {
        try {
            return current();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The current gallery, or null if none exists.
     *
     * @throws GalleryException if the stored gallery is unreadable; the first load's {@link IOException}
     */
    public Gallery current() throws IOException {
        Held h = held;
        if (h != null && nanoTime.getAsLong() - h.checkedAt() < minIntervalNanos) {
            return h.gallery();
        }
        if (h != null && !lock.tryLock()) {
            return h.gallery(); // another thread is re-checking: do not wait for it
        }
        if (h == null) {
            lock.lock();
        }
        try {
            return check(false).gallery();
        } finally {
            lock.unlock();
        }
    }

    /** Checks the marker now, whatever the interval, and reloads if the version changed. */
    public Gallery refresh() throws IOException {
        lock.lock();
        try {
            return check(true).gallery();
        } finally {
            lock.unlock();
        }
    }

    /** The version held (0 if no gallery exists or nothing was loaded yet). */
    public long version() {
        Held h = held;
        return h == null ? 0 : h.version();
    }

    /** How many times the gallery object was read and decrypted (for tests and metrics). */
    public int loads() {
        return loads;
    }

    /** Under the lock. */
    private Held check(boolean force) throws IOException {
        Held h = held;
        long now = nanoTime.getAsLong();
        if (!force && h != null && now - h.checkedAt() < minIntervalNanos) {
            return h; // checked by another thread meanwhile
        }
        long marker;
        try {
            marker = store.storedVersion();
        } catch (GalleryException e) {
            log("gallery_error", h, Map.of("code", e.code().name()));
            throw e;
        } catch (IOException e) {
            if (h == null) {
                throw e;
            }
            log("gallery_check_failed", h, Map.of("error", e.getClass().getSimpleName()));
            held = new Held(h.gallery(), h.version(), now); // keep serving; retry after the interval
            return held;
        }
        if (h != null && marker == h.version()) {
            held = new Held(h.gallery(), h.version(), now);
            return held;
        }
        long t0 = System.nanoTime();
        GalleryStore.Versioned v;
        try {
            v = store.load();
        } catch (GalleryException e) {
            log("gallery_error", h, Map.of("code", e.code().name()));
            if (e.code() == GalleryException.Code.ROLLED_BACK && h != null) {
                // the held gallery is newer and authentic: keep it (erasures stay erased); retry after the interval
                held = new Held(h.gallery(), h.version(), now);
                return held;
            }
            throw e;
        }
        loads++;
        held = v == null ? new Held(null, 0, now) : new Held(v.gallery(), v.version(), now);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("previous_version", h == null ? null : h.version());
        if (h != null && held.version() < h.version()) {
            // An older, still authentic object was put back (a restore, or a rollback by someone with write access).
            f.put("warning", "version_decreased");
        }
        f.put("people", v == null ? 0 : v.gallery().size());
        f.put("model", v == null ? null : v.gallery().model());
        f.put("ms", Math.round((System.nanoTime() - t0) / 1e4) / 100.0);
        log("gallery_load", held, f);
        return held;
    }

    private void log(String event, Held h, Map<String, ?> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", event);
        m.put("version", h == null ? null : h.version());
        m.putAll(fields);
        try {
            log.accept(ResultJson.mapper().writeValueAsString(m));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("log line not serialisable", e);
        }
    }

    @Override
    public String toString() {
        Held h = held;
        return "GalleryCache{version " + (h == null ? "not loaded" : h.version()) + ", "
                + (h == null || h.gallery() == null ? "no gallery" : h.gallery()) + "}";
    }

    /** Builder; everything but the store is optional. */
    public static final class Builder {
        private final GalleryStore store;
        private Duration minInterval = Duration.ofSeconds(30);
        private LongSupplier nanoTime = System::nanoTime;
        private Consumer<String> log = s -> { };

        private Builder(GalleryStore store) {
            this.store = store;
        }

        /**
         * The least time between two checks of the version marker (default 30 s): a new gallery reaches every warm
         * instance within this time after it is saved. Zero checks on every call.
         */
        public Builder optMinInterval(Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("minInterval: " + d + " must be zero or positive");
            }
            minInterval = d;
            return this;
        }

        /** Receives one JSON line per load, failed check or error (structured logs). */
        public Builder optLog(Consumer<String> l) {
            log = Objects.requireNonNull(l, "log");
            return this;
        }

        /** The clock, for tests. */
        Builder optNanoTime(LongSupplier t) {
            nanoTime = Objects.requireNonNull(t, "nanoTime");
            return this;
        }

        public GalleryCache build() {
            return new GalleryCache(this);
        }
    }
}
