// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.dl.ImagePreprocessing;
import dev.vss.dl.Shape;
import dev.vss.models.CatalogEntry;
import dev.vss.models.ModelCatalog;
import dev.vss.models.Task;
import org.junit.jupiter.api.Test;

class ModelContextDigestTest {
    private final CatalogEntry pose = ModelCatalog.load().defaultFor(Task.BODY_POSE);

    @Test
    void contentDigestCombinesTheCataloguedFileDigests() {
        assertThat(pose.files()).hasSize(2); // IR: xml and bin
        assertThat(ModelContext.contentDigest(pose)).matches("[0-9a-f]{64}")
                .isNotIn(pose.files().get(0).sha256(), pose.files().get(1).sha256());
    }

    @Test
    void eachVariantOfAModelHasItsOwnDigest() {
        String own = ModelContext.variantDigest(pose, null, null);
        String crop = ModelContext.variantDigest(pose, null, Shape.of(1, 3, 128, 64));
        ImagePreprocessing bgr = new ImagePreprocessing(0, true, false, null, null);
        String pre = ModelContext.variantDigest(pose, bgr, null);
        assertThat(java.util.List.of(own, crop, pre, ModelContext.contentDigest(pose))).doesNotHaveDuplicates()
                .allMatch(d -> d.matches("[0-9a-f]{64}"));
        // stable: the same variant, asked again (arrays compared by value)
        assertThat(ModelContext.variantDigest(pose, null, Shape.of(1, 3, 128, 64))).isEqualTo(crop);
        assertThat(ModelContext.variantDigest(pose, new ImagePreprocessing(0, true, false, new float[] {1},
                new float[] {2}), null)).isEqualTo(ModelContext.variantDigest(pose, new ImagePreprocessing(0, true,
                        false, new float[] {1}, new float[] {2}), null)).isNotEqualTo(pre);
    }
}
