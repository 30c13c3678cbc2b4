package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * drift.yml and the script it runs per stack. The script runs here for real, with {@code pulumi},
 * {@code gh} and {@code ./labstacks} replaced by recorders on PATH, answering as two CLI generations do.
 *
 * <p>What the CLI does (pulumi/pulumi, read at tag v3.259.0): {@code pulumi preview --json} prints one
 * {@code PreviewDigest} on stdout with {@code steps} and {@code changeSummary} (op to count;
 * pkg/display/json.go), errors go to stderr. With {@code --expect-no-changes} and a change, v3.226.0 and
 * later exit 7 ({@code ExitNoChanges}, pkg/cmd/pulumi/cmd/exit_codes.go) with "no changes were expected
 * for preview but changes were proposed" (pkg/backend/backenderr/backenderr.go); v3.225.0 and earlier
 * exit 255 ({@code os.Exit(-1)}, sdk/go/common/util/cmdutil/exit.go) with "error: no changes were
 * expected but changes were proposed" (pkg/cmd/pulumi/operations/preview.go).
 */
class DriftWorkflowTest {
    private static final Path SCRIPT = WorkflowsTest.ROOT.resolve(".github/drift/check-stack");
    private static final String DRIFT_JSON =
            """
            {
                "steps": [
                    {"op": "same", "urn": "urn:pulumi:megatests-prod::labstacks::pulumi:pulumi:Stack::labstacks-megatests-prod"},
                    {"op": "update", "urn": "urn:pulumi:megatests-prod::labstacks::aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2::megatests-lifecycle",
                     "diffReasons": ["rules"], "detailedDiff": {"rules[0].expiration.days": {"kind": "update", "inputDiff": false}}}
                ],
                "duration": 5000000000,
                "changeSummary": {"same": 32, "update": 1}
            }
            """;
    private static final String CLEAN_JSON = "{\"steps\": [], \"changeSummary\": {\"same\": 15}}\n";
    private static final String NEW_WORDING =
            "error: no changes were expected for preview but changes were proposed\n";
    private static final String OLD_WORDING =
            "error: error: no changes were expected but changes were proposed\n";

    @TempDir Path temp;
    private Path log;
    private Path summary;

    private record Run(int code, List<String> calls, String summary) {}

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @BeforeEach
    void fakes() throws IOException {
        log = temp.resolve("calls.log");
        summary = temp.resolve("summary.md");
        var bin = Files.createDirectories(temp.resolve("bin"));
        // Each fake records its command line and answers from environment variables the test sets;
        // pulumi
        // also records which ESC environments the stack file attached when it ran.
        executable(
                bin.resolve("pulumi"),
                """
                #!/usr/bin/env bash
                echo "pulumi $*" >> "$CALLS"
                grep -h 'labstacks/' Pulumi.*.yaml | sed 's/^ */attached /' >> "$CALLS"
                printf '%s' "$FAKE_PREVIEW_JSON"
                printf '%s' "$FAKE_PREVIEW_ERR" >&2
                exit "$FAKE_PREVIEW_STATUS"
                """);
        executable(
                bin.resolve("gh"),
                """
                #!/usr/bin/env bash
                echo "gh $*" >> "$CALLS"
                if [[ "$1 $2" == "issue list" ]]; then printf '%s' "$FAKE_OPEN_ISSUE"; fi
                """);
        executable(
                bin.resolve("labstacks"),
                """
                #!/usr/bin/env bash
                echo "labstacks $*" >> "$CALLS"
                echo "genome GRCh38: 3/3 paths present"
                exit "$FAKE_INVENTORY_STATUS"
                """);
    }

    private Run check(
            String stack,
            String program,
            int previewStatus,
            String json,
            String stderr,
            String openIssue,
            int inventoryStatus)
            throws IOException, InterruptedException {
        Files.writeString(
                temp.resolve("Pulumi." + stack + ".yaml"),
                "environment:\n  - labstacks/"
                        + stack
                        + "\nconfig:\n  labstacks:program: "
                        + program
                        + "\n");
        var builder =
                new ProcessBuilder("bash", SCRIPT.toString(), stack, program)
                        .directory(temp.toFile())
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
        env.put("FAKE_PREVIEW_JSON", json);
        env.put("FAKE_PREVIEW_ERR", stderr);
        env.put("FAKE_OPEN_ISSUE", openIssue);
        env.put("FAKE_INVENTORY_STATUS", String.valueOf(inventoryStatus));
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var code = process.waitFor();
        var calls = Files.exists(log) ? Files.readAllLines(log) : List.<String>of();
        return new Run(code, calls, Files.exists(summary) ? Files.readString(summary) : output);
    }

