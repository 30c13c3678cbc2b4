package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.config.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./labstacks stacks}: which stacks CI deploys, read from the stack files. */
class StacksCommandTest {

    @TempDir Path temp;

    static LauncherRun run(Path root, String... args) {
        return LauncherRun.of(root, args);
    }

    private void stack(String name, String config) throws IOException {
        Files.writeString(temp.resolve("Pulumi.yaml"), "name: labstacks\nruntime: java\n");
        Files.writeString(temp.resolve("Pulumi." + name + ".yaml"), "config:\n" + config);
    }

    /** A stack file that attaches labstacks/<name>, defined with its read-only twin under sample/esc/. */
    private void stackWithCredentials(String name, String config) throws IOException {
        stack(name, config);
        Files.writeString(
                temp.resolve("Pulumi." + name + ".yaml"),
                "environment:\n  - labstacks/" + name + "\nconfig:\n" + config);
        var esc = Files.createDirectories(temp.resolve("sample/esc"));
        Files.writeString(
                esc.resolve(name + ".yaml"), "values:\n  environmentVariables:\n    TOKEN: x\n");
        Files.writeString(
                esc.resolve(name + "-preview.yaml"),
                "values:\n  environmentVariables:\n    TOKEN: y\n");
    }

    @Test
    void theRepositoryDeploysEveryStackButTheMinikubeOnes() {
        var result = run(ProgramHarness.repositoryRoot(), "stacks", "--deployable", "--json");
        assertEquals(0, result.code(), result.err());
        assertEquals(1, result.out().strip().lines().count(), "one line, as $GITHUB_OUTPUT needs");
        var names =
                JsonParser.parseString(result.out()).getAsJsonArray().asList().stream()
                        .map(e -> e.getAsJsonObject().get("stack").getAsString())
                        .toList();
        // The rule, read from the stack files themselves: labstacks:deploy when set, else every
        // environment but local.
        var project = ProjectFiles.open(ProgramHarness.repositoryRoot());
        var expected =
                project.stacks().stream()
                        .filter(
                                stack -> {
                                    var config = project.read(stack, Map.of());
                                    return config.get("labstacks:deploy")
                                            .map(Boolean::parseBoolean)
                                            .orElse(
                                                    !config.get("labstacks:environment")
                                                            .orElseThrow()
                                                            .equals("local"));
                                })
                        .sorted()
                        .toList();
        assertTrue(expected.size() >= 2, expected.toString());
        assertEquals(expected, names);
        // The facts themselves: the minikube stacks run only on a developer's machine, and
        // megatests-prod is
        // paused (labstacks:deploy: false) until its live stack is adopted (megatests/README.md).
        for (var localOnly : List.of("moderate-local", "biositing-local", "megatests-prod")) {
            assertFalse(names.contains(localOnly), localOnly);
        }
        var all = run(ProgramHarness.repositoryRoot(), "stacks");
        assertTrue(
                all.out().contains("moderate-local\tmoderate-infra\tlocal\tlocal only\t-\n"),
                all.out());
        assertTrue(
                all.out()
                        .contains(
                                "igenomes-prod\tigenomes\tprod\tdeploy\tlabstacks/igenomes-prod\n"),
                all.out());
        assertTrue(all.out().contains("megatests-prod\tmegatests\tprod\tlocal only"), all.out());
    }

    @Test
    void anExplicitSettingOverridesTheEnvironment() throws IOException {
        stackWithCredentials(
                "lab-local",
                "  labstacks:program: sample\n  labstacks:environment: local\n  labstacks:deploy: true\n");
        stack(
                "lab-prod",
                "  labstacks:program: sample\n  labstacks:environment: prod\n  labstacks:deploy: false\n");
        stackWithCredentials(
                "lab-staging", "  labstacks:program: sample\n  labstacks:environment: staging\n");
        var result = run(temp, "stacks", "--deployable", "--json");
        assertEquals(0, result.code(), result.err());
        var entries = JsonParser.parseString(result.out()).getAsJsonArray();
        assertEquals(2, entries.size(), result.out());
        var first = entries.get(0).getAsJsonObject();
        // The fields the workflows read: matrix.stack, matrix.program, matrix.environment.
        assertEquals("lab-local", first.get("stack").getAsString());
        assertEquals("sample", first.get("program").getAsString());
        assertEquals("local", first.get("environment").getAsString());
        assertTrue(first.get("deploy").getAsBoolean());
        assertFalse(first.get("production").getAsBoolean());
        assertEquals("[\"labstacks/lab-local\"]", first.get("esc").toString());
        assertEquals("[\"labstacks/lab-local-preview\"]", first.get("previewEsc").toString());
        assertEquals("lab-staging", entries.get(1).getAsJsonObject().get("stack").getAsString());
        // Named stacks narrow the list.
        assertEquals(
                "lab-prod\tsample\tprod\tlocal only\t-\n", run(temp, "stacks", "lab-prod").out());
    }

