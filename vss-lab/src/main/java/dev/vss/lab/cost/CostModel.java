// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.cost;

import java.util.Objects;

/**
 * What a month of function use costs under an {@link Offering}'s rules. Pure arithmetic, no I/O; thread-safe.
 *
 * <p>Per request the provider bills {@code billed(handler ms)}; each cold start adds {@code billed(init ms)} when the
 * offering bills init (Lambda since 2025-08-01). Billed seconds are charged per GB of (billed) memory and per vCPU
 * where the provider prices CPU, plus a price per request. The free tier is subtracted from the month's totals only
 * when asked ({@link Workload#freeTier()}, off by default, as in the paper).
 */
public final class CostModel {
    private CostModel() {
    }

    /**
     * A month of use.
     *
     * @param memoryMb   configured memory
     * @param requests   requests (events) in the month
     * @param handlerMs  billed-as-is duration of one request's handler (init inside it for local-scope init)
     * @param coldStarts cold starts in the month
     * @param initMs     duration of one cold start's init (the INIT phase)
     * @param freeTier   subtract the provider's monthly free tier
     */
    public record Workload(int memoryMb, long requests, double handlerMs, long coldStarts, double initMs,
            boolean freeTier) {
        public Workload {
            if (memoryMb <= 0 || requests < 0 || coldStarts < 0 || handlerMs < 0 || initMs < 0) {
                throw new IllegalArgumentException("workload: memory > 0 and counts/durations >= 0, got " + memoryMb
                        + " MB, " + requests + " requests, " + handlerMs + " ms, " + coldStarts + " cold starts, "
                        + initMs + " ms init");
            }
        }

        /** {@code images} images sent {@code batch} per request: ceil(images / batch) requests. */
        public static long requests(long images, int batch) {
            if (batch < 1) {
                throw new IllegalArgumentException("batch: " + batch + " must be >= 1");
            }
            return (images + batch - 1) / batch;
        }
    }

    /** The bill's parts, USD, and the billed quantities. */
    public record Bill(double billedSeconds, double gbSeconds, double vcpuSeconds, long requests, double usdMemory,
            double usdCpu, double usdRequests) {
        public double usd() {
            return usdMemory + usdCpu + usdRequests;
        }
    }

    /**
     * Use as billed: the memory and vCPU share charged, the requests, and their billed milliseconds summed (each
     * duration already rounded by {@link Offering#billedMs}). run-local bills what it measured with this; a
     * {@link Workload} comes to it too.
     */
    public record Usage(int memoryMb, double vcpu, long requests, double billedMs, boolean freeTier) {
        public Usage {
            if (memoryMb <= 0 || !(vcpu >= 0) || requests < 0 || !(billedMs >= 0)) {
                throw new IllegalArgumentException("usage: memory > 0 and vcpu/requests/billed ms >= 0, got " + memoryMb
                        + " MB, " + vcpu + " vCPU, " + requests + " requests, " + billedMs + " ms");
            }
        }
    }

    /** The month's bill of a workload under an offering; throws if the memory size is not offered. */
    public static Bill bill(Offering o, Workload w) {
        Objects.requireNonNull(o, "offering");
        int mem = o.billedMemoryMb(w.memoryMb());
        if (mem < 0) {
            throw new IllegalArgumentException(o.id() + " offers no memory size >= " + w.memoryMb() + " MB");
        }
        double billedMs = w.requests() * (double) o.billedMs(w.handlerMs())
                + (o.initBilled() ? w.coldStarts() * (double) o.billedMs(w.initMs()) : 0);
        return bill(o, new Usage(mem, o.vcpu(mem), w.requests(), billedMs, w.freeTier()));
    }

    /** The bill of use already billed: the one formula (GB-s, vCPU-s, requests, free tier) every price goes through. */
    public static Bill bill(Offering o, Usage u) {
        Objects.requireNonNull(o, "offering");
        double seconds = u.billedMs() / 1000.0;
        double gbs = seconds * u.memoryMb() / 1024.0;
        double vcpus = seconds * u.vcpu();
        long reqs = u.requests();
        double chargedGbs = gbs;
        double chargedVcpus = vcpus;
        long chargedReqs = reqs;
        if (u.freeTier()) {
            chargedGbs = Math.max(0, gbs - o.freeGbSeconds());
            chargedVcpus = Math.max(0, vcpus - o.freeVcpuSeconds());
            chargedReqs = (long) Math.max(0, reqs - o.freeRequests());
        }
        return new Bill(seconds, gbs, vcpus, reqs, chargedGbs * o.usdPerGbSecond(), chargedVcpus * o.usdPerVcpuSecond(),
                chargedReqs * o.usdPerRequest());
    }

    /**
     * The paper's equation verbatim: {@code nr * ((0.0009765625 * am) * (0.001 * ru(rd, m)) * mcc + mrc)} with
     * {@code ru} rounding up to a multiple of {@code m} ms (100 ms in the paper).
     */
    public static double paperEquation(long nr, int amMb, double rdMs, int mMs, double mcc, double mrc) {
        double ru = Math.ceil(rdMs / mMs - 1e-9) * mMs;
        return nr * ((0.0009765625 * amMb) * (0.001 * ru) * mcc + mrc);
    }

    /** Amazon Rekognition for the same images: one face-detection and one face-search call per image. */
    public static double managedUsd(PriceTables t, long images) {
        return images * (t.require("aws-rekognition", "usd_per_image_face_detection")
                + t.require("aws-rekognition", "usd_per_image_face_search"));
    }
}
