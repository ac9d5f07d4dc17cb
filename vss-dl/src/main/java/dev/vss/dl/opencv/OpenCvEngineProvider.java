// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.opencv;

import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.dl.EngineProvider;

/**
 * Registers the OpenCV DNN engine ("opencv", rank 10: below OpenVINO, chosen when it is named or OpenVINO is
 * absent). Cheap to construct; the natives load in {@link #newEngine()}.
 */
public final class OpenCvEngineProvider implements EngineProvider {
    static final String NAME = "opencv";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public Engine newEngine() throws DlException {
        return new OpenCvEngine();
    }
}
