// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the labelled vtest.avi frames are kept, and whose smallest person they are searched with (eval and bench). */
final class VtestOptions {
    @Option(names = "--frames-dir", description = "Where extracted frames are kept (default: <tmp>/vss-vtest-frames).")
    Path framesDir;

    @Option(names = "--camera", description = "Camera whose smallest person (--min-person-px / VSS_MIN_PERSON_PX, per "
            + "camera) the frames are searched with (default: the default size).")
    String camera;

    /** The frames folder given, else {@code <tmp>/vss-vtest-frames}. */
    Path framesDir() {
        return framesDir != null ? framesDir : Path.of(System.getProperty("java.io.tmpdir"), "vss-vtest-frames");
    }
}
