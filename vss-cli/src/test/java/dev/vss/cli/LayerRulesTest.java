// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The CLI parses and prints: it reaches the pipeline through vss-bl (its operations in {@code dev.vss.bl.ops}) and the
 * lab through vss-lab, never vss-dl or vss-hla themselves, and no command calls another command's statics.
 */
class LayerRulesTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.vss.cli");

    /**
     * The types of vss-dl and vss-hla the CLI may name, and why: the enums that are option values (the types of
     * VssSettings' own fields, so picocli parses and lists them), and the escaping of an untrusted argument echoed in
     * a message.
     */
    static final Set<String> ALLOWED = Set.of("dev.vss.hla.people.PeopleMethod", "dev.vss.hla.pipeline.FaceSource",
            "dev.vss.dl.Untrusted");

    @Test
    void noEngineOrPipelineTypesButTheListedOnes() {
        DescribedPredicate<JavaClass> lower = DescribedPredicate.describe("in vss-dl or vss-hla and not listed",
                c -> (c.getPackageName().startsWith("dev.vss.dl") || c.getPackageName().startsWith("dev.vss.hla"))
                        && !ALLOWED.contains(c.getName()));
        noClasses().should().dependOnClassesThat(lower).check(CLASSES);
    }

    @Test
    void noAdapterOrBackend() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.vss.adapter..", "dev.vss.dl.openvino..",
                "dev.vss.dl.opencv..", "com.sun.jna..", "org.opencv..").check(CLASSES);
    }

    @Test
    void noCommandCallsAnotherCommandsStatics() {
        DescribedPredicate<JavaMethodCall> crossCommand = DescribedPredicate.describe(
                "a static method of another command", call -> {
                    String target = topLevel(call.getTargetOwner()).getSimpleName();
                    String origin = topLevel(call.getOriginOwner()).getSimpleName();
                    return target.endsWith("Command") && !target.equals(origin)
                            && call.getTarget().resolveMember().map(m -> m.getModifiers().contains(JavaModifier.STATIC))
                                    .orElse(false);
                });
        noClasses().should().callMethodWhere(crossCommand).check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.vss.(**)").should().beFreeOfCycles().check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.vss.cli", "dev.vss.lab"));
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass t = c;
        while (t.getEnclosingClass().isPresent()) {
            t = t.getEnclosingClass().get();
        }
        return t;
    }
}
