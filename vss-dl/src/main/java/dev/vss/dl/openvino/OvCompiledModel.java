package dev.vss.dl.openvino;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.vss.dl.CompiledModel;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.InferRequest;
import dev.vss.dl.PortInfo;
import dev.vss.dl.internal.Closeables;
import java.util.ArrayList;
import java.util.List;

/** An {@code ov_compiled_model_t}. Thread-safe. */
final class OvCompiledModel implements CompiledModel {
    private final OvLib lib;
    private final Pointer compiled;
    private final String name;
    private final Closeables state;
    private final List<PortInfo> inputs;
    private final List<PortInfo> outputs;

    OvCompiledModel(OvLib lib, Pointer compiled, String name, List<PortInfo> modelInputs, List<PortInfo> modelOutputs)
            throws DlException {
        this.lib = lib;
        this.compiled = compiled;
        this.name = name;
        this.state = new Closeables("compiled model " + name);
        try {
            this.inputs = renamed(ports(true), modelInputs);
            this.outputs = renamed(ports(false), modelOutputs);
        } catch (DlException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static List<PortInfo> renamed(List<PortInfo> ports, List<PortInfo> names) {
        if (ports.size() != names.size()) {
            return ports;
        }
        List<PortInfo> out = new ArrayList<>();
        for (PortInfo p : ports) {
            out.add(new PortInfo(p.index(), names.get(p.index()).name(), p.type(), p.shape()));
        }
        return List.copyOf(out);
    }

    private List<PortInfo> ports(boolean in) throws DlException {
        return in ? Ov.ports(lib, n -> lib.ov_compiled_model_inputs_size(compiled, n),
                (i, port) -> lib.ov_compiled_model_input_by_index(compiled, i, port), "compiled model ports size",
                "compiled model port")
                : Ov.ports(lib, n -> lib.ov_compiled_model_outputs_size(compiled, n),
                        (i, port) -> lib.ov_compiled_model_output_by_index(compiled, i, port),
                        "compiled model ports size", "compiled model port");
    }

    @Override
    public List<PortInfo> inputs() {
        state.ensureOpen();
        return inputs;
    }

    @Override
    public List<PortInfo> outputs() {
        state.ensureOpen();
        return outputs;
    }

    @Override
    public InferRequest createRequest() throws DlException {
        state.ensureOpen();
        PointerByReference ref = new PointerByReference();
        Ov.check(lib, lib.ov_compiled_model_create_infer_request(compiled, ref), DlErrorCode.NATIVE_ERROR,
                "create infer request for " + name);
        return new OvInferRequest(lib, ref.getValue(), inputs, outputs.size(), name);
    }

    @Override
    public String property(String key) throws DlException {
        state.ensureOpen();
        PointerByReference ref = new PointerByReference();
        Ov.check(lib, lib.ov_compiled_model_get_property(compiled, key, ref), DlErrorCode.NATIVE_ERROR,
                "compiled model property " + key);
        return Ov.takeString(lib, ref.getValue());
    }

    @Override
    public void close() {
        if (state.markClosed()) {
            lib.ov_compiled_model_free(compiled);
        }
    }
}
