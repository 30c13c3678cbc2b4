package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import labstacks.launcher.architecture.ModuleGraphTest;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.program.ProgramCatalog;
import labstacks.shared.program.StackProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.spi.SLF4JServiceProvider;

class MainTest {

    @TempDir Path temp;

    private static LauncherRun run(Path root, String... args) {
        return LauncherRun.of(root, args);
    }

    private Path project(String stack, String config) throws IOException {
        Files.writeString(temp.resolve("Pulumi.yaml"), "name: labstacks\nruntime: java\n");
        Files.writeString(temp.resolve("Pulumi." + stack + ".yaml"), "config:\n" + config);
        return temp;
    }

    /** The programs the jar lists are those the modules' service files (and this module's test one) register. */
    @Test
    void everyModuleRegistersItsProgramThroughServiceLoader() throws Exception {
        var result = run(temp, "programs");
        assertEquals(0, result.code());
        var names = result.out().lines().map(line -> line.split("\t")[0]).sorted().toList();
        var root = ProgramHarness.repositoryRoot();
        var serviceFiles = new ArrayList<Path>();
        for (var module : ModuleGraphTest.programModules(root)) {
            serviceFiles.add(root.resolve(module).resolve(ModuleGraphTest.SERVICE_FILE));
        }
        serviceFiles.add(
                root.resolve(
                        "launcher/src/test/resources/META-INF/services/labstacks.shared.program.StackProgram"));
        var registered = new TreeSet<String>();
        for (var file : serviceFiles) {
            for (var line : Files.readAllLines(file)) {
                var className = line.replaceAll("#.*", "").strip();
                if (!className.isEmpty()) {
                    var program =
                            (StackProgram<?, ?>)
                                    Class.forName(className).getDeclaredConstructor().newInstance();
                    registered.add(program.name());
                }
            }
        }
        assertTrue(registered.size() > 2, "the modules' programs and the test ones: " + registered);
        assertEquals(List.copyOf(registered), names);
    }

