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
 * The preview scripts of preview.yml and deploy.yml, run for real with stand-in {@code pulumi} and
 * {@code gh}: the read-only environment swap, one stack's preview, and the one pull-request comment.
 * {@code gh api --method PATCH repos/{repo}/issues/comments/{id}} and {@code POST
 * repos/{repo}/issues/{pr}/comments} are GitHub's REST endpoints for editing and creating an issue
 * (pull-request) comment; {@code -F body=@file} reads the field from a file (cli/cli, gh api --help).
 */
class PreviewCommentTest {
    private static final Path CI = WorkflowsTest.ROOT.resolve(".github/ci");

    @TempDir Path temp;
    private Path calls;

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @BeforeEach
    void fakes() throws IOException {
        calls = temp.resolve("calls.log");
        var bin = Files.createDirectories(temp.resolve("bin"));
        executable(
                bin.resolve("pulumi"),
                """
                #!/usr/bin/env bash
                echo "pulumi $*" >> "$CALLS"
                grep -h 'labstacks/' Pulumi.*.yaml | sed 's/^ */attached /' >> "$CALLS"
                printf '%s' "$FAKE_OUTPUT"
                exit "$FAKE_STATUS"
                """);
        // gh api: the comment list answers from FAKE_COMMENTS (ids, one per line, as --jq prints
        // them);
        // a PATCH or POST records the body it was given.
        executable(
                bin.resolve("gh"),
                """
                #!/usr/bin/env bash
                echo "gh $*" >> "$CALLS"
                for arg in "$@"; do
                  if [[ "$arg" == body=@* ]]; then cp "${arg#body=@}" "$BODY_COPY"; fi
                done
                if [[ "$*" == *"--paginate"* ]]; then printf '%s' "$FAKE_COMMENTS"; fi
                """);
    }

    private record Run(int code, String output, List<String> calls) {}