    @Test
    void aDriftingStackGetsOneIssueWithTheChangedPropertiesWithTheNewCli() throws Exception {
        var run = check("megatests-prod", "megatests", 7, DRIFT_JSON, NEW_WORDING, "", 0);
        assertEquals(1, run.code(), run.toString());
        assertEquals(
                "pulumi preview --stack nf-core/labstacks/megatests-prod --refresh --expect-no-changes --json"
                        + " --non-interactive",
                run.calls().get(0));
        assertEquals(
                "attached - labstacks/megatests-prod-preview",
                run.calls().get(1),
                "the drift check opens the read-only environment");
        assertTrue(
                run.calls().stream()
                        .anyMatch(
                                c ->
                                        c.startsWith("gh issue list --state open --label drift")
                                                && c.contains(
                                                        "select(.title == \"Drift: stack megatests-prod\")")),
                run.calls().toString());
        assertTrue(
                run.calls()
                        .contains(
                                "gh label create drift --color D93F0B --description live infrastructure differs"
                                        + " from the program --force"),
                run.calls().toString());
        assertTrue(
                run.calls().stream()
                        .anyMatch(
                                c ->
                                        c.startsWith(
                                                "gh issue create --title Drift: stack megatests-prod"
                                                        + " --label drift --body-file ")),
                run.calls().toString());
        assertFalse(
                run.calls().stream()
                        .anyMatch(
                                c ->
                                        c.startsWith("gh issue comment")
                                                || c.startsWith("gh issue close")));
        assertFalse(
                run.calls().stream().anyMatch(c -> c.startsWith("labstacks")),
                "only igenomes runs the inventory");
        assertTrue(run.summary().contains("## megatests-prod: drift"), run.summary());
        assertTrue(run.summary().contains("proposes changes (1 to update)"), run.summary());
        assertTrue(
                run.summary()
                        .contains(
                                "update urn:pulumi:megatests-prod::labstacks::aws:s3/bucketLifecycleConfigurationV2:"
                                        + "BucketLifecycleConfigurationV2::megatests-lifecycle\n    rules[0].expiration.days"),
                run.summary());
    }

    @Test
    void theOldCliWordingAndExitCodeAreDriftToo() throws Exception {
        var run = check("megatests-prod", "megatests", 255, DRIFT_JSON, OLD_WORDING, "", 0);
        assertEquals(1, run.code(), run.toString());
        assertTrue(
                run.calls().stream().anyMatch(c -> c.startsWith("gh issue create")),
                run.calls().toString());
    }

    @Test
    void aStillDriftingStackCommentsOnItsOpenIssue() throws Exception {
        var run = check("megatests-prod", "megatests", 7, DRIFT_JSON, NEW_WORDING, "17", 0);
        assertEquals(1, run.code());
        assertTrue(
                run.calls().stream()
                        .anyMatch(c -> c.startsWith("gh issue comment 17 --body-file ")),
                run.calls().toString());
        assertFalse(
                run.calls().stream().anyMatch(c -> c.startsWith("gh issue create")),
                run.calls().toString());
    }

    @Test
    void aCleanStackClosesItsIssue() throws Exception {
        var run = check("pipeweave-production", "pipeweave", 0, CLEAN_JSON, "", "23", 0);
        assertEquals(0, run.code(), run.toString());
        assertTrue(
                run.calls().stream()
                        .anyMatch(c -> c.startsWith("gh issue close 23 --comment Clean again")),
                run.calls().toString());
        assertTrue(run.summary().contains("## pipeweave-production: clean"), run.summary());

        var quiet = check("pipeweave-staging", "pipeweave", 0, CLEAN_JSON, "", "", 0);
        assertEquals(0, quiet.code());
        assertFalse(
                quiet.calls().stream()
                        .anyMatch(c -> c.startsWith("gh issue close") && c.contains("staging")));
    }

