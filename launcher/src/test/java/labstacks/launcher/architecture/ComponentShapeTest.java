package labstacks.launcher.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One component shape in every module's main code (the convention in the program library's README):
 * {@code new X(String name, XArgs args, ComponentResourceOptions options)}, where the Args type is X's own
 * ({@code X.Args} nested in it, or {@code XArgs} beside it) and carries the provider options its children
 * take; and no Args record long enough for two swapped arguments of one type to go unnoticed (more than six
 * components take a builder instead). Each failure names every offending class.
 */
class ComponentShapeTest {

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");
    private static final String COMPONENT = "com.pulumi.resources.ComponentResource";
    private static final String OPTIONS = "com.pulumi.resources.ComponentResourceOptions";
    private static final int MOST_RECORD_COMPONENTS = 6;

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // As LayeringTest: the modules' main classes only (the SDK subsets are outside
        // labstacks..).
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(location -> !location.matches(TEST_JAR))
                        .importPackages("labstacks");
    }

    @Test
    void everyComponentTakesANameItsArgsAndComponentOptions() {
        var components = classes.stream().filter(ComponentShapeTest::isComponent).toList();
        // Kubernetes and AWS programs both have components; an import that found none would pass
        // vacuously.
        assertTrue(
                components.stream().anyMatch(c -> c.getPackageName().equals("labstacks.moderate"))
                        && components.stream()
                                .anyMatch(c -> c.getPackageName().equals("labstacks.pipeweave")),
                "components found in labstacks.moderate and labstacks.pipeweave: " + components);
        var wrong = new ArrayList<String>();
        for (var component : components) {
            var constructors =
                    component.getConstructors().stream()
                            .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                            .toList();
            var shapes =
                    constructors.stream()
                            .map(
                                    c ->
                                            c.getRawParameterTypes().stream()
                                                    .map(JavaClass::getName)
                                                    .toList())
                            .toList();
            if (constructors.size() != 1 || !isShape(component, shapes.get(0))) {
                wrong.add(component.getName() + " has public constructors " + shapes);
            }
        }
        assertEquals(
                List.of(),
                wrong,
                "each component has exactly one public constructor"
                        + " (String name, <its Args> args, ComponentResourceOptions options)");
    }

    @Test
    void noArgsRecordHasMoreThanSixComponents() {
        var records =
                classes.stream()
                        .filter(JavaClass::isRecord)
                        .filter(c -> c.getSimpleName().endsWith("Args"))
                        .toList();
        assertTrue(!records.isEmpty(), "Args records were imported");
        var long_ = new ArrayList<String>();
        for (var record : records) {
            // A record's instance fields are exactly its components.
            var components =
                    record.getFields().stream()
                            .filter(f -> !f.getModifiers().contains(JavaModifier.STATIC))
                            .count();
            if (components > MOST_RECORD_COMPONENTS) {
                long_.add(record.getName() + " (" + components + ")");
            }
        }
        assertEquals(
                List.of(),
                long_,
                "Args records with more than "
                        + MOST_RECORD_COMPONENTS
                        + " positional components: give them a builder with named fields");
    }

    private static boolean isComponent(JavaClass javaClass) {
        return !javaClass.getName().equals(COMPONENT)
                && javaClass.getAllRawSuperclasses().stream()
                        .anyMatch(superclass -> superclass.getName().equals(COMPONENT));
    }

    private static boolean isShape(JavaClass component, List<String> parameters) {
        if (parameters.size() != 3
                || !parameters.get(0).equals(String.class.getName())
                || !parameters.get(2).equals(OPTIONS)) {
            return false;
        }
        var args = parameters.get(1);
        return args.equals(component.getName() + "$Args")
                || args.equals(component.getName() + "Args");
    }
}
