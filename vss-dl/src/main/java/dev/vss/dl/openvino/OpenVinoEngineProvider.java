package dev.vss.dl.openvino;

import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.dl.EngineProvider;

/** Registers the OpenVINO engine; the primary backend. */
public final class OpenVinoEngineProvider implements EngineProvider {
    static final String NAME = "openvino";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 100;
    }

    @Override
    public Engine newEngine() throws DlException {
        return new OpenVinoEngine();
    }
}