    private Run run(Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        var builder =
                new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true);
        builder.environment()
                .put("PATH", temp.resolve("bin") + ":" + builder.environment().get("PATH"));
        builder.environment().put("CALLS", calls.toString());
        builder.environment().put("BODY_COPY", temp.resolve("body-sent.md").toString());
        builder.environment().put("GITHUB_REPOSITORY", "example/labstacks");
        builder.environment().put("GITHUB_STEP_SUMMARY", temp.resolve("summary.md").toString());
        builder.environment().put("PULUMI_ORG", "nf-core");
        builder.environment().putAll(env);
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var code = process.waitFor();
        return new Run(code, output, Files.exists(calls) ? Files.readAllLines(calls) : List.of());
    }

    @Test
    void theReadOnlyTwinReplacesOnlyTheEnvironmentEntries() throws Exception {
        var file = temp.resolve("Pulumi.x.yaml");
        Files.writeString(
                file,
                "# uses labstacks/x\nenvironment:\n  - labstacks/x\n  - labstacks/shared\nconfig:\n"
                        + "  labstacks:program: sample\n  sample:list:\n    - labstacks/not-an-environment\n");
        var result =
                run(Map.of(), CI.resolve("use-preview-environments").toString(), file.toString());
        assertEquals(0, result.code(), result.output());
        assertEquals(
                "# uses labstacks/x\nenvironment:\n  - labstacks/x-preview\n  - labstacks/shared-preview\nconfig:\n"
                        + "  labstacks:program: sample\n  sample:list:\n    - labstacks/not-an-environment\n",
                Files.readString(file));
        Files.writeString(file, "config:\n  labstacks:program: sample\n");
        var none =
                run(Map.of(), CI.resolve("use-preview-environments").toString(), file.toString());
        assertEquals(
                3,
                none.code(),
                "no environment to swap: the preview would run without credentials");
    }

    @Test
    void aPreviewRunsWithTheTwinAndKeepsItsStatusAndOutputEvenWhenItFails() throws Exception {
        Files.writeString(
                temp.resolve("Pulumi.moderate-prod.yaml"),
                "environment:\n  - labstacks/moderate-prod\nconfig:\n");
        var result =
                run(
                        Map.of(
                                "FAKE_OUTPUT",
                                "error: configured Kubernetes cluster is unreachable\n",
                                "FAKE_STATUS",
                                "255"),
                        CI.resolve("preview-stack").toString(),
                        "moderate-prod",
                        "previews");
        assertEquals(255, result.code(), result.output());
        assertEquals(
                "pulumi preview --stack nf-core/labstacks/moderate-prod --diff --non-interactive --color never",
                result.calls().get(0));
        assertEquals("attached - labstacks/moderate-prod-preview", result.calls().get(1));
        assertEquals(
                "255", Files.readString(temp.resolve("previews/moderate-prod/status")).strip());
        assertTrue(
                Files.readString(temp.resolve("previews/moderate-prod/output.txt"))
                        .contains("unreachable"));
        var summary = Files.readString(temp.resolve("summary.md"));
        assertTrue(summary.contains("## pulumi preview moderate-prod: failed (exit 255)"), summary);
    }

    private void result(String stack, int status, String output) throws IOException {
        var dir = Files.createDirectories(temp.resolve("previews").resolve(stack));
        Files.writeString(dir.resolve("status"), status + "\n");
        Files.writeString(dir.resolve("output.txt"), output);
    }

    private static final String STACKS =
            "[{\"stack\":\"pipeweave-staging\"},{\"stack\":\"moderate-prod\"},{\"stack\":\"igenomes-prod\"}]";

    @Test
    void oneCommentHoldsEveryStackAndIsUpdatedInPlace() throws Exception {
        result("pipeweave-staging", 0, "Resources:\n    ~ 1 to update\n");
        result("moderate-prod", 255, "error: configured Kubernetes cluster is unreachable\n");
        // igenomes-prod's job was cancelled: no result.
        var env = Map.of("STACKS", STACKS, "HEAD_SHA", "abcdef1234567", "FAKE_COMMENTS", "");
        var created = run(env, CI.resolve("preview-comment").toString(), "previews", "12");
        assertEquals(0, created.code(), created.output());
        assertTrue(
                created.calls()
                        .contains(
                                "gh api repos/example/labstacks/issues/12/comments --paginate --jq"
                                        + " .[] | select(.body | startswith(\"<!-- labstacks-preview -->\")) | .id"),
                created.calls().toString());
        assertTrue(
                created.calls().stream()
                        .anyMatch(
                                c ->
                                        c.startsWith(
                                                "gh api --method POST repos/example/labstacks/issues/12/comments -F body=@")),
                created.calls().toString());
        var body = Files.readString(temp.resolve("body-sent.md"));
        assertTrue(
                body.startsWith("<!-- labstacks-preview -->\n## pulumi preview (abcdef1)"), body);
        assertTrue(body.contains("| pipeweave-staging | ok |"), body);
        assertTrue(body.contains("| moderate-prod | **failed** (exit 255) |"), body);
        assertTrue(
                body.contains("| igenomes-prod | **no result** (the preview job did not finish) |"),
                body);
        assertTrue(
                body.contains(
                        "<details><summary>moderate-prod</summary>\n\n```\nerror: configured Kubernetes cluster is unreachable"),
                "the failure's output is in the comment: " + body);

        Files.delete(calls);
        var updated =
                run(
                        Map.of(
                                "STACKS",
                                STACKS,
                                "HEAD_SHA",
                                "abcdef1234567",
                                "FAKE_COMMENTS",
                                "987\n"),
                        CI.resolve("preview-comment").toString(),
                        "previews",
                        "12");
        assertEquals(0, updated.code(), updated.output());
        assertTrue(
                updated.calls().stream()
                        .anyMatch(
                                c ->
                                        c.startsWith(
                                                "gh api --method PATCH repos/example/labstacks/issues/comments/987 -F body=@")),
                updated.calls().toString());
        assertFalse(
                updated.calls().stream().anyMatch(c -> c.contains("--method POST")),
                "no second comment");
    }

    @Test
    void noChangedStackSaysSoAndABadNumberIsRefused() throws Exception {
        var run =
                run(
                        Map.of("STACKS", "[]", "FAKE_COMMENTS", ""),
                        CI.resolve("preview-comment").toString(),
                        "previews",
                        "12");
        assertEquals(0, run.code(), run.output());
        assertTrue(Files.readString(temp.resolve("body-sent.md")).contains("nothing to preview"));
        var bad =
                run(
                        Map.of("FAKE_COMMENTS", ""),
                        CI.resolve("upsert-comment").toString(),
                        "labstacks-plan-diff",
                        "12; rm -rf /",
                        temp.resolve("body-sent.md").toString());
        assertEquals(2, bad.code(), bad.output());
    }
}
