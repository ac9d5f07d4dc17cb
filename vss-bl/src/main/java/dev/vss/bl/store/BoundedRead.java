// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import java.io.IOException;
import java.io.InputStream;

/** Reading a stream under a byte limit, for the stores' {@code get(key, maxBytes)}. Stateless and thread-safe. */
public final class BoundedRead {
    /** The largest limit a single byte array can hold. */
    public static final long MAX_LIMIT = Integer.MAX_VALUE - 9L;

    private BoundedRead() {
    }

    /**
     * Reads a stream to its end, holding at most {@code maxBytes}: buffers grow as data arrives (they are never
     * sized from a length the other side claims), and one byte past the limit ends the read.
     *
     * @param name the object, for the message
     * @throws ObjectTooLargeException if the stream holds more than {@code maxBytes}
     */
    public static byte[] readAtMost(InputStream in, long maxBytes, String name) throws IOException {
        checkLimit(maxBytes);
        byte[] b = in.readNBytes((int) maxBytes + 1);
        if (b.length > maxBytes) {
            throw new ObjectTooLargeException(name, -1, maxBytes);
        }
        return b;
    }

    /** @throws IllegalArgumentException unless {@code 0 <= maxBytes <= MAX_LIMIT} */
    public static long checkLimit(long maxBytes) {
        if (maxBytes < 0 || maxBytes > MAX_LIMIT) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " must be 0.." + MAX_LIMIT);
        }
        return maxBytes;
    }
}
