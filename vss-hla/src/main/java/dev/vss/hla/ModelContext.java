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
     * null. A model without pre-processing or reshape is compiled straight from its file ({@link Engine#compileFile}):
     * with a compiled-model cache that skips reading the model. The caller owns the returned stage.
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
            if (pre == null && inputShape == null) {
                return new Stage(entry, engine.compileFile(file, options, contentDigest(entry)));
            }
            try (Model m = engine.readModel(file, null, variantDigest(entry, pre, inputShape))) {
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

    /**
     * What identifies an entry's contents: its one file's catalogued sha256, or a sha256 over its files' catalogued
     * sha256s. {@link ModelRepository#resolve} checked the files against them, so nothing is hashed twice.
     */
    static String contentDigest(CatalogEntry entry) {
        var files = entry.files();
        if (files.size() == 1) {
            return files.get(0).sha256();
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (var f : files) {
            parts.add(f.sha256());
        }
        return sha256(parts);
    }

    /**
     * What identifies a model as read, reshaped and given pre-processing: its contents' digest with the shape and
     * the pre-processing. Each variant gets a cache entry of its own, so that variants of one file (the pose network
     * at two input sizes) compile concurrently instead of waiting for each other's entry lock.
     */
    static String variantDigest(CatalogEntry entry, ImagePreprocessing pre, dev.vss.dl.Shape inputShape) {
        java.util.List<String> parts = new java.util.ArrayList<>(java.util.List.of(contentDigest(entry),
                "shape " + inputShape));
        if (pre != null) {
            parts.add("pre " + pre.inputIndex() + " " + pre.resize() + " " + pre.modelRgb() + " "
                    + java.util.Arrays.toString(pre.mean()) + " " + java.util.Arrays.toString(pre.scale()));
        }
        return sha256(parts);
    }

    private static String sha256(java.util.List<String> lines) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (String l : lines) {
                md.update(l.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
