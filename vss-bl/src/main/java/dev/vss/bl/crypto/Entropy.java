// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The one source of randomness for keys and IVs. {@link #reseed()} replaces it after a snapshot restore (Lambda
 * SnapStart, CRaC): copies restored from one snapshot must never draw the same IVs.
 */
public final class Entropy {
    private static volatile SecureRandom random = fresh();

    private Entropy() {
    }

    public static SecureRandom random() {
        return random;
    }

    /** A new generator seeded from the operating system now. */
    public static void reseed() {
        random = fresh();
    }

    private static SecureRandom fresh() {
        try {
            return SecureRandom.getInstance("NativePRNGNonBlocking"); // reads /dev/urandom on every call
        } catch (NoSuchAlgorithmException e) {
            SecureRandom r = new SecureRandom();
            r.setSeed(r.generateSeed(32));
            return r;
        }
    }
}
