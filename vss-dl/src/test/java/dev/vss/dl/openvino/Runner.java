package dev.vss.dl.openvino;

import dev.vss.dl.*;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compiles each model once per test class and runs it on tensors. */
final class Runner implements AutoCloseable {
    final Engine engine;
    private final Map<String, CompiledModel> compiled = new HashMap<>();
    private final List<AutoCloseable> owned = new ArrayList<>();

    Runner(String engineName) throws DlException {
        engine = Engine.newInstance(engineName);
    }

    /** Runs a model whose input 0 gets {@code pre} (null: fed as is). */
    List<Tensor> run(String rel, ImagePreprocessing pre, Tensor input) throws DlException {
        String key = rel + "|" + (pre == null ? "raw" : pre.toString());
        CompiledModel cm = compiled.get(key);
        if (cm == null) {
            try (Model m = engine.readModel(TestData.model(rel))) {
                if (pre != null) {
                    m.addImagePreprocessing(pre);
                }
                cm = m.compile(CompileOptions.builder().optThreads(2).build());
            }
            compiled.put(key, cm);
            owned.add(cm);
        }
        try (InferRequest r = cm.createRequest()) {
            r.setInput(0, input);
            r.infer();
            List<Tensor> out = new ArrayList<>();
            for (int i = 0; i < r.outputCount(); i++) {
                out.add(r.output(i));
            }
            return out;
        }
    }

    /** OMZ image models: u8 BGR NHWC of any size in, resized inside the model. */
    List<Tensor> runBgr(String rel, Tensor bgr) throws DlException {
        return run(rel, ImagePreprocessing.bgr(0), bgr);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : owned) {
            c.close();
        }
        engine.close();
    }
}
