package labstacks.moderate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1Secret;
import java.util.List;
import java.util.Map;
import labstacks.offline.testing.StackRun;
import labstacks.shared.config.ConfigProblem;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfigException;
import org.junit.jupiter.api.Test;

/**
 * moderate-prod runs every job of moderate-workflows, so it needs the Platform API and S3 settings the code reads
 * without defaults (moderate-workflows@3ec1d8e moderate/moderate/__init__.py, EnvVar(API_*) and EnvVar(S3_*)).
 */
class ProductionServicesTest {
    private static Map<String, String> secretData(StackRun run) {
        return ComponentRuns.model(
                        run,
                        "kubernetes:core/v1:Secret",
                        PlatformSecrets.DAGSTER_SECRETS,
                        V1Secret.class)
                .getStringData();
    }

    @Test
    void prodWithoutTheApiAndS3SettingsIsRefusedBeforeAnythingRegisters() {
        var error =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ModerateProgramTest.prodHarness()
                                        .without("moderate:apiBaseUrl")
                                        .without("moderate:apiUsername")
                                        .without("moderate:s3BucketName")
                                        .without("moderate:apiPassword")
                                        .without("moderate:s3AccessKeyId")
                                        .without("moderate:s3SecretAccessKey")
                                        .run());
        assertEquals(
                List.of(
                        "moderate:apiBaseUrl",
                        "moderate:apiUsername",
                        "moderate:s3BucketName",
                        "moderate:apiPassword",
                        "moderate:s3AccessKeyId",
                        "moderate:s3SecretAccessKey"),
                error.problems().stream().map(ConfigProblem::key).toList());
        assertTrue(error.getMessage().contains("Pulumi.moderate-prod.yaml"), error.getMessage());

        // One secret missing is enough to stop a real deployment.
        var oneMissing =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ModerateProgramTest.prodHarness()
                                        .without("moderate:s3SecretAccessKey")
                                        .run());
        assertEquals(1, oneMissing.problems().size(), oneMissing.getMessage());
        assertTrue(oneMissing.getMessage().contains("s3SecretAccessKey"), oneMissing.getMessage());

        // The offline plan, like every credential, goes on without the secrets but says so.
        var plan =
                ModerateProgramTest.prodHarness()
                        .without("moderate:apiPassword")
                        .mode(RunMode.PLAN)
                        .run()
                        .assertSucceeded();
        assertTrue(
                plan.warnings().stream()
                        .anyMatch(w -> w.startsWith("moderate:apiPassword is not set")),
                plan.warnings().toString());
    }

    @Test
    void withThemTheCodeLocationGetsEveryVariableTheJobsRead() {
        var run = ModerateProgramTest.prodRun();
        var data = secretData(run);
        for (var name :
                List.of(
                        "API_BASE_URL",
                        "API_USERNAME",
                        "API_PASSWORD",
                        "S3_ACCESS_KEY_ID",
                        "S3_SECRET_ACCESS_KEY",
                        "S3_REGION",
                        "S3_BUCKET_NAME",
                        "S3_ENDPOINT_URL")) {
            assertTrue(data.containsKey(name), name + " in " + data.keySet());
        }
        assertEquals("https://api.gw.moderate.cloud", data.get("API_BASE_URL"));
        assertEquals(ModerateProgramTest.S3_SECRET, data.get("S3_SECRET_ACCESS_KEY"));
        // Local keeps them unwired: its README lists the jobs that cannot run there.
        var local = secretData(ModerateProgramTest.localRun());
        assertTrue(
                local.keySet().stream().noneMatch(k -> k.startsWith("API_") || k.startsWith("S3_")),
                local.keySet().toString());
    }
}
