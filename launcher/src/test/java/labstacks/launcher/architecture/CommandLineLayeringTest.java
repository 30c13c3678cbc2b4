package labstacks.launcher.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Where the command-line parser (picocli) and the JSON binder (Jackson) may appear: the program library
 * exposes {@code Tool.command()} as a plain {@code Object}, so programs and the library never carry picocli;
 * only the launcher and a module's tool package do. Jackson mappers are built only in
 * {@code labstacks.shared.json}, so every file binds under the same strict rules.
 */
class CommandLineLayeringTest {

    private static final JavaClasses MAIN =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(
                            location -> !location.matches(Pattern.compile(".*-tests\\.jar.*")))
                    .importPackages("labstacks");

    @Test
    void theProgramLibraryAndTheToolkitDoNotDependOnPicocli() {
        noClasses()
                .that()
                .resideInAnyPackage("labstacks.shared..", "labstacks.offline..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("picocli..")
                .because("Tool.command() is an Object: the library carries no command-line parser")
                .check(MAIN);
    }

    @Test
    void onlyTheLauncherAndToolsUsePicocli() {
        classes()
                .that()
                .resideOutsideOfPackages("labstacks.launcher..", "labstacks.igenomes.inventory..")
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackage("picocli..")
                .because(
                        "a program is not a command line; a module's tool lives in its own package")
                .check(MAIN);
    }

    @Test
    void noModuleBuildsItsOwnJacksonMapper() {
        noClasses()
                .that()
                .resideOutsideOfPackage("labstacks.shared.json..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("tools.jackson.databind.ObjectMapper")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("tools.jackson.databind.json.JsonMapper")
                .because(
                        "spec and catalog files bind through labstacks.shared.json.StrictJson, one set of rules")
                .check(MAIN);
    }
}
