package dev.sluice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package rules of docs/ARCHITECTURE.md: each package imports exactly what its table says; no
 * cycles; the stages (ingest, batching, inference, publish) import no later stage; the record owner
 * imports no stage; the leaves import nothing of sluice; no two classes of a package use each other.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice");

    private static final List<String> STAGES = List.of("ingest", "batching", "inference", "publish");

    @Test
    void eachPackageImportsExactlyWhatArchitectureMdSays() throws IOException {
        Map<String, Set<String>> documented = documentedImports();
        assertThat(documented.keySet()).as("packages in docs/ARCHITECTURE.md's table").containsExactlyInAnyOrderElementsOf(
                actualImports().keySet().stream().filter(p -> !p.isEmpty()).toList());
        assertThat(actualImports()).as("what each package imports (of sluice)").containsExactlyInAnyOrderEntriesOf(documented);
    }

    @Test
    void noTwoClassesOfAPackageUseEachOther() {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (JavaClass source : MAIN) {
            for (Dependency dependency : source.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                String from = topLevel(source);
                String to = topLevel(target);
                if (target.getPackageName().equals(source.getPackageName()) && !from.equals(to)) {
                    uses.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            }
        }
        List<String> pairs = new ArrayList<>();
        uses.forEach((from, targets) -> targets.stream().filter(to -> from.compareTo(to) < 0)
                .filter(to -> uses.getOrDefault(to, Set.of()).contains(from)).forEach(to -> pairs.add(from + " <-> " + to)));
        assertThat(pairs).as("classes that use each other").isEmpty();
    }

    /** Each top-level sluice package (sub-packages folded in) and the other top-level packages it uses. */
    private static Map<String, Set<String>> actualImports() {
        Map<String, Set<String>> imports = new TreeMap<>();
        for (JavaClass source : MAIN) {
            String from = topPackage(source);
            imports.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency dependency : source.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (target.getPackageName().startsWith("dev.sluice.") && !topPackage(target).equals(from)) {
                    imports.get(from).add(topPackage(target));
                }
            }
        }
        imports.remove("");
        return imports;
    }

    /** The package table of docs/ARCHITECTURE.md: first column the package, last the packages it imports. */
    private static Map<String, Set<String>> documentedImports() throws IOException {
        Map<String, Set<String>> documented = new TreeMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("docs/ARCHITECTURE.md"))) {
            if (line.startsWith("| package |")) {
                inTable = true;
                continue;
            }
            if (inTable && !line.startsWith("|")) {
                break;
            }
            if (inTable && !line.startsWith("|---")) {
                String[] cells = line.split("\\|");
                Set<String> imported = new TreeSet<>(backticked(cells[cells.length - 1]));
                for (String name : backticked(cells[1])) {
                    documented.put(name, imported);
                }
            }
        }
        return documented;
    }

    private static List<String> backticked(String cell) {
        Matcher matcher = Pattern.compile("`([a-z]+)`").matcher(cell);
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String topPackage(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith("dev.sluice.")) {
            return "";
        }
        String rest = name.substring("dev.sluice.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static String topLevel(JavaClass type) {
        String name = type.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

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