    @Test
    void aBrokenStackFileFailsTheWholeListNamingTheKeyAndFile() throws IOException {
        stack("good", "  labstacks:program: sample\n  labstacks:environment: good\n");
        stack(
                "bad",
                "  labstacks:program: sample\n  labstacks:environment: bad\n  labstacks:deploy: sometimes\n");
        var result = run(temp, "stacks", "--deployable", "--json");
        // A silently shorter list would drop the stack from deploys and drift checks.
        assertEquals(1, result.code());
        assertEquals("", result.out());
        assertTrue(
                result.err().contains("labstacks:deploy")
                        && result.err().contains("Pulumi.bad.yaml"),
                result.err());
        var missing = run(temp, "stacks", "nosuch");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("unknown stack 'nosuch'"), missing.err());
        assertEquals(2, run(temp, "stacks", "--colour").code());
    }

    @Test
    void productionComesFromTheStackNameAndTheWorkflowsReadIt() {
        var result = run(ProgramHarness.repositoryRoot(), "stacks", "--json");
        assertEquals(0, result.code(), result.err());
        var production =
                JsonParser.parseString(result.out()).getAsJsonArray().asList().stream()
                        .map(e -> e.getAsJsonObject())
                        .filter(e -> e.get("production").getAsBoolean())
                        .map(e -> e.get("stack").getAsString())
                        .toList();
        // Production is what the name says: every stack file named ...-prod or ...-production, and
        // only those.
        var named =
                ProjectFiles.open(ProgramHarness.repositoryRoot()).stacks().stream()
                        .filter(stack -> stack.matches(".*-(prod|production)"))
                        .sorted()
                        .toList();
        assertEquals(named, production);
        assertTrue(
                production.contains("igenomes-prod") && !production.contains("pipeweave-staging"),
                production.toString());
    }

    @Test
    void aStackFileWhoseEnvironmentContradictsItsNameFailsTheList() throws IOException {
        stack("lab-production", "  labstacks:program: sample\n  labstacks:environment: staging\n");
        var result = run(temp, "stacks", "--deployable", "--json");
        // Listed as staging, it would deploy without the production reviewers.
        assertEquals(1, result.code());
        assertEquals("", result.out());
        assertTrue(
                result.err()
                        .contains(
                                "labstacks:environment: is staging, but the stack lab-production is a"
                                        + " production stack (production) by its name"),
                result.err());
        assertTrue(result.err().contains("Pulumi.lab-production.yaml"), result.err());
    }

    @Test
    void aDeployableStackWithoutCredentialsIsRefused() throws IOException {
        stackWithCredentials(
                "lab-staging", "  labstacks:program: sample\n  labstacks:environment: staging\n");
        stack("lab-prod", "  labstacks:program: sample\n  labstacks:environment: prod\n");
        var result = run(temp, "stacks", "--deployable", "--json");
        assertEquals(1, result.code(), result.out());
        assertEquals("", result.out(), "no partial matrix");
        assertTrue(
                result.err().contains("Pulumi.lab-prod.yaml attaches no Pulumi ESC environment"),
                result.err());
        assertTrue(
                result.err().contains("- labstacks/lab-prod"),
                "the fix names the line to add: " + result.err());
        // Without --deployable it is only listed, with no environment.
        var listed = run(temp, "stacks", "lab-prod");
        assertEquals(0, listed.code(), listed.err());
        assertEquals("lab-prod\tsample\tprod\tdeploy\t-\n", listed.out());
    }

    @Test
    void aDeployableStackWithoutAReadOnlyTwinIsRefused() throws IOException {
        stackWithCredentials(
                "lab-staging", "  labstacks:program: sample\n  labstacks:environment: staging\n");
        Files.delete(temp.resolve("sample/esc/lab-staging-preview.yaml"));
        var result = run(temp, "stacks", "--deployable", "--json");
        assertEquals(1, result.code(), result.out());
        assertTrue(
                result.err()
                        .contains(
                                "attaches labstacks/lab-staging, which has no read-only twin labstacks/lab-staging-preview"),
                result.err());
    }
}
