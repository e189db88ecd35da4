package dev.sluice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package rules of docs/ARCHITECTURE.md: no cycles; the stages (ingest, batching, inference,
 * publish) import no later stage; the record owner imports no stage; the leaves import nothing of
 * sluice but each other.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice");

    private static final List<String> STAGES = List.of("ingest", "batching", "inference", "publish");

    @Test
    void noPackagesDependOnEachOtherInACycle() {
        slices().matching("dev.sluice.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void noStageImportsALaterStage() {
        for (int i = 0; i < STAGES.size() - 1; i++) {
            String[] later = STAGES.subList(i + 1, STAGES.size()).stream().map(s -> "dev.sluice." + s + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.sluice." + STAGES.get(i) + "..").should().dependOnClassesThat()
                    .resideInAnyPackage(later).because("stages only move forward, through the record owner").check(MAIN);
        }
    }

    @Test
    void theRecordOwnerImportsNoStage() {
        String[] stages = STAGES.stream().map(s -> "dev.sluice." + s + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage("dev.sluice.lifecycle..").should().dependOnClassesThat().resideInAnyPackage(stages)
                .because("the owner hands records forward through ports the stages implement").check(MAIN);
    }

    @Test
    void leafPackagesImportNoOtherSluicePackage() {
        noClasses().that().resideInAnyPackage("dev.sluice.config..", "dev.sluice.record..", "dev.sluice.support..").should()
                .dependOnClassesThat().resideInAnyPackage("dev.sluice.lifecycle..", "dev.sluice.ingest..", "dev.sluice.batching..",
                        "dev.sluice.inference..", "dev.sluice.publish..", "dev.sluice.metrics..", "dev.sluice.ops..", "dev.sluice.health..",
                        "dev.sluice.replay..", "dev.sluice.devbroker..")
                .check(MAIN);
    }

    @Test
    void onlyTheReadSideAndDevModeReachIntoOpsHealthAndDevbroker() {
        noClasses().that().resideOutsideOfPackages("dev.sluice.ops..", "dev.sluice.health..", "dev.sluice.devbroker..").should()
                .dependOnClassesThat().resideInAnyPackage("dev.sluice.ops..", "dev.sluice.health..", "dev.sluice.devbroker..").check(MAIN);
    }
}
