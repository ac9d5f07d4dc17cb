// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** vss-hla uses the engine API only: no backend package, no native binding, no cloud SDK, no upper layer. */
class LayerRulesTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.vss.hla");

    @Test
    void noBackendTypes() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.vss.dl.openvino..", "dev.vss.dl.opencv..",
                "com.sun.jna..", "org.opencv..", "nu.pattern..").check(CLASSES);
    }

    @Test
    void noUpperLayersOrCloud() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.vss.bl..", "dev.vss.cli..",
                "dev.vss.adapter..", "software.amazon..", "com.amazonaws..", "com.azure..", "com.google.cloud..")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        // every package a slice, the root included (only this module's classes are imported), so that a
        // sub-package calling back into the root shows up too
        slices().matching("(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
