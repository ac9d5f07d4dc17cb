// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.opencv;

import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.dl.NamedEngineProvider;

/**
 * Registers the OpenCV DNN engine ("opencv", rank 10: below OpenVINO, chosen when it is named or OpenVINO is
 * absent). Cheap to construct; the natives load in {@link #newEngine()}.
 */
public final class OpenCvEngineProvider extends NamedEngineProvider {
    static final String NAME = "opencv";

    public OpenCvEngineProvider() {
        super(NAME, 10);
    }

    @Override
    public Engine newEngine() throws DlException {
        return new OpenCvEngine();
    }
}
