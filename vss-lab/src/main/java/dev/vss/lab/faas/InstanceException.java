// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.faas;

/** A function instance that could not start or died: out of memory, timed out, crashed. */
public final class InstanceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean outOfMemory;
    private long peakMb = -1;

    public InstanceException(String message, boolean outOfMemory) {
        super(message);
        this.outOfMemory = outOfMemory;
    }

    /** Peak memory of the instance's cgroup when it ended, MB; -1 if unknown. */
    public long peakMb() {
        return peakMb;
    }

    InstanceException withPeakMb(long mb) {
        peakMb = mb;
        return this;
    }

    /** True when the instance ran out of its memory (kernel OOM kill in its cgroup, or a Java OutOfMemoryError). */
    public boolean outOfMemory() {
        return outOfMemory;
    }
}
