package dev.vss.hla;

import dev.vss.dl.CompileOptions;
import dev.vss.dl.CompiledModel;
import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.dl.ImagePreprocessing;
import dev.vss.dl.Model;
import dev.vss.models.CatalogEntry;
import dev.vss.models.ModelException;
import dev.vss.models.ModelRepository;
import java.util.Objects;

/**
 * What every pipeline stage needs to load its model: the engine, the verified model files and the compile
 * options. Does not own the engine. Thread-safe.
 */
public record ModelContext(Engine engine, ModelRepository repository, CompileOptions options) {
    public ModelContext {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(options, "options");
    }

    /**
     * Verifies, reads and compiles a catalog model, with image pre-processing on input 0 when {@code pre} is not
     * null. The caller owns the returned stage.
     */
    public Stage load(CatalogEntry entry, ImagePreprocessing pre) throws HlaException {
        return load(entry, pre, null);
    }

    /**
     * As {@link #load(CatalogEntry, ImagePreprocessing)}, with input 0 first reshaped to {@code inputShape} (the
     * model's own layout, e.g. NCHW) when it is not null: fully convolutional networks then run at another size.
     */
    public Stage load(CatalogEntry entry, ImagePreprocessing pre, dev.vss.dl.Shape inputShape) throws HlaException {
        try {
            var file = repository.resolve(entry);
            try (Model m = engine.readModel(file)) {
                if (inputShape != null) {
                    m.reshape(0, inputShape);
                }
                if (pre != null) {
                    m.addImagePreprocessing(pre);
                }
                CompiledModel cm = m.compile(options);
                return new Stage(entry, cm);
            }
        } catch (ModelException | DlException e) {
            throw new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, entry.id() + ": " + e.getMessage(), e);
        }
    }
}
