// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.crypto;

import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@link EnvelopeFuzzTest#seeds()} to a directory: {@code java -cp <test classpath> ...EnvelopeSeeds <dir>}. */
final class EnvelopeSeeds {
    private EnvelopeSeeds() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        byte[][] s = EnvelopeFuzzTest.seeds();
        for (int i = 0; i < s.length; i++) {
            Files.write(dir.resolve("sealed-" + (i + 1) + ".bin"), s[i]);
        }
    }
}
