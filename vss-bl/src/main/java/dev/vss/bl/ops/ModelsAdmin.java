// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.ops;

import dev.vss.models.CatalogEntry;
import dev.vss.models.ModelRepository;
import dev.vss.models.VerifyResult;
import java.nio.file.Path;
import java.util.List;

/** The model catalog operations of {@code vss models}: what the catalog holds and whether the files are intact. */
public final class ModelsAdmin {
    private ModelsAdmin() {
    }

    /** The catalog verified: the folder, where its location came from, and each model's result. */
    public record Verification(Path dir, String origin, List<VerifyResult> results) {
        public int failed() {
            return (int) results.stream().filter(r -> !r.ok()).count();
        }
    }

    /** Every catalog entry. */
    public static List<CatalogEntry> catalog() {
        return ModelRepository.fromEnvironment().catalog().entries();
    }

    /** Size and sha256 of every catalog model in the models folder. */
    public static Verification verify() {
        ModelRepository repo = ModelRepository.fromEnvironment();
        return new Verification(repo.dir(), repo.origin(), repo.verifyAll());
    }
}
