package labstacks.launcher.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package graph of every module's main code, read from the compiled classes with ArchUnit: programs
 * are written with the program library only; the offline toolkit and the launcher sit on top; nothing
 * forms a cycle. {@link ModuleGraphTest} checks the same layering in the Maven module graph.
 */
class LayeringTest {

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");
    private static final String[] PROGRAMS = {
            "labstacks.igenomes..", "labstacks.megatests..", "labstacks.pipeweave..", "labstacks.moderate..",
            "labstacks.biositing.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // Only the modules' own classes: no test classes (test-classes directories or the -tests jars the
        // modules' tests share). src/test/resources/archunit.properties keeps ArchUnit from also importing
        // every SDK class the code refers to.
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.matches(TEST_JAR))
                .importPackages("labstacks");
        for (var expected : new String[]{"labstacks.shared.config", "labstacks.offline.plan", "labstacks.launcher",
                "labstacks.igenomes", "labstacks.megatests", "labstacks.pipeweave", "labstacks.moderate",
                "labstacks.biositing"}) {
            assertTrue(classes.containPackage(expected), "the classes of every module were imported: missing " + expected);
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("labstacks.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void programsAreWrittenWithTheProgramLibraryAndOnlyTheLauncherUsesTheToolkit() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("labstacks..")
                .layer("launcher").definedBy("labstacks.launcher..")
                .layer("offline toolkit").definedBy("labstacks.offline..")
                .layer("programs").definedBy(PROGRAMS)
                .layer("constructs").definedBy("labstacks.constructs..")
                .layer("program library").definedBy("labstacks.shared..")
                .whereLayer("launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("offline toolkit").mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("programs").mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("constructs").mayOnlyBeAccessedByLayers("programs", "launcher")
                .whereLayer("program library").mayOnlyBeAccessedByLayers("programs", "constructs", "offline toolkit", "launcher")
                .check(classes);
    }

    @Test
    void programsDoNotDependOnEachOther() {
        for (var program : PROGRAMS) {
            var others = Arrays.stream(PROGRAMS).filter(p -> !p.equals(program)).toArray(String[]::new);
            noClasses().that().resideInAPackage(program).should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(classes);
        }
    }

    @Test
    void onlyThePlanRuntimeUsesPulumisTestInternals() {
        // OfflineRuntime and CapturingMonitor drive the SDK's mock runtime (com.pulumi.test of 1.36.1);
        // nothing a deployment runs may.
        noClasses().that().resideOutsideOfPackage("labstacks.offline.plan")
                .should().dependOnClassesThat().resideInAPackage("com.pulumi.test..")
                .check(classes);
    }
}
