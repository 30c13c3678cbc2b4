package labstacks.launcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * drift.yml and the script it runs per stack. The script runs here for real, with {@code pulumi},
 * {@code gh} and {@code ./labstacks} replaced by recorders on PATH. The CLI message it recognizes comes
 * from pulumi/pulumi (pkg/cmd/pulumi: "error: no changes were expected but changes were proposed"
 * when {@code --expect-no-changes} sees a change).
 */
class DriftWorkflowTest {
    private static final Path SCRIPT = WorkflowsTest.ROOT.resolve(".github/drift/check-stack");
    private static final String DRIFT_OUTPUT = """
            Previewing update (nf-core/labstacks/megatests-prod):
              ~ aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2: (update)
                  ~ rules: [
                      ~ [0]: {
                              ~ expiration: { days: 30 => 14 }
                        }
                    ]
            error: no changes were expected but changes were proposed
            """;

    @TempDir
    Path temp;
    private Path log;
    private Path summary;

    private record Run(int code, List<String> calls, String summary) {
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @BeforeEach
    void fakes() throws IOException {
        log = temp.resolve("calls.log");
        summary = temp.resolve("summary.md");
        var bin = Files.createDirectories(temp.resolve("bin"));
        // Each fake records its command line and answers from environment variables the test sets.
        executable(bin.resolve("pulumi"), """
                #!/usr/bin/env bash
                echo "pulumi $*" >> "$CALLS"
                printf '%s' "$FAKE_PREVIEW_OUTPUT"
                exit "$FAKE_PREVIEW_STATUS"
                """);
        executable(bin.resolve("gh"), """
                #!/usr/bin/env bash
                echo "gh $*" >> "$CALLS"
                if [[ "$1 $2" == "issue list" ]]; then printf '%s' "$FAKE_OPEN_ISSUE"; fi
                """);
        executable(bin.resolve("labstacks"), """
                #!/usr/bin/env bash
                echo "labstacks $*" >> "$CALLS"
                echo "genome GRCh38: 3/3 paths present"
                exit "$FAKE_INVENTORY_STATUS"
                """);
    }

    private Run check(String stack, String program, int previewStatus, String previewOutput, String openIssue,
                      int inventoryStatus) throws IOException, InterruptedException {
        var builder = new ProcessBuilder("bash", SCRIPT.toString(), stack, program).directory(temp.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", temp.resolve("bin") + ":" + env.get("PATH"));
        env.put("CALLS", log.toString());
        env.put("LABSTACKS", temp.resolve("bin/labstacks").toString());
        env.put("PULUMI_ORG", "nf-core");
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_REPOSITORY", "example/labstacks");
        env.put("GITHUB_RUN_ID", "42");
        env.put("FAKE_PREVIEW_STATUS", String.valueOf(previewStatus));
        env.put("FAKE_PREVIEW_OUTPUT", previewOutput);
        env.put("FAKE_OPEN_ISSUE", openIssue);
        env.put("FAKE_INVENTORY_STATUS", String.valueOf(inventoryStatus));
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var code = process.waitFor();
        var calls = Files.exists(log) ? Files.readAllLines(log) : List.<String>of();
        return new Run(code, calls, Files.exists(summary) ? Files.readString(summary) : output);
    }

    @Test
    void aDriftingStackGetsOneIssueWithTheDiffAndTheRunFails() throws Exception {
        var run = check("megatests-prod", "megatests", 255, DRIFT_OUTPUT, "", 0);
        assertEquals(1, run.code(), run.toString());
        assertEquals("pulumi preview --stack nf-core/labstacks/megatests-prod --refresh --expect-no-changes --diff"
                + " --non-interactive --color never", run.calls().get(0));
        assertTrue(run.calls().stream().anyMatch(c -> c.startsWith("gh issue list --state open --label drift")
                && c.contains("select(.title == \"Drift: stack megatests-prod\")")), run.calls().toString());
        assertTrue(run.calls().contains("gh label create drift --color D93F0B --description live infrastructure differs"
                + " from the program --force"), run.calls().toString());
        assertTrue(run.calls().stream().anyMatch(c -> c.startsWith("gh issue create --title Drift: stack megatests-prod"
                + " --label drift --body-file ")), run.calls().toString());
        assertFalse(run.calls().stream().anyMatch(c -> c.startsWith("gh issue comment") || c.startsWith("gh issue close")));
        assertFalse(run.calls().stream().anyMatch(c -> c.startsWith("labstacks")), "only igenomes runs the inventory");
        assertTrue(run.summary().contains("## megatests-prod: drift"), run.summary());
        assertTrue(run.summary().contains("~ expiration: { days: 30 => 14 }"), "the diff is in the job summary");
    }

    @Test
    void aStackStillDriftingCommentsOnItsOpenIssue() throws Exception {
        var run = check("megatests-prod", "megatests", 255, DRIFT_OUTPUT, "17", 0);
        assertEquals(1, run.code());
        assertTrue(run.calls().stream().anyMatch(c -> c.startsWith("gh issue comment 17 --body-file ")), run.calls().toString());
        assertFalse(run.calls().stream().anyMatch(c -> c.startsWith("gh issue create")), run.calls().toString());
    }

    @Test
    void aCleanStackClosesItsIssue() throws Exception {
        var run = check("pipeweave-production", "pipeweave", 0, "Resources:\n    15 unchanged\n", "23", 0);
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.calls().stream().anyMatch(c -> c.startsWith("gh issue close 23 --comment Clean again")),
                run.calls().toString());
        assertTrue(run.summary().contains("## pipeweave-production: clean"), run.summary());

        var quiet = check("pipeweave-staging", "pipeweave", 0, "Resources:\n    15 unchanged\n", "", 0);
        assertEquals(0, quiet.code());
        assertFalse(quiet.calls().stream().anyMatch(c -> c.startsWith("gh issue close") && c.contains("staging")));
    }

