package dev.vss.dl;

/** The engine's performance hint; maps to OpenVINO's PERFORMANCE_HINT. */
public enum PerformanceHint {
    /** Lowest latency for one request at a time: one stream. The default for functions. */
    LATENCY,
    /** Highest throughput with several parallel requests. */
    THROUGHPUT,
    /** No hint: threads and streams are taken as given. */
    NONE
}
