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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.config.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The GitHub workflows parse, name real action versions, and derive the stack list from the stack files. */
class WorkflowsTest {
    static final Path ROOT = ProgramHarness.repositoryRoot();

    /** Released majors of the actions the workflows use. */
    private static final Set<String> KNOWN_ACTIONS =
            Set.of(
                    "actions/checkout@v5",
                    "actions/setup-java@v4",
                    "pulumi/actions@v6",
                    "actions/upload-artifact@v4",
                    "actions/download-artifact@v4",
                    "actions/cache@v4",
                    "github/codeql-action/upload-sarif@v3");

    private static final List<String> WORKFLOWS =
            List.of("offline.yml", "preview.yml", "deploy.yml", "drift.yml", "pr-comment.yml");

    @SuppressWarnings("unchecked")
    static Map<String, Object> workflow(String name) throws IOException {
        var text = Files.readString(ROOT.resolve(".github/workflows/" + name));
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> steps(Map<String, Object> workflow) {
        var result = new ArrayList<Map<String, Object>>();
        ((Map<String, Object>) workflow.get("jobs"))
                .values()
                .forEach(
                        job ->
                                result.addAll(
                                        (List<Map<String, Object>>)
                                                ((Map<String, Object>) job)
                                                        .getOrDefault("steps", List.of())));
        return result;
    }

    @Test
    void everyWorkflowParsesAndUsesOnlyKnownActionVersions() throws IOException {
        for (var name : WORKFLOWS) {
            var workflow = workflow(name);
            assertTrue(workflow.containsKey("jobs"), name);
            // YAML 1.1 reads the key `on` as true.
            assertTrue(
                    workflow.containsKey("on") || workflow.containsKey(true),
                    name + " has triggers");
            for (var step : steps(workflow)) {
                if (step.containsKey("uses")) {
                    assertTrue(
                            KNOWN_ACTIONS.contains(step.get("uses")),
                            name + ": " + step.get("uses"));
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
        assertTrue(
                ci.contains("mvn -B verify")
                        && ci.contains("./labstacks plan --all")
                        && ci.contains("./labstacks check --all"));
        assertTrue(ci.contains("bash sdks/gen/check.sh"), "CI checks the generated SDK sources");
        assertTrue(
                ci.contains("./labstacks check --all --format sarif --output plans/check.sarif"),
                ci);
        // .ci/run installs Debian 12's packages (Ceph RGW 16 for the policy tests): the job runs in
        // that Debian.
        var offline = job("offline.yml", "offline");
        assertEquals("debian:bookworm", offline.get("container"));
        var steps = (List<Map<String, Object>>) offline.get("steps");
        var run =
                steps.indexOf(
                        steps.stream()
                                .filter(s -> "bash .ci/run".equals(s.get("run")))
                                .findFirst()
                                .orElseThrow());
        var sarif =
                steps.stream()
                        .filter(s -> "github/codeql-action/upload-sarif@v3".equals(s.get("uses")))
                        .findFirst()
                        .orElseThrow();
        assertTrue(steps.indexOf(sarif) > run);
        assertEquals(
                "plans/check.sarif", ((Map<String, Object>) sarif.get("with")).get("sarif_file"));
        assertTrue(
                sarif.get("if").toString().startsWith("always() && "),
                "violations fail .ci/run; they are uploaded anyway");
    }

    /** The deployable stacks, read from the stack files here independently of the launcher: every environment but local. */
    @SuppressWarnings("unchecked")
    static Map<String, String> deployableStacksAndEnvironments() throws IOException {
        var result = new TreeMap<String, String>();
        for (var stack : ProjectFiles.open(ROOT).stacks()) {
            var document =
                    (Map<String, Object>)
                            new Yaml(new SafeConstructor(new LoaderOptions()))
                                    .load(
                                            Files.readString(
                                                    ROOT.resolve("Pulumi." + stack + ".yaml")));
            var config = (Map<String, Object>) document.get("config");
            var environment = config.get("labstacks:environment").toString();
            var deploy =
                    config.containsKey("labstacks:deploy")
                            ? (Boolean) config.get("labstacks:deploy")
                            : !environment.equals("local");
            if (deploy) {
                result.put(stack, environment);
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> job(String workflow, String job) throws IOException {
        return (Map<String, Object>)
                ((Map<String, Object>) workflow(workflow).get("jobs")).get(job);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPulumiWorkflowTakesItsMatrixFromTheDeployableList() throws IOException {
        var expected = deployableStacksAndEnvironments();
        assertTrue(
                !expected.containsKey("moderate-local") && !expected.containsKey("biositing-local"),
                expected.toString());
        // drift: every deployable stack, listed by the launcher itself.
        var list =
                ((List<Map<String, Object>>) job("drift.yml", "stacks").get("steps"))
                        .stream().filter(s -> "list".equals(s.get("id"))).findFirst().orElseThrow();
        var command = list.get("run").toString();
        assertTrue(
                command.contains("stacks=\"$(./labstacks stacks --deployable --json)\"\n"),
                command);
        var result = StacksCommandTest.run(ROOT, "stacks", "--deployable", "--json");
        assertEquals(0, result.code(), result.err());
        var listed = new TreeMap<String, String>();
        JsonParser.parseString(result.out())
                .getAsJsonArray()
                .forEach(
                        e ->
                                listed.put(
                                        e.getAsJsonObject().get("stack").getAsString(),
                                        e.getAsJsonObject().get("environment").getAsString()));
        assertEquals(expected, listed);
        // preview and deploy: the deployable stacks whose plan changed, from the selection script.
        for (var name : List.of("preview.yml", "deploy.yml")) {
            var select =
                    ((List<Map<String, Object>>) job(name, "changes").get("steps"))
                            .stream()
                                    .filter(s -> "select".equals(s.get("id")))
                                    .findFirst()
                                    .orElseThrow();
            assertTrue(
                    select.get("run")
                            .toString()
                            .startsWith(
                                    "stacks=\"$(.github/ci/select-stacks plans/base.json plans/head.json "),
                    select.toString());
        }
        for (var entry :
                Map.of(
                                "preview.yml",
                                List.of("preview"),
                                "deploy.yml",
                                List.of("preview", "up"),
                                "drift.yml",
                                List.of("drift"))
                        .entrySet()) {
            for (var jobName : entry.getValue()) {
                var matrixJob = job(entry.getKey(), jobName);
                var source = entry.getKey().equals("drift.yml") ? "stacks" : "changes";
                var matrix =
                        (Map<String, Object>)
                                ((Map<String, Object>) matrixJob.get("strategy")).get("matrix");
                assertEquals(
                        Map.of("include", "${{ fromJSON(needs." + source + ".outputs.stacks) }}"),
                        matrix,
                        entry.getKey());
                assertEquals(
                        "needs." + source + ".outputs.stacks != '[]'",
                        matrixJob.get("if").toString(),
                        entry.getKey() + ": an empty list would be an invalid matrix");
            }
        }
    }

    /** The list steps as the runner runs them: {@code shell: bash} is {@code bash --noprofile --norc -eo pipefail {0}}. */
    @Test
    @SuppressWarnings("unchecked")
    void theStackListFailsOnABrokenStackFileWithItsMessage(@TempDir Path temp) throws Exception {
        var steps = new ArrayList<Map<String, Object>>();
        steps.add(
                ((List<Map<String, Object>>) job("drift.yml", "stacks").get("steps"))
                        .stream()
                                .filter(s -> "list".equals(s.get("id")))
                                .findFirst()
                                .orElseThrow());
        for (var name : List.of("preview.yml", "deploy.yml")) {
            steps.add(
                    ((List<Map<String, Object>>) job(name, "changes").get("steps"))
                            .stream()
                                    .filter(s -> "select".equals(s.get("id")))
                                    .findFirst()
                                    .orElseThrow());
        }
        // Stand-ins: ./labstacks answers as the real one does for a broken stack file
        // (StacksCommandTest),
        // git is not needed (the expressions are left empty), select-stacks is the real script.
        Files.createDirectories(temp.resolve(".github/ci"));
        Files.copy(
                ROOT.resolve(".github/ci/select-stacks"), temp.resolve(".github/ci/select-stacks"));
        temp.resolve(".github/ci/select-stacks").toFile().setExecutable(true);
        Files.writeString(
                temp.resolve("labstacks"),
                """
                #!/usr/bin/env bash
                if [[ -n "$FAKE_BROKEN" ]]; then
                  echo "error: Pulumi.bad.yaml: labstacks:deploy: expected true or false, got 'sometimes'" >&2; exit 1
                fi
                echo '[{"stack":"good","program":"sample","environment":"prod","deploy":true,"esc":[],"previewEsc":[]}]'
                """);
        temp.resolve("labstacks").toFile().setExecutable(true);
        for (var step : steps) {
            assertEquals(
                    "bash", step.get("shell"), "an explicit shell: bash runs with -eo pipefail");
            var script = temp.resolve("step.sh");
            Files.writeString(
                    script, step.get("run").toString().replaceAll("\\$\\{\\{[^}]*}}", ""));
            for (var broken : List.of(true, false)) {
                var output = temp.resolve("github-output");
                Files.deleteIfExists(output);
                var builder =
                        new ProcessBuilder(
                                        "bash",
                                        "--noprofile",
                                        "--norc",
                                        "-eo",
                                        "pipefail",
                                        script.toString())
                                .directory(temp.toFile());
                builder.environment().put("GITHUB_OUTPUT", output.toString());
                builder.environment().put("FAKE_BROKEN", broken ? "1" : "");
                var process = builder.start();
                var err = new String(process.getErrorStream().readAllBytes());
                var code = process.waitFor();
                var written = Files.exists(output) ? Files.readString(output) : "";
                if (broken) {
                    assertTrue(code != 0, step + ": exit " + code);
                    assertEquals("", written, "nothing for the matrix to misread");
                    assertTrue(
                            err.contains("Pulumi.bad.yaml: labstacks:deploy"),
                            "the step shows the launcher's message: " + err);
                } else {
                    assertEquals(0, code, err);
                    assertTrue(written.startsWith("stacks=[{\"stack\":\"good\""), written);
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyWorkflowPinsOnePulumiCliVersion() throws IOException {
        var versions = new TreeSet<String>();
        for (var name : List.of("preview.yml", "deploy.yml", "drift.yml")) {
            var workflow = workflow(name);
            var version =
                    ((Map<String, Object>) workflow.get("env")).get("PULUMI_VERSION").toString();
            assertTrue(
                    version.matches("3\\.\\d+\\.\\d+"),
                    name + ": an exact version, not a range: " + version);
            versions.add(version);
            var installs =
                    steps(workflow).stream()
                            .filter(s -> "pulumi/actions@v6".equals(s.get("uses")))
                            .toList();
            assertTrue(!installs.isEmpty(), name);
            for (var install : installs) {
                assertEquals(
                        "${{ env.PULUMI_VERSION }}",
                        ((Map<String, Object>) install.get("with")).get("pulumi-version"),
                        name);
            }
        }
        // Exit code 7 for --expect-no-changes exists from v3.226.0 on (DriftWorkflowTest covers
        // both).
        assertEquals(1, versions.size(), versions.toString());
        var parts = versions.first().split("\\.");
        assertTrue(Integer.parseInt(parts[1]) >= 226, versions.toString());
    }

    /** Fork pull requests: the offline job leaves the plan diff, a workflow with a write token posts it. */
    @Test
    @SuppressWarnings("unchecked")
    void forkPullRequestsGetTheOfflinePlanDiffAsTheirComment() throws IOException {
        var planDiff = job("offline.yml", "plan-diff");
        assertEquals("github.event_name == 'pull_request'", planDiff.get("if"));
        var run =
                ((List<Map<String, Object>>) planDiff.get("steps"))
                        .stream()
                                .map(s -> String.valueOf(s.get("run")))
                                .filter(r -> r.contains("./labstacks diff"))
                                .findFirst()
                                .orElseThrow();
        assertTrue(run.contains("--format markdown") && run.contains("$GITHUB_STEP_SUMMARY"), run);
        var comment = workflow("pr-comment.yml");
        var triggers = (Map<String, Object>) comment.getOrDefault("on", comment.get(true));
        assertEquals(
                Map.of("workflows", List.of("offline"), "types", List.of("completed")),
                triggers.get("workflow_run"));
        var job = job("pr-comment.yml", "plan-diff");
        assertTrue(
                job.get("if").toString().contains("head_repository.full_name != github.repository"),
                "forks only");
        var steps = (List<Map<String, Object>>) job.get("steps");
        var checkout =
                steps.stream()
                        .filter(s -> "actions/checkout@v5".equals(s.get("uses")))
                        .findFirst()
                        .orElseThrow();
        assertTrue(
                !checkout.containsKey("with"),
                "the base repository's code, never the fork's: " + checkout);
        var post =
                steps.stream()
                        .map(s -> String.valueOf(s.get("run")))
                        .filter(r -> r.contains("upsert-comment"))
                        .findFirst()
                        .orElseThrow();
        assertTrue(
                post.contains("head.sha") && post.contains("workflow_run.head_sha"),
                "the diff is posted only on the pull request whose head it was made from: " + post);
    }

    @Test
    @SuppressWarnings("unchecked")
    void concurrencyNeverCancelsADeployAndKeepsTheCommentFresh() throws IOException {
        var preview = (Map<String, Object>) workflow("preview.yml").get("concurrency");
        assertEquals("preview-${{ github.event.pull_request.number }}", preview.get("group"));
        assertEquals(
                true,
                preview.get("cancel-in-progress"),
                "an older run never overwrites a newer comment");
        var up = (Map<String, Object>) job("deploy.yml", "up").get("concurrency");
        assertEquals("deploy-${{ matrix.stack }}", up.get("group"));
        assertEquals(false, up.get("cancel-in-progress"));
        var drift = (Map<String, Object>) job("drift.yml", "drift").get("concurrency");
        assertTrue(
                !drift.get("group").toString().startsWith("deploy-"),
                "drift never queues in deploy's group");
        for (var name : WORKFLOWS) {
            assertTrue(
                    !Files.readString(ROOT.resolve(".github/workflows/" + name))
                                    .contains("group: deploy-")
                            || name.equals("deploy.yml"),
                    name + " shares deploy's group");
        }
        assertTrue(
                !workflow("deploy.yml").containsKey("concurrency"),
                "no workflow-level group that could cancel a deploy");
    }

    @Test
    @SuppressWarnings("unchecked")
    void deployWaitsForTheOfflineChecksAndDeploysTheJarTheyTested() throws IOException {
        var offline = job("deploy.yml", "offline");
        assertEquals("./.github/workflows/offline.yml", offline.get("uses"));
        assertEquals(Map.of("upload-jar", true), offline.get("with"));
        var up = job("deploy.yml", "up");
        assertTrue(
                ((List<String>) up.get("needs")).containsAll(List.of("offline", "preview")),
                up.get("needs").toString());
        // The real preview runs before the approval gate, without the gate's environment (and its
        // deploy token).
        var previewJob = job("deploy.yml", "preview");
        assertTrue(!previewJob.containsKey("environment"), "the preview needs no approval");
        assertTrue(
                ((List<Map<String, Object>>) previewJob.get("steps"))
                        .stream()
                                .anyMatch(
                                        s ->
                                                String.valueOf(s.get("run"))
                                                        .startsWith(".github/ci/preview-stack ")),
                previewJob.toString());
        assertTrue(up.containsKey("environment"));

        var offlineWorkflow = workflow("offline.yml");
        var triggers =
                (Map<String, Object>) offlineWorkflow.getOrDefault("on", offlineWorkflow.get(true));
        assertTrue(triggers.containsKey("workflow_call"), "offline.yml is reusable");
        // The artifact is uploaded after .ci/run, whose `mvn -B verify` built the jar after every
        // test passed.
        var offlineSteps = (List<Map<String, Object>>) job("offline.yml", "offline").get("steps");
        var ci =
                offlineSteps.indexOf(
                        offlineSteps.stream()
                                .filter(s -> "bash .ci/run".equals(s.get("run")))
                                .findFirst()
                                .orElseThrow());
        var upload =
                offlineSteps.stream()
                        .filter(
                                s ->
                                        "actions/upload-artifact@v4".equals(s.get("uses"))
                                                && "labstacks-jar"
                                                        .equals(
                                                                ((Map<String, Object>)
                                                                                s.get("with"))
                                                                        .get("name")))
                        .findFirst()
                        .orElseThrow();
        assertTrue(offlineSteps.indexOf(upload) > ci);
        var uploaded = (Map<String, Object>) upload.get("with");
        assertEquals("launcher/target/labstacks.jar", uploaded.get("path"));

        var upSteps = (List<Map<String, Object>>) up.get("steps");
        var download =
                upSteps.stream()
                        .filter(s -> "actions/download-artifact@v4".equals(s.get("uses")))
                        .findFirst()
                        .orElseThrow();
        assertEquals(
                uploaded.get("name"), ((Map<String, Object>) download.get("with")).get("name"));
        assertEquals("launcher/target", ((Map<String, Object>) download.get("with")).get("path"));
        for (var step : upSteps) {
            assertTrue(
                    !String.valueOf(step.get("run")).contains("skipTests"),
                    "no jar built with tests skipped: " + step);
        }
        // ./labstacks rebuilds (tests skipped) a jar older than the sources: the tested one is
        // touched first.
        var build =
                upSteps.stream()
                        .filter(s -> String.valueOf(s.get("run")).contains("./labstacks build"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("touch launcher/target/labstacks.jar && ./labstacks build", build.get("run"));
        assertTrue(upSteps.indexOf(build) > upSteps.indexOf(download));
        var upStep =
                upSteps.stream()
                        .filter(s -> "pulumi/actions@v6".equals(s.get("uses")))
                        .findFirst()
                        .orElseThrow();
        assertTrue(upSteps.indexOf(upStep) > upSteps.indexOf(download));
        assertEquals("up", ((Map<String, Object>) upStep.get("with")).get("command"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGitHubEnvironmentFollowsLabstacksEnvironment() throws IOException {
        var expression = job("deploy.yml", "up").get("environment").toString();
        // ${{ contains(fromJSON('["prod","production"]'), matrix.environment) && 'production' ||
        // 'non-production' }}
        var matcher =
                Pattern.compile(
                                "\\$\\{\\{ contains\\(fromJSON\\('(\\[.*])'\\), matrix\\.environment\\) && 'production' \\|\\| 'non-production' }}")
                        .matcher(expression);
        assertTrue(matcher.matches(), expression);
        var productionEnvironments =
                JsonParser.parseString(matcher.group(1)).getAsJsonArray().asList().stream()
                        .map(e -> e.getAsString())
                        .toList();
        var githubEnvironment = new TreeMap<String, String>();
        deployableStacksAndEnvironments()
                .forEach(
                        (stack, environment) ->
                                githubEnvironment.put(
                                        stack,
                                        productionEnvironments.contains(environment)
                                                ? "production"
                                                : "non-production"));
        assertEquals("production", githubEnvironment.get("pipeweave-production"));
        // Paused until adopted (Pulumi.megatests-prod.yaml labstacks:deploy: false): not in the
        // matrix at all.
        assertEquals(null, githubEnvironment.get("megatests-prod"));
        assertEquals("production", githubEnvironment.get("igenomes-prod"));
        assertEquals("non-production", githubEnvironment.get("pipeweave-staging"));
        assertEquals("non-production", githubEnvironment.get("pipeweave-development"));
        // The environment the workflows read is the stack name's (issue 23: a setting saying
        // otherwise is
        // refused by the launcher), so the GitHub environment and its reviewers follow the stack
        // name.
        var listed =
                JsonParser.parseString(
                                StacksCommandTest.run(ROOT, "stacks", "--deployable", "--json")
                                        .out())
                        .getAsJsonArray();
        for (var element : listed) {
            var entry = element.getAsJsonObject();
            assertTrue(
                    entry.get("stack")
                            .getAsString()
                            .endsWith("-" + entry.get("environment").getAsString()),
                    entry.toString());
        }

        // One comment for every stack, also when a preview failed: the comment job runs always().
        var comment = job("preview.yml", "comment");
        assertTrue(comment.get("if").toString().startsWith("always()"), comment.toString());
        assertTrue(
                ((List<Map<String, Object>>) comment.get("steps"))
                        .stream()
                                .anyMatch(
                                        s ->
                                                String.valueOf(s.get("run"))
                                                        .startsWith(
                                                                ".github/ci/preview-comment previews ")));
        var upload =
                ((List<Map<String, Object>>) job("preview.yml", "preview").get("steps"))
                        .stream()
                                .filter(s -> "actions/upload-artifact@v4".equals(s.get("uses")))
                                .findFirst()
                                .orElseThrow();
        assertEquals("always()", upload.get("if"), "a failed preview's output reaches the comment");
        // The deploy token is a secret of the approval-gated GitHub environments only.
        var upStep =
                ((List<Map<String, Object>>) job("deploy.yml", "up").get("steps"))
                        .stream()
                                .filter(s -> "pulumi/actions@v6".equals(s.get("uses")))
                                .findFirst()
                                .orElseThrow();
        assertEquals(
                "${{ secrets.PULUMI_DEPLOY_TOKEN }}",
                ((Map<String, Object>) upStep.get("env")).get("PULUMI_ACCESS_TOKEN"));
        for (var name : List.of("preview.yml", "drift.yml")) {
            assertTrue(
                    !Files.readString(ROOT.resolve(".github/workflows/" + name))
                            .contains("PULUMI_DEPLOY_TOKEN"),
                    name);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEngineRunsTheJarWithTheWrappersJvmOptions() throws IOException {
        var options = ROOT.resolve("launcher/jvm.options");
        assertTrue(Files.isRegularFile(options));
        assertTrue(
                Files.readString(ROOT.resolve("labstacks")).contains("launcher/jvm.options"),
                "the wrapper reads them");
        for (var name : List.of("preview.yml", "deploy.yml", "drift.yml")) {
            var engineSteps =
                    steps(workflow(name)).stream()
                            .filter(
                                    s ->
                                            s.containsKey("with")
                                                            && ((Map<String, Object>) s.get("with"))
                                                                    .containsKey("command")
                                                    || String.valueOf(s.get("run"))
                                                            .contains("check-stack")
                                                    || String.valueOf(s.get("run"))
                                                            .contains("preview-stack"))
                            .toList();
            assertTrue(!engineSteps.isEmpty(), name);
            for (var step : engineSteps) {
                assertEquals(
                        "@launcher/jvm.options",
                        ((Map<String, Object>) step.get("env")).get("JDK_JAVA_OPTIONS"),
                        name);
            }
        }
        // Locally only the CLI's JVMs get them: bin/pulumi (first on PATH through .envrc), never
        // the whole shell.
        var envrc = Files.readString(ROOT.resolve(".envrc"));
        assertTrue(envrc.contains("export PATH=\"$PWD/bin:$PATH\""), envrc);
        assertFalse(envrc.contains("export JDK_JAVA_OPTIONS"), envrc);
        assertTrue(
                Files.readString(ROOT.resolve("bin/pulumi"))
                        .contains("JDK_JAVA_OPTIONS=\"@$root/launcher/jvm.options"));
    }
}
