// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import dev.vss.bl.ops.ModelsAdmin;
import dev.vss.models.CatalogEntry;
import dev.vss.models.VerifyResult;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code vss models list|verify}. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "The model catalog.",
        subcommands = {ModelsCommand.ListCmd.class, ModelsCommand.Verify.class})
final class ModelsCommand {

    @Command(name = "list", description = "List the catalog: name, precision, task, format, size, licence.")
    static final class ListCmd extends BaseCommand {
        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (CatalogEntry e : ModelsAdmin.catalog()) {
                out.printf("%-40s %-10s %-17s %-6s %9d %s%s%n", e.name(), e.precision(), e.task(), e.format(),
                        e.totalBytes(), e.licence(), e.isDefault() ? "  (default)" : "");
            }
            return 0;
        }
    }

    @Command(name = "verify", description = "Check that every catalog model is present with the right size and "
            + "sha256 (models dir: VSS_MODELS_DIR, else ../shared/models). Exit 1 if any is not.")
    static final class Verify extends BaseCommand {
        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ModelsAdmin.Verification v = ModelsAdmin.verify();
            out.println("models dir: " + v.dir() + " (" + v.origin() + ")");
            var results = v.results();
            for (VerifyResult r : results) {
                out.printf("%-4s %-40s %s%n", r.ok() ? "ok" : "FAIL", r.entry().name(), r.entry().precision());
                for (VerifyResult.Problem p : r.problems()) {
                    out.printf("       %s %s expected=%s actual=%s%n", p.kind(), p.file(), p.expected(), p.actual());
                }
            }
            int bad = v.failed();
            out.printf("%d of %d models verified%s%n", results.size() - bad, results.size(),
                    bad == 0 ? "" : "; fetch missing files from the source URLs in `vss models list` or set VSS_MODELS_DIR");
            return bad == 0 ? 0 : 1;
        }
    }
}
