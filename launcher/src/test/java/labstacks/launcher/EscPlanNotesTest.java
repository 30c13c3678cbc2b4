package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import labstacks.offline.testing.ProgramHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan shows a stack's ESC environments, what they supply, and warns about one the repository lacks. */
class EscPlanNotesTest {
    @TempDir Path temp;

    @Test
    void thePlanListsTheEnvironmentAndWhereEachMissingCredentialComesFrom() {
        var result = LauncherRun.of(ProgramHarness.repositoryRoot(), "plan", "moderate-prod");
        assertEquals(0, result.code(), result.err());
        assertTrue(
                result.out()
                        .contains(
                                "ESC environments (opened by pulumi, not by this plan):\n"
                                        + "  labstacks/moderate-prod (moderate-infra/esc/moderate-prod.yaml), imports"
                                        + " labstacks/moderate-prod-credentials, labstacks/moderate-prod-secrets\n"),
                result.out());
        assertTrue(
                result.out().contains("    settings: moderate:postgresPassword, "), result.out());
        assertTrue(result.out().contains("    files: KUBECONFIG"), result.out());
        // The offline plan has no password (it warns); the note says which environment has it.
        assertTrue(
                result.err()
                        .contains(
                                "note: moderate-prod: moderate:postgresPassword comes from the ESC environment"
                                        + " labstacks/moderate-prod when pulumi runs (its pulumiConfig)"),
                result.err());

        // A variable (not a setting) can be handed to the offline plan with esc run.
        var megatests = LauncherRun.of(ProgramHarness.repositoryRoot(), "plan", "megatests-prod");
        assertEquals(0, megatests.code(), megatests.err());
        assertTrue(
                megatests
                        .err()
                        .contains(
                                "note: megatests-prod: TOWER_ACCESS_TOKEN comes from the ESC environment"
                                        + " labstacks/megatests-prod when pulumi runs; to plan with it: esc run <org>/labstacks/megatests-prod"
                                        + " -- ./labstacks plan megatests-prod"),
                megatests.err());

        var local = LauncherRun.of(ProgramHarness.repositoryRoot(), "plan", "moderate-local");
        assertFalse(local.out().contains("ESC environments"), "a minikube stack attaches none");
    }

    @Test
    void anEnvironmentTheRepositoryDoesNotDefineIsAWarning() throws IOException {
        Files.copy(
                ProgramHarness.repositoryRoot().resolve("Pulumi.yaml"),
                temp.resolve("Pulumi.yaml"));
        Files.writeString(
                temp.resolve("Pulumi.pipeweave-staging.yaml"),
                Files.readString(
                                ProgramHarness.repositoryRoot()
                                        .resolve("Pulumi.pipeweave-staging.yaml"))
                        .replace("labstacks/pipeweave-staging", "labstacks/does-not-exist"));
        var result = LauncherRun.of(temp, "plan", "pipeweave-staging");
        assertEquals(0, result.code(), "a warning, not a failure: " + result.err());
        assertTrue(
                result.err()
                        .contains(
                                "warning: pipeweave-staging: Pulumi.pipeweave-staging.yaml attaches the ESC"
                                        + " environment labstacks/does-not-exist, which this repository does not define"),
                result.err());
        assertTrue(
                result.out().contains("  labstacks/does-not-exist: not defined in this repository"),
                result.out());
    }
}
