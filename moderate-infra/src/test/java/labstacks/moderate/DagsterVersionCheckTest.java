package labstacks.moderate;

import static labstacks.moderate.ComponentRuns.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1Job;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy-time check of the code location's Dagster: the planned Job's own script, run by a real {@code sh} with a
 * stand-in {@code dagster} on PATH that prints what click's version option prints ({@code "dagster, version X"}:
 * pallets/click src/click/decorators.py, version_option's default message).
 */
class DagsterVersionCheckTest {
    private static final String JOB = "kubernetes:batch/v1:Job";

    @TempDir Path dir;

    private record Result(int exit, String output) {}

    /** The planned Job's command, run with a {@code dagster} that prints {@code versionLine} and exits {@code status}. */
    private Result runPlannedScript(StackRun run, String versionLine, int status)
            throws IOException, InterruptedException {
        var container =
                model(run, JOB, DagsterVersionCheck.NAME, V1Job.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0);
        var bin =
                Files.createDirectories(
                        dir.resolve("bin-" + status + "-" + versionLine.hashCode()));
        var dagster = bin.resolve("dagster");
        Files.writeString(
                dagster,
                "#!/bin/sh\n[ \"$1\" = --version ] || exit 64\necho '"
                        + versionLine
                        + "'\nexit "
                        + status
                        + "\n");
        Files.setPosixFilePermissions(dagster, PosixFilePermissions.fromString("rwxr-xr-x"));
        var process = new ProcessBuilder(container.getCommand()).redirectErrorStream(true);
        process.environment().put("PATH", bin + ":/usr/bin:/bin");
        container.getEnv().forEach(e -> process.environment().put(e.getName(), e.getValue()));
        var started = process.start();
        var output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(started.waitFor(30, TimeUnit.SECONDS));
        return new Result(started.exitValue(), output);
    }

    @Test
    void aPlantedImageWithAnotherDagsterFailsTheCheckWithBothVersionsAndTheFix() throws Exception {
        var run = ModerateProgramTest.localRun();
        var wrong = runPlannedScript(run, "dagster, version 1.8.7", 0);
        assertEquals(1, wrong.exit(), wrong.output());
        assertTrue(
                wrong.output()
                        .contains("docker.io/dagster/user-code-example:1.12.8 has dagster 1.8.7"),
                wrong.output());
        assertTrue(wrong.output().contains("are 1.12.8"), wrong.output());
        assertTrue(wrong.output().contains("dagster==1.12.8"), wrong.output());

        var right = runPlannedScript(run, "dagster, version 1.12.8", 0);
        assertEquals(0, right.exit(), right.output());
        // A later patch is another version: Dagster supports only the chart's own.
        assertEquals(1, runPlannedScript(run, "dagster, version 1.12.80", 0).exit());
        var broken = runPlannedScript(run, "Traceback: no module named dagster", 1);
        assertEquals(2, broken.exit(), broken.output());
        assertTrue(broken.output().contains("'dagster --version' failed"), broken.output());
    }

    @Test
    void theCheckRunsTheCodeLocationImageOnceBeforeTheDagsterRelease() {
        for (var run : List.of(ModerateProgramTest.localRun(), ModerateProgramTest.prodRun())) {
            var release = run.resource("kubernetes:helm.sh/v3:Release", "dagster");
            @SuppressWarnings("unchecked")
            var image =
                    (Map<String, Object>)
                            release.input("values.dagster-user-deployments.deployments.0.image");
            var job = model(run, JOB, DagsterVersionCheck.NAME, V1Job.class);
            var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals(
                    image.get("repository") + ":" + image.get("tag"),
                    container.getImage(),
                    "the image the release deploys is the image checked");
            assertEquals(0, job.getSpec().getBackoffLimit(), "a wrong version is not retried");
            assertTrue(
                    release.dependsOn().contains(DagsterVersionCheck.NAME),
                    release.dependsOn().toString());
            assertTrue(
                    job.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
        }
    }
}
