// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * vss-bl uses vss-hla and the engine API only: no backend, no native binding, no cloud SDK, no adapter or CLI. Inside,
 * packages by concern with no cycles, and the root (handler, settings, request/response) above them all.
 */
class LayerRulesTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.vss.bl");

    @Test
    void noBackendOrNativeTypes() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.vss.dl.openvino..", "dev.vss.dl.opencv..",
                "dev.vss.dl.internal..", "com.sun.jna..", "org.opencv..", "nu.pattern..").check(CLASSES);
    }

    @Test
    void noUpperLayersOrCloudSdk() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.vss.cli..", "dev.vss.adapter..",
                "dev.vss.cloud..", "software.amazon..", "com.amazonaws..", "com.azure..", "com.microsoft.azure..",
                "com.google.cloud..").check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.vss.bl.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theRootIsAboveEverySubPackage() {
        noClasses().that().resideInAPackage("dev.vss.bl.*..").should().dependOnClassesThat()
                .resideInAPackage("dev.vss.bl").check(CLASSES);
    }

    @Test
    void theValueTypesAndTheFormatReadersStayLow() {
        // image values depend on no other concern; the event readers know values and storage URIs, not the instance
        noClasses().that().resideInAPackage("dev.vss.bl.image..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.vss.bl.store..", "dev.vss.bl.events..", "dev.vss.bl.gallery..",
                        "dev.vss.bl.runtime..", "dev.vss.bl.crypto..").check(CLASSES);
        noClasses().that().resideInAPackage("dev.vss.bl.events..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.vss.bl.gallery..", "dev.vss.bl.runtime..", "dev.vss.bl.crypto..")
                .check(CLASSES);
    }
}
