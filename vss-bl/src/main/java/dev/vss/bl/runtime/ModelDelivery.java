package dev.vss.bl.runtime;

import dev.vss.bl.store.BlobStore;
import dev.vss.models.CatalogEntry;
import dev.vss.models.ModelCatalog;
import dev.vss.models.ModelException;
import dev.vss.models.ModelFile;
import dev.vss.models.ModelRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;

/**
 * Brings models from a store (e.g. the deployment bucket) into the instance's temp dir at init: each catalog file
 * is fetched unless already there and valid, then every file's sha256 is verified. Warm invocations reuse the
 * files; a corrupt or partial file is fetched again. Thread-safe per target directory only if callers serialise.
 */
public final class ModelDelivery {
    private ModelDelivery() {
    }

    /**
     * Ensures the files of {@code entries} are in {@code dir} (layout as in the catalog) and valid.
     *
     * @param store where the model files are, under the catalog's relative paths (prefix allowed in the key)
     * @return a repository over {@code dir}
     */
    public static ModelRepository fetch(BlobStore store, String prefix, Path dir, Collection<CatalogEntry> entries)
            throws IOException, ModelException {
        ModelRepository repo = new ModelRepository(dir, ModelCatalog.load());
        for (CatalogEntry e : entries) {
            if (repo.verify(e).ok()) {
                continue; // already delivered on this instance
            }
            for (ModelFile f : e.files()) { // missing, partial or corrupt: fetch every file of the entry again
                Path target = dir.resolve(f.path());
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), ".fetch-", ".part");
                try {
                    Files.write(tmp, store.get(prefix + f.path()));
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            repo.resolve(e); // sha256 check; throws MODEL_CORRUPT naming the file
        }
        return repo;
    }
}
