// SPDX-License-Identifier: Apache-2.0
package dev.vss.trainer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The trainer is a client of vss-hla and vss-dl like any other: its own package (no split package with vss-hla, so
 * the compiler allows it public members only), the engine API but no backend or native binding, no upper layer.
 */
class LayerRulesTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.vss.trainer");

    @Test
    void ownPackageOnly() {
        classes().should().resideInAPackage("dev.vss.trainer..").check(CLASSES);
    }

    @Test
    void publicApiOfTheLowerLayersOnlyAndNoUpperLayerOrCloud() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.vss.dl.internal..", "dev.vss.dl.openvino..",
                "dev.vss.dl.opencv..", "com.sun.jna..", "org.opencv..", "nu.pattern..", "dev.vss.bl..", "dev.vss.cli..",
                "dev.vss.adapter..", "dev.vss.cloud..", "software.amazon..", "com.amazonaws..", "com.azure..",
                "com.google.cloud..").check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
