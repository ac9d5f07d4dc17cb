// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.pipeline;

import dev.vss.hla.HlaErrorCode;
import dev.vss.hla.HlaException;
import dev.vss.hla.coverage.CoverageHead;
import dev.vss.models.CatalogEntry;
import dev.vss.models.ModelCatalog;
import dev.vss.models.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Which catalog models a set of {@link AnalyzerOptions} loads — decided here once, for everyone: the
 * {@link Analyzer} builds its stages from it, model delivery fetches exactly these files, and a gallery is checked
 * against {@link #embeddingModel()} before anything is compiled. The coverage backbone is the one the shipped head
 * was trained on (not the catalog's default classifier). Absent stages are null. Immutable.
 *
 * <pre>{@code
 * ModelPlan plan = ModelPlan.of(ModelCatalog.load(), AnalyzerOptions.defaults());
 * plan.entries();         // what to fetch and verify
 * plan.embeddingModel();  // "face-reidentification-retail-0095/FP16-INT8"
 * }</pre>
 */
public record ModelPlan(CatalogEntry coverage, CatalogEntry pose, CatalogEntry faceDetection,
        CatalogEntry landmarks, CatalogEntry reid) {

    /**
     * The plan for {@code options}: each stage's default model, at {@code options.precision()} where the catalog has
     * that precision.
     *
     * @throws HlaException MODEL_UNAVAILABLE if the shipped coverage head names a backbone that is not in the catalog
     */
    public static ModelPlan of(ModelCatalog catalog, AnalyzerOptions options) throws HlaException {
        String p = options.precision();
        CatalogEntry cov = null;
        if (options.coverage()) {
            String id = CoverageHead.loadDefault().backbone();
            int slash = id.lastIndexOf('/');
            cov = (slash <= 0 ? java.util.Optional.<CatalogEntry>empty()
                    : catalog.find(id.substring(0, slash), id.substring(slash + 1)))
                    .orElseThrow(() -> new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, "coverage backbone '" + id
                            + "' of the shipped head is not in the model catalog"));
        }
        return new ModelPlan(cov,
                options.pose() ? catalog.defaultFor(Task.BODY_POSE, p) : null,
                options.faces() ? catalog.defaultFor(Task.FACE_DETECTION, p) : null,
                options.faces() ? catalog.defaultFor(Task.FACE_LANDMARKS, p) : null,
                options.faces() ? catalog.defaultFor(Task.FACE_REID, p) : null);
    }

    /** Every model of the plan, in load order. */
    public List<CatalogEntry> entries() {
        List<CatalogEntry> l = new ArrayList<>();
        for (CatalogEntry e : new CatalogEntry[] {coverage, pose, faceDetection, landmarks, reid}) {
            if (e != null) {
                l.add(e);
            }
        }
        return List.copyOf(l);
    }

    /** The embedding model's id ("name/precision") that a gallery must have been made with; null without faces. */
    public String embeddingModel() {
        return reid == null ? null : reid.id();
    }
}
