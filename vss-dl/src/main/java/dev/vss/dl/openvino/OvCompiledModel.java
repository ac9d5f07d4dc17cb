// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.openvino;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.InferRequest;
import dev.vss.dl.PortInfo;
import dev.vss.dl.internal.PortedCompiledModel;
import java.util.ArrayList;
import java.util.List;

/** An {@code ov_compiled_model_t}. Thread-safe. */
final class OvCompiledModel extends PortedCompiledModel {
    private final OvLib lib;
    private final Pointer compiled;
    private final String name;

    /** Takes ownership of {@code compiled}: frees it if its ports cannot be read. */
    OvCompiledModel(OvLib lib, Pointer compiled, String name, List<PortInfo> modelInputs, List<PortInfo> modelOutputs)
            throws DlException {
        super(name, portsOrFree(lib, compiled, true, modelInputs), portsOrFree(lib, compiled, false, modelOutputs));
        this.lib = lib;
        this.compiled = compiled;
        this.name = name;
    }

    /** The compiled model's ports with the model's names; on failure frees {@code compiled} and rethrows. */
    private static List<PortInfo> portsOrFree(OvLib lib, Pointer compiled, boolean in, List<PortInfo> names)
            throws DlException {
        try {
            return renamed(ports(lib, compiled, in), names);
        } catch (DlException | RuntimeException e) {
            lib.ov_compiled_model_free(compiled);
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

    private static List<PortInfo> ports(OvLib lib, Pointer compiled, boolean in) throws DlException {
        return in ? Ov.ports(lib, n -> lib.ov_compiled_model_inputs_size(compiled, n),
                (i, port) -> lib.ov_compiled_model_input_by_index(compiled, i, port), "compiled model ports size",
                "compiled model port")
                : Ov.ports(lib, n -> lib.ov_compiled_model_outputs_size(compiled, n),
                        (i, port) -> lib.ov_compiled_model_output_by_index(compiled, i, port),
                        "compiled model ports size", "compiled model port");
    }

    @Override
    protected InferRequest newRequest() throws DlException {
        PointerByReference ref = new PointerByReference();
        Ov.check(lib, lib.ov_compiled_model_create_infer_request(compiled, ref), DlErrorCode.NATIVE_ERROR,
                "create infer request for " + name);
        return new OvInferRequest(lib, ref.getValue(), inputs(), outputs().size(), name);
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
    protected void release() {
        lib.ov_compiled_model_free(compiled);
    }
}
