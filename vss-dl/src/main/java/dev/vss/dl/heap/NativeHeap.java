// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.heap;

import dev.vss.dl.internal.CHeap;

/**
 * The process's C heap (glibc malloc), which the engines' native code uses. Compiling a model allocates and frees far
 * more than the compiled model keeps; glibc keeps those freed pages in its arenas, so a process that compiled five
 * models holds memory it will not use again. {@link #trim()} hands it back to the kernel: a runtime calls it once its
 * models are compiled, which matters when the memory limit is small (a 256 MB function). Thread-safe.
 *
 * <p>In a package of its own, not the engine API's: it calls into {@code dev.vss.dl.internal}, which calls back into
 * the API package, and the packages stay free of cycles (LayerRulesTest).
 */
public final class NativeHeap {
    private NativeHeap() {
    }

    /**
     * Releases free C-heap memory to the kernel ({@code malloc_trim(0)}).
     *
     * @return true if memory was released, false if none could be or the C library has no {@code malloc_trim}
     */
    public static boolean trim() {
        return CHeap.trim();
    }
}
