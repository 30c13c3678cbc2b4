package labstacks.launcher;

import labstacks.shared.config.ProjectFiles;
import labstacks.offline.testing.ProgramHarness;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
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
    static final Path ROOT = ProgramHarness.repositoryRoot();
    /** Released majors of the actions the workflows use. */
    private static final Set<String> KNOWN_ACTIONS = Set.of("actions/checkout@v5", "actions/setup-java@v4", "pulumi/actions@v6",
            "actions/upload-artifact@v4", "actions/download-artifact@v4");

    @SuppressWarnings("unchecked")
    static Map<String, Object> workflow(String name) throws IOException {
        var text = Files.readString(ROOT.resolve(".github/workflows/" + name));
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> steps(Map<String, Object> workflow) {
        var result = new ArrayList<Map<String, Object>>();
        ((Map<String, Object>) workflow.get("jobs")).values().forEach(job ->
                result.addAll((List<Map<String, Object>>) ((Map<String, Object>) job).getOrDefault("steps", List.of())));
        return result;
    }

    @Test
    void everyWorkflowParsesAndUsesOnlyKnownActionVersions() throws IOException {
        for (var name : List.of("offline.yml", "preview.yml", "deploy.yml", "drift.yml")) {
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

    /** The deployable stacks, read from the stack files here independently of the launcher: every environment but local. */
    @SuppressWarnings("unchecked")
    static Map<String, String> deployableStacksAndEnvironments() throws IOException {
        var result = new java.util.TreeMap<String, String>();
        for (var stack : ProjectFiles.open(ROOT).stacks()) {
            var document = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(ROOT.resolve("Pulumi." + stack + ".yaml")));
            var config = (Map<String, Object>) document.get("config");
            var environment = config.get("labstacks:environment").toString();
            var deploy = config.containsKey("labstacks:deploy") ? (Boolean) config.get("labstacks:deploy")
                    : !environment.equals("local");
            if (deploy) {
                result.put(stack, environment);
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> job(String workflow, String job) throws IOException {
        return (Map<String, Object>) ((Map<String, Object>) workflow(workflow).get("jobs")).get(job);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPulumiWorkflowTakesItsMatrixFromTheDeployableList() throws IOException {
        var expected = deployableStacksAndEnvironments();
        assertTrue(!expected.containsKey("moderate-local") && !expected.containsKey("biositing-local"), expected.toString());
        for (var name : List.of("preview.yml", "deploy.yml", "drift.yml")) {
            var list = ((List<Map<String, Object>>) job(name, "stacks").get("steps")).stream()
                    .filter(s -> "list".equals(s.get("id"))).findFirst().orElseThrow();
            var command = list.get("run").toString();
            assertTrue(command.startsWith("echo \"stacks=$(./labstacks ") && command.endsWith(")\" >> \"$GITHUB_OUTPUT\""), command);
            // Run the workflow's own command line through the launcher and compare with the stack files.
            var args = command.substring(command.indexOf("./labstacks ") + 12, command.lastIndexOf(')')).split(" ");
            var result = StacksCommandTest.run(ROOT, args);
            assertEquals(0, result.code(), result.err());
            var listed = new java.util.TreeMap<String, String>();
            com.google.gson.JsonParser.parseString(result.out()).getAsJsonArray().forEach(e -> listed.put(
                    e.getAsJsonObject().get("stack").getAsString(), e.getAsJsonObject().get("environment").getAsString()));
            assertEquals(expected, listed, name);
            var matrixJob = job(name, switch (name) {
                case "preview.yml" -> "preview";
                case "deploy.yml" -> "up";
                default -> "drift";
            });
            var matrix = (Map<String, Object>) ((Map<String, Object>) matrixJob.get("strategy")).get("matrix");
            assertEquals(Map.of("include", "${{ fromJSON(needs.stacks.outputs.stacks) }}"), matrix, name);
            assertEquals("needs.stacks.outputs.stacks != '[]'", matrixJob.get("if").toString()
                    .replaceFirst("^.*&& ", ""), name + ": an empty list would be an invalid matrix");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void deployWaitsForTheOfflineChecksAndDeploysTheJarTheyTested() throws IOException {
        var offline = job("deploy.yml", "offline");
        assertEquals("./.github/workflows/offline.yml", offline.get("uses"));
        assertEquals(Map.of("upload-jar", true), offline.get("with"));
        var up = job("deploy.yml", "up");
        assertTrue(((List<String>) up.get("needs")).contains("offline"), up.get("needs").toString());

        var offlineWorkflow = workflow("offline.yml");
        var triggers = (Map<String, Object>) offlineWorkflow.getOrDefault("on", offlineWorkflow.get(true));
        assertTrue(triggers.containsKey("workflow_call"), "offline.yml is reusable");
        // The artifact is uploaded after .ci/run, whose `mvn -B verify` built the jar after every test passed.
        var offlineSteps = (List<Map<String, Object>>) job("offline.yml", "offline").get("steps");
        var ci = offlineSteps.indexOf(offlineSteps.stream().filter(s -> "bash .ci/run".equals(s.get("run"))).findFirst().orElseThrow());
        var upload = offlineSteps.stream().filter(s -> "actions/upload-artifact@v4".equals(s.get("uses"))).findFirst().orElseThrow();
        assertTrue(offlineSteps.indexOf(upload) > ci);
        var uploaded = (Map<String, Object>) upload.get("with");
        assertEquals("launcher/target/labstacks.jar", uploaded.get("path"));

        var upSteps = (List<Map<String, Object>>) up.get("steps");
        var download = upSteps.stream().filter(s -> "actions/download-artifact@v4".equals(s.get("uses"))).findFirst().orElseThrow();
        assertEquals(uploaded.get("name"), ((Map<String, Object>) download.get("with")).get("name"));
        assertEquals("launcher/target", ((Map<String, Object>) download.get("with")).get("path"));
        for (var step : upSteps) {
            assertTrue(!String.valueOf(step.get("run")).contains("skipTests"), "no jar built with tests skipped: " + step);
        }
        // ./labstacks rebuilds (tests skipped) a jar older than the sources: the tested one is touched first.
        var build = upSteps.stream().filter(s -> String.valueOf(s.get("run")).contains("./labstacks build")).findFirst()
                .orElseThrow();
        assertEquals("touch launcher/target/labstacks.jar && ./labstacks build", build.get("run"));
        assertTrue(upSteps.indexOf(build) > upSteps.indexOf(download));
        var upStep = upSteps.stream().filter(s -> "pulumi/actions@v6".equals(s.get("uses"))).findFirst().orElseThrow();
        assertTrue(upSteps.indexOf(upStep) > upSteps.indexOf(download));
        assertEquals("up", ((Map<String, Object>) upStep.get("with")).get("command"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGitHubEnvironmentFollowsLabstacksEnvironment() throws IOException {
        var expression = job("deploy.yml", "up").get("environment").toString();
        // ${{ contains(fromJSON('["prod","production"]'), matrix.environment) && 'production' || 'non-production' }}
        var matcher = java.util.regex.Pattern.compile(
                "\\$\\{\\{ contains\\(fromJSON\\('(\\[.*])'\\), matrix\\.environment\\) && 'production' \\|\\| 'non-production' }}")
                .matcher(expression);
        assertTrue(matcher.matches(), expression);
        var productionEnvironments = com.google.gson.JsonParser.parseString(matcher.group(1)).getAsJsonArray().asList()
                .stream().map(e -> e.getAsString()).toList();
        var githubEnvironment = new java.util.TreeMap<String, String>();
        deployableStacksAndEnvironments().forEach((stack, environment) ->
                githubEnvironment.put(stack, productionEnvironments.contains(environment) ? "production" : "non-production"));
        assertEquals("production", githubEnvironment.get("pipeweave-production"));
        // Paused until adopted (Pulumi.megatests-prod.yaml labstacks:deploy: false): not in the matrix at all.
        assertEquals(null, githubEnvironment.get("megatests-prod"));
        assertEquals("production", githubEnvironment.get("igenomes-prod"));
        assertEquals("non-production", githubEnvironment.get("pipeweave-staging"));
        assertEquals("non-production", githubEnvironment.get("pipeweave-development"));

        var pulumi = steps(workflow("preview.yml")).stream().filter(s -> "pulumi/actions@v6".equals(s.get("uses"))).findFirst()
                .orElseThrow();
        var with = (Map<String, Object>) pulumi.get("with");
        assertEquals("preview", with.get("command"));
        assertEquals(true, with.get("comment-on-pr"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEngineRunsTheJarWithTheWrappersJvmOptions() throws IOException {
        var options = ROOT.resolve("launcher/jvm.options");
        assertTrue(Files.isRegularFile(options));
        assertTrue(Files.readString(ROOT.resolve("labstacks")).contains("launcher/jvm.options"), "the wrapper reads them");
        for (var name : List.of("preview.yml", "deploy.yml", "drift.yml")) {
            var engineSteps = steps(workflow(name)).stream()
                    .filter(s -> s.containsKey("with") && ((Map<String, Object>) s.get("with")).containsKey("command")
                            || String.valueOf(s.get("run")).contains("check-stack"))
                    .toList();
            assertTrue(!engineSteps.isEmpty(), name);
            for (var step : engineSteps) {
                assertEquals("@launcher/jvm.options", ((Map<String, Object>) step.get("env")).get("JDK_JAVA_OPTIONS"), name);
            }
        }
        assertTrue(Files.readString(ROOT.resolve(".envrc")).contains("JDK_JAVA_OPTIONS=\"@launcher/jvm.options\""));
    }
}
