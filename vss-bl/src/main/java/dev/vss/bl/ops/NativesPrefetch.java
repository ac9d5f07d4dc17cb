// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.ops;

import dev.vss.dl.Engine;
import dev.vss.dl.image.Images;

/**
 * Loads OpenCV's and OpenVINO's natives (and the CPU plugin) on a daemon thread as soon as a process (the CLI) knows it
 * will build the pipeline, so that they load while picocli parses the command line and the settings are read. The
 * runtime then finds them loaded. A failure here is ignored: the runtime loads again and reports it.
 */
public final class NativesPrefetch {
    private static volatile Engine keep; // holds the CPU plugin loaded until the runtime's own engine uses it

    private NativesPrefetch() {
    }

    /** Starts loading; {@code openvino} false: OpenCV's natives only (the opencv engine needs no OpenVINO). */
    public static void start(boolean openvino) {
        Thread t = new Thread(() -> {
            try {
                Images.loadNatives();
                if (openvino) {
                    Engine e = Engine.newInstance("openvino");
                    e.deviceInfo("CPU");
                    keep = e;
                }
            } catch (Exception | LinkageError e) {
                // the runtime loads them again and says what is wrong
            }
        }, "vss-natives");
        t.setDaemon(true);
        t.start();
    }
}
