package labstacks.moderate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1Job;
import java.util.List;
import java.util.Map;
import labstacks.shared.config.ConfigProblem;
import labstacks.shared.config.StackConfigException;
import org.junit.jupiter.api.Test;

/** The Dagster release's risks from the 2026-12-07 audit: run-pod size, private images, telemetry, URL-safe password. */
class DagsterRisksTest {
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";

    /**
     * dagster-k8s K8sContainerContext.merge (python_modules/libraries/dagster-k8s/dagster_k8s/container_context.py):
     * {@code resources=other.resources if other.resources else self.resources}; a run merges the code location's
     * context ({@code includeConfigInLaunchedRuns}) over the launcher's. With one map for both, the size the stack
     * means is the size run pods get.
     */
    @Test
    void runPodsGetTheSizeTheStackSetsWhicheverContextWins() {
        var release = ModerateProgramTest.localRun().resource(RELEASE, "dagster");
        var codeLocation = release.input("values.dagster-user-deployments.deployments.0.resources");
        var launcher = release.input("values.runLauncher.config.k8sRunLauncher.resources");
        assertEquals(launcher, codeLocation);
        assertEquals(
                Map.of("cpu", "2", "memory", "4Gi"),
                release.input("values.runLauncher.config.k8sRunLauncher.resources.limits"));
        assertEquals(
                true,
                release.input(
                        "values.dagster-user-deployments.deployments.0.includeConfigInLaunchedRuns.enabled"));
    }

    @Test
    void pullSecretsReachTheCodeLocationTheRunsAndTheVersionCheck() {
        var run =
                ModerateProgramTest.prodHarness()
                        .config("moderate:imagePullSecrets", "[\"gar-reader\"]")
                        .run()
                        .assertSucceeded();
        var release = run.resource(RELEASE, "dagster");
        // The parent's list becomes the run launcher's image_pull_secrets, the subchart's the code
        // location pods'
        // (helm/dagster templates/helpers/instance/_run-launcher.tpl;
        // charts/dagster-user-deployments).
        assertEquals(
                List.of(Map.of("name", "gar-reader")), release.input("values.imagePullSecrets"));
        assertEquals(
                List.of(Map.of("name", "gar-reader")),
                release.input("values.dagster-user-deployments.imagePullSecrets"));
        var job =
                ComponentRuns.model(
                        run, "kubernetes:batch/v1:Job", DagsterVersionCheck.NAME, V1Job.class);
        assertEquals(
                "gar-reader",
                job.getSpec().getTemplate().getSpec().getImagePullSecrets().get(0).getName());
        // Without the setting, nothing names a pull secret.
        var plain = ModerateProgramTest.prodRun().resource(RELEASE, "dagster");
        assertEquals(null, plain.input("values.imagePullSecrets"));
    }

    @Test
    void telemetryIsOff() {
        for (var run : List.of(ModerateProgramTest.localRun(), ModerateProgramTest.prodRun())) {
            assertEquals(false, run.resource(RELEASE, "dagster").input("values.telemetry.enabled"));
        }
    }

    /**
     * moderate-workflows@3ec1d8e moderate/moderate/resources.py builds
     * {@code f"postgresql://{self.username}:{self.password}@{self.host}:{self.port}"}: the password goes into the URL
     * unquoted, so it may hold only characters a URL's user-info takes as they are.
     */
    @Test
    void aDagsterDbPasswordThatWouldBreakTheCodeLocationsUrlIsRefusedWithoutEchoingIt() {
        for (var bad :
                List.of(
                        "pw-with-@-at-sign",
                        "pw:with:colons:",
                        "pw/with/slashes",
                        "pw%41percent-encoded",
                        "tiny1")) {
            var error =
                    assertThrows(
                            StackConfigException.class,
                            () ->
                                    ModerateProgramTest.localHarness()
                                            .secret("moderate:dagsterDbPassword", bad)
                                            .run(),
                            bad);
            assertEquals(
                    List.of("moderate:dagsterDbPassword"),
                    error.problems().stream().map(ConfigProblem::key).toList());
            assertFalse(error.getMessage().contains(bad), "the secret is never repeated");
            assertTrue(error.getMessage().contains("unquoted in a URL"), error.getMessage());
        }
        ModerateProgramTest.localHarness()
                .secret("moderate:dagsterDbPassword", "Abc-123_x.y~z789")
                .run()
                .assertSucceeded();
    }
}
