// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.vss.bl.store.BlobConflictException;

/** Structure rules of the cloud store modules, checked by each module's tests over its own main classes. */
public final class StoreRules {
    private StoreRules() {
    }

    /**
     * No main class of {@code pkg} builds a {@link BlobConflictException} itself: conflicts come from
     * {@code dev.vss.bl.store.ConditionalWrites}, so their message and the ambiguous-answer rule exist once.
     */
    public static void conflictsOnlyThroughConditionalWrites(String pkg) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(pkg);
        noClasses().should().callConstructor(BlobConflictException.class, String.class, String.class, Throwable.class)
                .because("a conditional write's conflict is decided and worded by ConditionalWrites").check(classes);
    }
}