    @Test
    void aPreviewThatCannotRunLeavesTheIssueAlone() throws Exception {
        // Old CLI: 255 for every error; new CLI: 3 for credentials. Neither is drift, whatever the
        // JSON holds.
        for (var status : List.of(255, 3, 1)) {
            var run =
                    check(
                            "moderate-prod",
                            "moderate-infra",
                            status,
                            "{\"changeSummary\": {\"update\": 2}}",
                            "error: failed to load kubeconfig: context \"moderate-prod\" does not exist\n",
                            "31",
                            0);
            assertEquals(2, run.code(), run.toString());
            assertFalse(
                    run.calls().stream()
                            .anyMatch(
                                    c ->
                                            c.startsWith("gh issue close")
                                                    || c.startsWith("gh issue create")
                                                    || c.startsWith("gh issue comment")),
                    run.calls().toString());
            assertTrue(run.summary().contains("## moderate-prod: check failed"), run.summary());
            assertTrue(
                    run.summary().contains("does not exist"),
                    "the error is in the summary: " + run.summary());
            Files.delete(summary);
            Files.delete(log);
        }
    }

    @Test
    void reportedChangesWithoutASummaryCannotBeTold() throws Exception {
        var run = check("moderate-prod", "moderate-infra", 7, "", NEW_WORDING, "31", 0);
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.summary().contains("JSON change summary is missing"), run.summary());
        var empty = check("moderate-prod", "moderate-infra", 0, "not json", "", "31", 0);
        assertEquals(2, empty.code(), "exit 0 without a readable summary is not clean: " + empty);
    }

    @Test
    void igenomesAlsoChecksTheCatalogAgainstTheBucket() throws Exception {
        var run =
                check(
                        "igenomes-prod",
                        "igenomes",
                        0,
                        "{\"changeSummary\": {\"same\": 3}}",
                        "",
                        "",
                        1);
        assertEquals(
                1,
                run.code(),
                "a genome missing from the bucket is drift even when the preview is clean");
        assertTrue(run.calls().contains("labstacks igenomes-inventory"), run.calls().toString());
        assertTrue(
                run.calls().stream()
                        .anyMatch(
                                c ->
                                        c.startsWith(
                                                "gh issue create --title Drift: stack igenomes-prod")));
        assertTrue(
                run.summary().contains("igenomes-inventory: genomes of the catalog are missing"),
                run.summary());
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
        assertTrue(
                cron[2].equals("*") && cron[3].equals("*") && cron[4].equals("*"),
                "every day: " + String.join(" ", cron));
        assertTrue(triggers.containsKey("workflow_dispatch"));
        assertEquals(Map.of("contents", "read", "issues", "write"), workflow.get("permissions"));
        var drift = WorkflowsTest.job("drift.yml", "drift");
        var steps = (List<Map<String, Object>>) drift.get("steps");
        var check =
                steps.stream()
                        .filter(s -> String.valueOf(s.get("run")).contains("check-stack"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(
                ".github/drift/check-stack \"${{ matrix.stack }}\" \"${{ matrix.program }}\"",
                check.get("run"));
        var env = (Map<String, Object>) check.get("env");
        assertEquals("${{ secrets.GITHUB_TOKEN }}", env.get("GH_TOKEN"));
        assertEquals("${{ secrets.PULUMI_ACCESS_TOKEN }}", env.get("PULUMI_ACCESS_TOKEN"));
        // The CLI comes from the action, at the pinned version; without a command it only installs
        // it.
        var install =
                steps.stream()
                        .filter(s -> "pulumi/actions@v6".equals(s.get("uses")))
                        .findFirst()
                        .orElseThrow();
        assertTrue(steps.indexOf(install) < steps.indexOf(check));
        assertEquals(Map.of("pulumi-version", "${{ env.PULUMI_VERSION }}"), install.get("with"));
        // Its own group: GitHub keeps one pending job per group, so sharing deploy's would let a
        // queued
        // drift check cancel a pending deploy.
        assertEquals(
                "drift-${{ matrix.stack }}",
                ((Map<String, Object>) drift.get("concurrency")).get("group"));
        assertTrue(Files.isExecutable(SCRIPT));
    }
}
