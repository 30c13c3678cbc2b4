package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .github/ci/select-stacks, the script that decides which stacks preview.yml and deploy.yml run, on two
 * real plans of the repository's stacks, in a git repository holding copies of its stack files and ESC
 * definitions; {@code ./labstacks} is the real launcher (this test's classpath) in a subprocess.
 */
class SelectStacksTest {
    private static final Path ROOT = WorkflowsTest.ROOT;
    private static String basePlan;

    @TempDir Path temp;

    @BeforeAll
    static void planEveryStack(@TempDir Path dir) throws IOException {
        var file = dir.resolve("all.json");
        var result = LauncherRun.of(ROOT, "plan", "--all", "--json", file.toString());
        assertEquals(0, result.code(), result.err());
        basePlan = Files.readString(file);
    }

    private record Selection(int code, List<String> stacks, String summary, String err) {}

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        var process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }

    /** A git repository with the stack files and ESC definitions, one commit; returns that commit. */
    private String repository() throws IOException, InterruptedException {
        try (var files = Files.list(ROOT)) {
            for (var file : files.toList()) {
                var name = file.getFileName().toString();
                if (name.startsWith("Pulumi.") && name.endsWith(".yaml")) {
                    Files.copy(file, temp.resolve(name));
                } else if (Files.isDirectory(file.resolve("esc"))) {
                    var esc = Files.createDirectories(temp.resolve(name).resolve("esc"));
                    try (var definitions = Files.list(file.resolve("esc"))) {
                        for (var definition : definitions.toList()) {
                            Files.copy(definition, esc.resolve(definition.getFileName()));
                        }
                    }
                }
            }
        }
        Files.createDirectories(temp.resolve(".github/ci"));
        var script = temp.resolve(".github/ci/select-stacks");
        Files.copy(ROOT.resolve(".github/ci/select-stacks"), script);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        var launcher = temp.resolve("labstacks");
        // With the JVM options ./labstacks runs the jar with (its archive is not found here; the
        // JVM then skips it).
        Files.writeString(
                launcher,
                "#!/usr/bin/env bash\nexec java @"
                        + ROOT.resolve("launcher/jvm.options")
                        + " -cp \"$TEST_CLASSPATH\" labstacks.launcher.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        git("init", "-q");
        git("add", "-A");
        git("commit", "-q", "-m", "base");
        return head();
    }

    private void git(String... args) throws IOException, InterruptedException {
        var command =
                new ArrayList<>(
                        List.of(
                                "git",
                                "-c",
                                "user.name=test",
                                "-c",
                                "user.email=test@example.org",
                                "-c",
                                "commit.gpgsign=false"));
        command.addAll(List.of(args));
        run(temp, command.toArray(String[]::new));
    }

    private String head() throws IOException, InterruptedException {
        var process =
                new ProcessBuilder("git", "rev-parse", "HEAD").directory(temp.toFile()).start();
        var sha =
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor();
        return sha;
    }

    private Selection select(String base, String head, String baseCommit)
            throws IOException, InterruptedException {
        var basePath = temp.resolve("plans/base.json");
        var headPath = temp.resolve("plans/head.json");
        Files.createDirectories(basePath.getParent());
        Files.deleteIfExists(basePath);
        if (base != null) {
            Files.writeString(basePath, base);
        }
        Files.writeString(headPath, head);
        var summary = temp.resolve("summary.md");
        Files.deleteIfExists(summary);
        var builder =
                new ProcessBuilder(
                                ".github/ci/select-stacks",
                                "plans/base.json",
                                "plans/head.json",
                                baseCommit)
                        .directory(temp.toFile());
        builder.environment().put("TEST_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
        var process = builder.start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        var code = process.waitFor();
        var stacks = new ArrayList<String>();
        if (code == 0) {
            JsonParser.parseString(out)
                    .getAsJsonArray()
                    .forEach(e -> stacks.add(e.getAsJsonObject().get("stack").getAsString()));
            assertEquals(1, out.strip().lines().count(), "one line for $GITHUB_OUTPUT: " + out);
        }
        return new Selection(
                code, stacks, Files.exists(summary) ? Files.readString(summary) : "", err);
    }

    /** The base plan with one input of one resource of {@code stack} changed. */
    private static String withChangedTag(String stack) {
        var plans = JsonParser.parseString(basePlan).getAsJsonArray();
        for (var element : plans) {
            var plan = element.getAsJsonObject();
            if (plan.get("stack").getAsString().equals(stack)) {
                for (var resource : plan.getAsJsonArray("resources")) {
                    var inputs = resource.getAsJsonObject().getAsJsonObject("inputs");
                    if (inputs.has("tags") && inputs.get("tags").isJsonObject()) {
                        inputs.getAsJsonObject("tags").addProperty("team", "someone-else");
                        return plans.toString();
                    }
                }
            }
        }
        throw new AssertionError(stack + " has no tagged resource");
    }

    @Test
    void onlyTheStackWhosePlanChangedIsSelected() throws Exception {
        var commit = repository();
        var selection = select(basePlan, withChangedTag("pipeweave-staging"), commit);
        assertEquals(0, selection.code(), selection.err());
        assertEquals(List.of("pipeweave-staging"), selection.stacks());
        assertTrue(
                selection.summary().contains("| pipeweave-staging | changed | 0 | 0 | 1 | 0 |"),
                selection.summary());
        assertTrue(
                selection.summary().contains("| pipeweave-production | unchanged |"),
                selection.summary());

        var same = select(basePlan, basePlan, commit);
        assertEquals(List.of(), same.stacks(), "a README-only change deploys nothing");
    }

    @Test
    void aChangedStackFileOrEscDefinitionSelectsItsStackEvenWithTheSamePlan() throws Exception {
        var commit = repository();
        // An encrypted value changes nothing in the offline plan, but the deployment.
        Files.writeString(
                temp.resolve("Pulumi.igenomes-prod.yaml"),
                Files.readString(temp.resolve("Pulumi.igenomes-prod.yaml"))
                        + "  igenomes:unused:\n    secure: v1:abc\n");
        Files.writeString(
                temp.resolve("pipeweave/esc/pipeweave-staging-preview.yaml"),
                Files.readString(temp.resolve("pipeweave/esc/pipeweave-staging-preview.yaml"))
                        + "# another role\n");
        git("commit", "-q", "-am", "change");
        var selection = select(basePlan, basePlan, commit);
        assertEquals(0, selection.code(), selection.err());
        assertEquals(List.of("igenomes-prod", "pipeweave-staging"), selection.stacks());
    }

    @Test
    void withoutABasePlanOrWithAFailedOneTheStacksAreSelected() throws Exception {
        var commit = repository();
        var all = select(null, basePlan, commit);
        assertEquals(0, all.code(), all.err());
        assertEquals(
                List.copyOf(WorkflowsTest.deployableStacksAndEnvironments().keySet()),
                all.stacks());
        assertTrue(all.summary().contains("every deployable stack is previewed"), all.summary());

        var plans = JsonParser.parseString(basePlan).getAsJsonArray();
        for (var element : plans) {
            var plan = element.getAsJsonObject();
            if (plan.get("stack").getAsString().equals("moderate-prod")) {
                plan.add("resources", new JsonArray());
                var errors = new JsonArray();
                errors.add("moderate:namespace: not set");
                plan.add("errors", errors);
            }
        }
        var failed = select(plans.toString(), basePlan, commit);
        assertEquals(
                List.of("moderate-prod"), failed.stacks(), "cannot tell is previewed, not skipped");
    }

    @Test
    void aBrokenStackFileFailsTheSelection() throws Exception {
        var commit = repository();
        Files.writeString(
                temp.resolve("Pulumi.pipeweave-staging.yaml"),
                Files.readString(temp.resolve("Pulumi.pipeweave-staging.yaml"))
                        + "  labstacks:deploy: sometimes\n");
        var selection = select(basePlan, basePlan, commit);
        assertTrue(selection.code() != 0);
        assertTrue(selection.err().contains("labstacks:deploy"), selection.err());
    }
}
