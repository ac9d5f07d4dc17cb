// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.openvino;

import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.dl.NamedEngineProvider;

/** Registers the OpenVINO engine; the primary backend. */
public final class OpenVinoEngineProvider extends NamedEngineProvider {
    static final String NAME = "openvino";

    public OpenVinoEngineProvider() {
        super(NAME, 100);
    }

    @Override
    public Engine newEngine() throws DlException {
        return new OpenVinoEngine();
    }
}
