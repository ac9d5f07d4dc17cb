// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine API names no backend type; backends do not reach into each other; no cloud SDK anywhere here. */
class LayerRulesTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.vss.dl");

    @Test
    void apiPackageUsesNoBackendTypes() {
        noClasses().that().resideInAPackage("dev.vss.dl")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vss.dl.openvino..", "dev.vss.dl.opencv..",
                        "com.sun.jna..", "org.opencv..", "nu.pattern..")
                .check(CLASSES);
    }

    @Test
    void imageLibraryUsesNoEngineBackend() {
        // Images is built on OpenCV's image functions (org.opencv), never on an engine backend package
        noClasses().that().resideInAPackage("dev.vss.dl.image..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vss.dl.openvino..", "dev.vss.dl.opencv..",
                        "com.sun.jna..")
                .check(CLASSES);
    }

    @Test
    void everyApiPackageUsesNoBackend() {
        // the whole of dev.vss.dl except the backends and internal helpers
        noClasses().that().resideInAPackage("dev.vss.dl..").and().resideOutsideOfPackages("dev.vss.dl.openvino..",
                "dev.vss.dl.opencv..", "dev.vss.dl.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vss.dl.openvino..", "dev.vss.dl.opencv..")
                .check(CLASSES);
    }

    @Test
    void backendsDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("dev.vss.dl.opencv..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vss.dl.openvino..").check(CLASSES);
    }

    @Test
    void openVinoBackendDoesNotUseOpenCv() {
        noClasses().that().resideInAPackage("dev.vss.dl.openvino..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vss.dl.opencv..", "org.opencv..")
                .check(CLASSES);
    }

    @Test
    void noCloudSdk() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..",
                "com.azure..", "com.microsoft.azure..", "com.google.cloud..").check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        // every package a slice, the root included (only this module's classes are imported), so that a
        // sub-package calling back into the root shows up too
        slices().matching("(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
