// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** glibc's {@code malloc_trim} through JNA, for {@code dev.vss.dl.heap.NativeHeap}. Not API. Thread-safe. */
public final class CHeap {
    interface LibC extends Library {
        int malloc_trim(long pad);
    }

    private static final LibC LIBC = load();

    private CHeap() {
    }

    private static LibC load() {
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null; // no C library by that name: nothing to trim
        }
    }

    /** {@code malloc_trim(0)}: true if memory was released, false if none was or there is no such function. */
    public static boolean trim() {
        if (LIBC == null) {
            return false;
        }
        try {
            return LIBC.malloc_trim(0) == 1;
        } catch (UnsatisfiedLinkError e) {
            return false; // e.g. musl has no malloc_trim
        }
    }
}
