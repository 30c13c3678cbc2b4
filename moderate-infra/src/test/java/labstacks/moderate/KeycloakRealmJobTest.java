package labstacks.moderate;

import static labstacks.moderate.ComponentRuns.NAMESPACE;
import static labstacks.moderate.ComponentRuns.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.resources.ComponentResourceOptions;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import java.util.List;
import java.util.Map;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;

/** The realm Job: moderate-cli with the settings it reads, once Keycloak is ready, under a token-less account. */
class KeycloakRealmJobTest {
    private static final String JOB = "kubernetes:batch/v1:Job";

    private static StackRun run() {
        return ComponentRuns.run(
                "realm",
                k8s -> {
                    var keycloak =
                            new ConfigMap(
                                    "keycloak-server",
                                    ConfigMapArgs.builder()
                                            .metadata(Labels.metadata("keycloak-server", NAMESPACE))
                                            .build(),
                                    k8s);
                    new KeycloakRealmJob(
                            "keycloak-init",
                            KeycloakRealmJob.Args.builder()
                                    .namespace(NAMESPACE)
                                    .keycloakService(ComponentRuns.named("kc-service", k8s))
                                    .keycloak(keycloak)
                                    .adminUser("root")
                                    .credentialsSecret(ComponentRuns.named("kc-credentials", k8s))
                                    .realm("lab")
                                    .oidcClientId("catalogue")
                                    .openMetadataUrl("https://metadata.example.org")
                                    .kubernetes(k8s)
                                    .build(),
                            ComponentResourceOptions.Empty);
                });
    }

    @Test
    void theJobCreatesTheRealmAndClientWithTheSettingsGiven() {
        var job = model(run(), JOB, Labels.KEYCLOAK_INIT, V1Job.class);
        assertEquals(NAMESPACE, job.getMetadata().getNamespace());
        var pod = job.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().get(0);
        // The variables the original keycloak-init Job gave moderate-cli 0.6.0
        // (shared/reference/k8s-systems.md,
        // "Keycloak init Job": MODERATE-Project/moderate-infrastructure, Secret
        // secrets-keycloak-init).
        assertEquals(
                Map.of(
                        "KEYCLOAK_URL", "http://kc-service:8080",
                        "KEYCLOAK_ADMIN_USER", "root",
                        "KEYCLOAK_ADMIN_PASS", "kc-credentials/KEYCLOAK_ADMIN_PASSWORD",
                        "MODERATE_REALM", "lab",
                        "OPEN_METADATA_CLIENT_ID", "catalogue",
                        "OPEN_METADATA_ROOT_URL", "https://metadata.example.org"),
                ComponentRuns.env(container));
        assertEquals("docker.io/agmangas/moderate-cli:0.6.0", container.getImage());
        assertEquals(List.of("bash", "-c", KeycloakRealmJob.COMMAND), container.getCommand());
        assertFalse(container.getSecurityContext().getAllowPrivilegeEscalation());
        assertTrue(
                container
                        .getResources()
                        .getLimits()
                        .keySet()
                        .containsAll(List.of("cpu", "memory")));
        assertEquals("Never", pod.getRestartPolicy());
        assertEquals(
                12, job.getSpec().getBackoffLimit(), "retries stand in for waiting on Keycloak");
        assertEquals(
                Map.of(Labels.NAME, Labels.KEYCLOAK_INIT),
                job.getSpec().getTemplate().getMetadata().getLabels(),
                "the label the keycloak-clients NetworkPolicy admits");
    }

    @Test
    void theJobWaitsForKeycloakItsServiceItsSecretAndItsAccountAndIsReplacedNotPatched() {
        var run = run();
        var job = run.resource(JOB, Labels.KEYCLOAK_INIT);
        assertEquals(
                List.of("keycloak-init", "keycloak-server", "kc-credentials", "kc-service").stream()
                        .sorted()
                        .toList(),
                job.dependsOn());
        assertTrue(job.deleteBeforeReplace(), "a Job's pod template cannot change in place");
        assertEquals("keycloak-init", job.parent());
        var account =
                model(
                        run,
                        "kubernetes:core/v1:ServiceAccount",
                        Labels.KEYCLOAK_INIT,
                        V1ServiceAccount.class);
        assertEquals(false, account.getAutomountServiceAccountToken());
        assertEquals(Labels.KEYCLOAK_INIT, job.input("spec.template.spec.serviceAccountName"));
    }

    @Test
    void theRootImageExceptionNamesThisJob() {
        var exception = KeycloakRealmJob.ROOT_IMAGE;
        var job = run().resource(JOB, Labels.KEYCLOAK_INIT);
        assertEquals(job.type(), exception.type());
        assertEquals(job.name(), exception.name());
        assertTrue(exception.reason().contains(KeycloakRealmJob.IMAGE), exception.reason());
    }
}
