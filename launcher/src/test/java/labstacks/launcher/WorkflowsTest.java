package labstacks.launcher;

import labstacks.shared.config.ProjectFiles;
import labstacks.shared.testing.ProgramHarness;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GitHub workflows parse, name real action versions, and derive the stack list from the stack files. */
class WorkflowsTest {
    private static final Path ROOT = ProgramHarness.repositoryRoot();
    /** Released majors of the actions the workflows use. */
    private static final Set<String> KNOWN_ACTIONS = Set.of("actions/checkout@v5", "actions/setup-java@v4", "pulumi/actions@v6");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> workflow(String name) throws IOException {
        var text = Files.readString(ROOT.resolve(".github/workflows/" + name));
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> workflow) {
        var result = new ArrayList<Map<String, Object>>();
        ((Map<String, Object>) workflow.get("jobs")).values().forEach(job ->
                result.addAll((List<Map<String, Object>>) ((Map<String, Object>) job).getOrDefault("steps", List.of())));
        return result;
    }

    @Test
    void everyWorkflowParsesAndUsesOnlyKnownActionVersions() throws IOException {
        for (var name : List.of("offline.yml", "preview.yml", "deploy.yml")) {
            var workflow = workflow(name);
            assertTrue(workflow.containsKey("jobs"), name);
            // YAML 1.1 reads the key `on` as true.
            assertTrue(workflow.containsKey("on") || workflow.containsKey(true), name + " has triggers");
            for (var step : steps(workflow)) {
                if (step.containsKey("uses")) {
                    assertTrue(KNOWN_ACTIONS.contains(step.get("uses")), name + ": " + step.get("uses"));
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOfflineJobRunsTheCiScriptWithoutSecrets() throws IOException {
        var text = Files.readString(ROOT.resolve(".github/workflows/offline.yml"));
        assertTrue(text.contains("run: bash .ci/run"));
        assertTrue(!text.contains("secrets."), "the offline job needs no secret");
        var ci = Files.readString(ROOT.resolve(".ci/run"));
        assertTrue(ci.contains("mvn -B verify") && ci.contains("./labstacks plan --all") && ci.contains("./labstacks check --all"));
        assertTrue(ci.contains("bash sdks/gen/check.sh"), "CI checks the generated SDK sources");
    }

    @Test
    @SuppressWarnings("unchecked")
    void previewAndDeployDeriveTheMatrixFromTheStackFiles() throws IOException, InterruptedException {
        for (var name : List.of("preview.yml", "deploy.yml")) {
            var jobs = (Map<String, Object>) workflow(name).get("jobs");
            var list = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) jobs.get("stacks")).get("steps")).get(1);
            var command = list.get("run").toString();
            // Run the workflow's own listing command here and compare with the project's stack files.
            var script = command.substring(command.indexOf("$(") + 2, command.lastIndexOf(')'));
            var process = new ProcessBuilder("bash", "-c", script).directory(ROOT.toFile()).start();
            var json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, process.waitFor());
            var expected = ProjectFiles.open(ROOT).stacks().stream().map(s -> "\"" + s + "\"").toList();
            assertEquals("[" + String.join(",", expected) + "]", json, name);
            var matrixJob = (Map<String, Object>) jobs.get(name.equals("preview.yml") ? "preview" : "up");
            assertEquals("${{ fromJSON(needs.stacks.outputs.stacks) }}",
                    ((Map<String, Object>) ((Map<String, Object>) matrixJob.get("strategy")).get("matrix")).get("stack"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void productionStacksDeployThroughTheProtectedEnvironmentAndPreviewsComment() throws IOException {
        var up = (Map<String, Object>) ((Map<String, Object>) workflow("deploy.yml").get("jobs")).get("up");
        var environment = up.get("environment").toString();
        assertTrue(environment.contains("'production'") && environment.contains("endsWith(matrix.stack, '-prod')"), environment);
        var pulumi = steps(workflow("preview.yml")).stream().filter(s -> "pulumi/actions@v6".equals(s.get("uses"))).findFirst()
                .orElseThrow();
        var with = (Map<String, Object>) pulumi.get("with");
        assertEquals("preview", with.get("command"));
        assertEquals(true, with.get("comment-on-pr"));
    }
}
