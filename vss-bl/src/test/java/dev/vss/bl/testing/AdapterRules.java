// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layer rules of every adapter module, checked by each one's own test: no package cycles, and of vss only
 * vss-bl's public API (the handler and its request/response types at the root, events, image results) — no
 * engine, model or pipeline types (dev.vss.dl, dev.vss.hla, dev.vss.models), no vss-bl internals (runtime, store,
 * gallery, crypto), no CLI, no other adapter. Cloud modules are reached through vss-bl's service loading.
 */
public final class AdapterRules {
    private AdapterRules() {
    }

    /** Checks the main classes of the adapter in {@code adapterPackage} (e.g. {@code dev.vss.adapter.aws}). */
    public static void check(String adapterPackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(adapterPackage);
        slices().matching(adapterPackage + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.vss.dl..", "dev.vss.hla..",
                "dev.vss.models..", "dev.vss.cli..", "dev.vss.bl.runtime..", "dev.vss.bl.store..",
                "dev.vss.bl.gallery..", "dev.vss.bl.crypto..").check(classes);
        noClasses().should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                "another adapter", c -> c.getPackageName().startsWith("dev.vss.adapter.")
                        && !c.getPackageName().startsWith(adapterPackage))).check(classes);
    }
}
