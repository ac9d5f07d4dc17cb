// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The lab sits beside the CLI, above vss-bl: no package cycles; the cost model is pure arithmetic over price tables;
 * no CLI, adapter, backend or native binding.
 */
class LayerRulesTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.vss.lab");

    @Test
    void noPackageCycles() {
        slices().matching("dev.vss.lab.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void costDependsOnNothingElseOfTheLab() {
        noClasses().that().resideInAPackage("dev.vss.lab.cost..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.vss.lab.faas..", "dev.vss.lab.plan..", "dev.vss.lab.train..", "dev.vss.bl..")
                .check(CLASSES);
    }

    @Test
    void faasDoesNotKnowThePlanner() {
        noClasses().that().resideInAPackage("dev.vss.lab.faas..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.vss.lab.plan..", "dev.vss.lab.train..").check(CLASSES);
    }

    @Test
    void noUpperLayersBackendsOrNatives() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.vss.cli..", "dev.vss.adapter..",
                "dev.vss.dl.openvino..", "dev.vss.dl.opencv..", "dev.vss.dl.internal..", "com.sun.jna..",
                "org.opencv..").check(CLASSES);
    }
}