    @Test
    void aPreviewThatCannotRunLeavesTheIssueAlone() throws Exception {
        var run = check("moderate-prod", "moderate-infra", 255,
                "error: failed to load kubeconfig: context \"moderate-prod\" does not exist\n", "31", 0);
        assertEquals(2, run.code(), run.toString());
        assertFalse(run.calls().stream().anyMatch(c -> c.startsWith("gh issue close") || c.startsWith("gh issue create")
                || c.startsWith("gh issue comment")), run.calls().toString());
        assertTrue(run.summary().contains("## moderate-prod: check failed"), run.summary());
    }

    @Test
    void igenomesAlsoChecksTheCatalogAgainstTheBucket() throws Exception {
        var run = check("igenomes-prod", "igenomes", 0, "Resources:\n    3 unchanged\n", "", 1);
        assertEquals(1, run.code(), "a genome missing from the bucket is drift even when the preview is clean");
        assertTrue(run.calls().contains("labstacks igenomes-inventory"), run.calls().toString());
        assertTrue(run.calls().stream().anyMatch(c -> c.startsWith("gh issue create --title Drift: stack igenomes-prod")));
        assertTrue(run.summary().contains("igenomes-inventory: genomes of the catalog are missing"), run.summary());
        assertTrue(run.summary().contains("genome GRCh38: 3/3 paths present"), run.summary());
    }

    @Test
    @SuppressWarnings("unchecked")
    void driftRunsNightlyAndOnDemandAndMayWriteIssues() throws IOException {
        var workflow = WorkflowsTest.workflow("drift.yml");
        var triggers = (Map<String, Object>) workflow.getOrDefault("on", workflow.get(true));
        var schedule = (List<Map<String, Object>>) triggers.get("schedule");
        assertEquals(1, schedule.size());
        var cron = schedule.get(0).get("cron").toString().split(" ");
        assertEquals(5, cron.length);
        assertTrue(cron[2].equals("*") && cron[3].equals("*") && cron[4].equals("*"), "every day: " + String.join(" ", cron));
        assertTrue(triggers.containsKey("workflow_dispatch"));
        assertEquals(Map.of("contents", "read", "issues", "write"), workflow.get("permissions"));
        var drift = WorkflowsTest.job("drift.yml", "drift");
        var steps = (List<Map<String, Object>>) drift.get("steps");
        var check = steps.stream().filter(s -> String.valueOf(s.get("run")).contains("check-stack")).findFirst().orElseThrow();
        assertEquals(".github/drift/check-stack \"${{ matrix.stack }}\" \"${{ matrix.program }}\"", check.get("run"));
        var env = (Map<String, Object>) check.get("env");
        assertEquals("${{ secrets.GITHUB_TOKEN }}", env.get("GH_TOKEN"));
        assertEquals("${{ secrets.PULUMI_ACCESS_TOKEN }}", env.get("PULUMI_ACCESS_TOKEN"));
        // The CLI comes from the action; without a command it only installs it.
        var install = steps.stream().filter(s -> "pulumi/actions@v6".equals(s.get("uses"))).findFirst().orElseThrow();
        assertTrue(steps.indexOf(install) < steps.indexOf(check) && !install.containsKey("with"));
        assertEquals("pulumi-${{ matrix.stack }}", ((Map<String, Object>) drift.get("concurrency")).get("group"),
                "shares the deploy's lock");
        assertTrue(Files.isExecutable(SCRIPT));
    }
}