    @Test
    void planDispatchesToTheProgramTheStackNames() throws IOException {
        var root =
                project(
                        "sample-dev",
                        """
                  labstacks:program: sample
                  labstacks:environment: dev
                  sample:token:
                    secure: v1:abc
                """);
        var json = temp.resolve("out/plan.json");
        var result = run(root, "plan", "sample-dev", "--json", json.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(
                result.out()
                        .matches(
                                "(?s).*\\n \\+   (├─|└─|\\|-|`-) labstacks:sample:Store +store +create\\n.*"),
                result.out());
        var plan = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals("sample", plan.get("program").getAsString());
        assertEquals("sample-dev", plan.get("stack").getAsString());
        assertEquals("[secret]", plan.getAsJsonObject("outputs").get("token").getAsString());
    }

    @Test
    void anUnknownProgramNamesTheKnownOnesAndTheStackFile() throws IOException {
        var root = project("odd", "  labstacks:program: pipewave\n  labstacks:environment: dev\n");
        var result = run(root, "plan", "odd");
        assertEquals(1, result.code());
        assertTrue(result.err().contains("Pulumi.odd.yaml"), result.err());
        assertTrue(result.err().contains("names no known program: 'pipewave'"), result.err());
        var known = ProgramCatalog.discover().names();
        assertTrue(known.contains("pipeweave") && known.contains("sample"), known.toString());
        assertTrue(result.err().contains("one of: " + String.join(", ", known)), result.err());
    }

    @Test
    void anUnknownStackListsTheStackFiles() throws IOException {
        var root = project("sample-dev", "  labstacks:program: sample\n");
        var result = run(root, "plan", "sample-prod");
        assertEquals(1, result.code());
        assertTrue(result.err().contains("unknown stack 'sample-prod'"), result.err());
        assertTrue(result.err().contains("Known stacks: sample-dev"), result.err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run(temp, "deploy").code());
        assertEquals(2, run(temp, "plan").code());
        assertEquals(2, run(temp, "plan", "a", "--all").code());
        assertEquals(2, run(temp, "plan", "a", "--json").code());
        assertEquals(2, run(temp, "plan", "--colour").code());
        assertTrue(run(temp, "help").out().contains("./labstacks plan <stack>"));
    }

    /** picocli parses; the errors stay one line that names the problem (and the near word), then the usage. */
    @Test
    void usageErrorsNameTheProblemThenShowTheCommandsUsage() {
        var unknownOption = run(temp, "plan", "--jsn", "x.json");
        assertEquals(2, unknownOption.code());
        assertTrue(
                unknownOption
                        .err()
                        .startsWith(
                                "unknown option --jsn (did you mean --json?)\n"
                                        + "usage: ./labstacks plan <stack>... [--json FILE]"),
                unknownOption.err());
        assertEquals("", unknownOption.out());
        assertTrue(
                run(temp, "plan", "a", "--json")
                        .err()
                        .startsWith("--json needs a value\nusage: ./labstacks plan"));
        assertTrue(run(temp, "plan").err().startsWith("name the stacks to plan, or --all\n"));
        var unknownCommand = run(temp, "chekc", "--all");
        assertEquals(2, unknownCommand.code());
        assertTrue(
                unknownCommand
                        .err()
                        .startsWith(
                                "unknown command 'chekc' (did you mean check?)\n"
                                        + "usage: ./labstacks plan <stack>..."),
                unknownCommand.err());
        assertTrue(
                run(temp, "programs", "extra")
                        .err()
                        .startsWith("programs takes no arguments, got extra\n"));
        var adopt = run(temp, "adopt", "a", "b", "--state", "x.json");
        assertEquals(2, adopt.code());
        assertTrue(
                adopt.err()
                        .startsWith(
                                "name the one stack to adopt into\nusage: ./labstacks adopt <stack> --state FILE"),
                adopt.err());
    }

    @Test
    void anArgumentIsNeverReadFromAFile() throws IOException {
        var arguments = temp.resolve("arguments.txt");
        Files.writeString(arguments, "--colour\n");
        var root = project("sample-dev", "  labstacks:program: sample\n");
        var result = run(root, "plan", "@" + arguments);
        assertEquals(
                1, result.code(), "a stack name, not picocli's @file expansion: " + result.err());
        assertTrue(result.err().contains("'@" + arguments + "' is not a stack name"), result.err());
    }

    @Test
    void everyCommandHasItsHelpAndTheVersion() {
        for (var command :
                List.of("plan", "check", "adopt", "stacks", "programs", "igenomes-inventory")) {
            var help = run(temp, command, "--help");
            assertEquals(0, help.code(), command);
            assertTrue(help.out().startsWith("usage: ./labstacks " + command), help.out());
            assertEquals(
                    help.out(),
                    run(temp, "help", command).out(),
                    "help <command> is <command> --help");
            var version = run(temp, command, "--version");
            assertEquals(0, version.code());
            assertTrue(version.out().startsWith("labstacks "), version.out());
        }
        assertTrue(
                run(temp, "check", "--help")
                        .out()
                        .contains("  1   a violation or a stack that cannot be planned"));
        var root = run(temp, "--help").out();
        assertEquals(root, run(temp, "help").out());
        assertTrue(
                root.contains(
                        "       ./labstacks stacks [<stack>...] [--deployable] [--json] [--root DIR]\n"),
                root);
        assertTrue(root.contains("Commands:\n") && root.contains("  igenomes-inventory  "), root);
        assertEquals(run(temp, "--version").out(), run(temp, "version").out());
    }

    @Test
    void modulesAddTheirToolsWithoutEditingTheLauncher() {
        assertTrue(run(temp, "help").out().contains("./labstacks igenomes-inventory"));
        var result = run(temp, "igenomes-inventory", "--verbose");
        assertEquals(
                2, result.code(), "dispatched to the igenomes tool, which rejects the argument");
        assertTrue(result.err().contains("usage: ./labstacks igenomes-inventory"), result.err());
    }

    @Test
    void checkAllPassesOnTheRepositoryAndFailsOnAPlantedViolation() throws IOException {
        var ok = run(ProgramHarness.repositoryRoot(), "check", "--all");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("check passed: "), ok.out());
        assertTrue(
                ok.out().contains("excepted iam-wildcard-resource-write"),
                "exceptions are shown with their reason");

        // The sample program uses a bucket without its safeguards.
        var root =
                project(
                        "sample-dev",
                        "  labstacks:program: sample\n  labstacks:environment: dev\n"
                                + "  sample:token:\n    secure: v1:abc\n");
        var bad = run(root, "check", "sample-dev");
        assertEquals(1, bad.code());
        assertTrue(
                bad.out().contains("s3-public-access-block  aws:s3/bucketV2:BucketV2  store"),
                bad.out());
        assertTrue(bad.out().contains("fix: "), bad.out());
        assertEquals(2, run(temp, "check").code());
        assertTrue(run(temp, "check", "--rules").out().contains("k8s-default-deny"));
    }

    @Test
    void planAllCoversEveryStackFileOfTheRepositoryAndIsDeterministic() throws IOException {
        var root = ProgramHarness.repositoryRoot();
        var first = temp.resolve("first.json");
        var second = temp.resolve("second.json");
        var result = run(root, "plan", "--all", "--json", first.toString());
        assertEquals(0, result.code(), result.err());
        assertEquals(0, run(root, "plan", "--all", "--json", second.toString()).code());
        assertEquals(Files.readString(first), Files.readString(second));

        var plans = JsonParser.parseString(Files.readString(first)).getAsJsonArray();
        try (var files = Files.list(root)) {
            var stackFiles =
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.matches("Pulumi\\..+\\.yaml"))
                            .count();
            assertEquals(stackFiles, plans.size());
        }
        for (var element : plans) {
            var plan = element.getAsJsonObject();
            assertFalse(plan.get("program").getAsString().isEmpty());
            assertTrue(
                    plan.getAsJsonArray("resources").size() >= 1, plan.get("stack").getAsString());
        }
    }

    @Test
    void slf4jHasItsNoOperationProviderOnPurpose() {
        // Without a provider, SLF4J 2 prints three "No SLF4J providers were found" lines on first
        // use.
        var providers =
                ServiceLoader.load(SLF4JServiceProvider.class).stream()
                        .map(p -> p.type().getName())
                        .toList();
        assertEquals(List.of("org.slf4j.nop.NOPServiceProvider"), providers);
    }

    @Test
    void helpHasItsOwnExitCodesAndTheRootHelpNamesTheWrappersBuild() {
        var help = run(temp, "help", "--help");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().contains("usage: ./labstacks help"), help.out());
        assertFalse(help.out().contains("a stack, a rule or a check failed"), help.out());
        assertTrue(
                run(temp, "--help").out().contains("./labstacks build"),
                "build is the wrapper's command");
    }
}
