package labstacks.launcher.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import labstacks.shared.program.ProgramCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph of every module's main code, read from the compiled classes with ArchUnit: programs
 * are written with the program library only; the offline toolkit and the launcher sit on top; nothing
 * forms a cycle. {@link ModuleGraphTest} checks the same layering in the Maven module graph.
 */
class LayeringTest {

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

    /**
     * Top-level packages that are not a system's (constructs: the shared constructs module; pulumiruntime: the
     * replaced SDK task runner, sdks/pulumi-runtime): the rest are programs.
     */
    private static final Set<String> NOT_PROGRAMS =
            Set.of("shared", "constructs", "offline", "launcher", "bench", "pulumiruntime");

    private static JavaClasses classes;

    /** Each program's package and its subpackages ({@code labstacks.pipeweave..}), read from the classes. */
    private static String[] programs;

    @BeforeAll
    static void importMainClasses() {
        // Only the modules' own classes: no test classes (test-classes directories or the -tests
        // jars the
        // modules' tests share). src/test/resources/archunit.properties keeps ArchUnit from also
        // importing
        // every SDK class the code refers to.
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(location -> !location.matches(TEST_JAR))
                        .importPackages("labstacks");
        var topLevel = new TreeSet<String>();
        classes.forEach(
                c -> {
                    var parts = c.getPackageName().split("\\.");
                    if (parts.length >= 2
                            && parts[0].equals("labstacks")
                            && !NOT_PROGRAMS.contains(parts[1])) {
                        topLevel.add("labstacks." + parts[1]);
                    }
                });
        programs = topLevel.stream().map(p -> p + "..").toArray(String[]::new);
        // Every program the jar carries (ServiceLoader, test programs aside) has its package among
        // them.
        var expected =
                new TreeSet<>(
                        List.of(
                                "labstacks.shared.config",
                                "labstacks.offline.plan",
                                "labstacks.launcher"));
        ProgramCatalog.discover().all().stream()
                .filter(
                        p ->
                                !p.getClass()
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .getPath()
                                        .matches(".*(test-classes/?|-tests\\.jar)$"))
                .forEach(
                        p ->
                                expected.add(
                                        String.join(
                                                ".",
                                                Arrays.copyOf(
                                                        p.getClass().getPackageName().split("\\."),
                                                        2))));
        for (var name : expected) {
            assertTrue(
                    classes.containPackage(name),
                    "the classes of every module were imported: missing " + name);
        }
        assertTrue(
                topLevel.containsAll(
                        expected.stream()
                                .filter(
                                        n ->
                                                n.split("\\.").length == 2
                                                        && !NOT_PROGRAMS.contains(
                                                                n.split("\\.")[1]))
                                .toList()),
                topLevel + " holds " + expected);
    }

    @Test
    void noPackageCycles() {
        slices().matching("labstacks.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void programsAreWrittenWithTheProgramLibraryAndOnlyTheLauncherUsesTheToolkit() {
        layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("labstacks..")
                .layer("launcher")
                .definedBy("labstacks.launcher..")
                .layer("offline toolkit")
                .definedBy("labstacks.offline..")
                .layer("programs")
                .definedBy(programs)
                .layer("constructs")
                .definedBy("labstacks.constructs..")
                .layer("program library")
                .definedBy("labstacks.shared..")
                .whereLayer("launcher")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("offline toolkit")
                .mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("programs")
                .mayOnlyBeAccessedByLayers("launcher")
                // The toolkit's rules never need the constructs: it builds on the program library
                // alone.
                .whereLayer("constructs")
                .mayOnlyBeAccessedByLayers("programs", "launcher")
                .whereLayer("program library")
                .mayOnlyBeAccessedByLayers("constructs", "programs", "offline toolkit", "launcher")
                .check(classes);
    }

    @Test
    void programsDoNotDependOnEachOther() {
        for (var program : programs) {
            var others =
                    Arrays.stream(programs).filter(p -> !p.equals(program)).toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(program)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .check(classes);
        }
    }

    @Test
    void onlyThePlanRuntimeUsesPulumisTestInternals() {
        // OfflineRuntime and CapturingMonitor drive the SDK's mock runtime (com.pulumi.test of
        // 1.36.1);
        // nothing a deployment runs may.
        noClasses()
                .that()
                .resideOutsideOfPackage("labstacks.offline.plan")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.pulumi.test..")
                .check(classes);
    }
}
