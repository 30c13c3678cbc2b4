package labstacks.biositing;

import static labstacks.biositing.ComponentRuns.NAMESPACE;
import static labstacks.biositing.ComponentRuns.PIPELINE;
import static labstacks.biositing.ComponentRuns.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import labstacks.offline.plan.PlanJson;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;

/** The compose prefect-worker from the component's own inputs, with and without the Google key. */
class PrefectWorkerTest {
    private static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    private static final String KEY =
            "{\"type\":\"service_account\",\"private_key\":\"k-for-tests\"}";

    private static StackRun run(Optional<Output<String>> credentials) {
        return ComponentRuns.run(
                stack -> {
                    var server =
                            new ConfigMap(
                                    "server-stand-in",
                                    ConfigMapArgs.builder()
                                            .metadata(
                                                    ObjectMetaArgs.builder()
                                                            .name("server-stand-in")
                                                            .namespace(NAMESPACE)
                                                            .build())
                                            .build());
                    new PrefectWorker(
                            "prefect-worker",
                            PrefectWorker.Args.builder()
                                    .namespace(NAMESPACE)
                                    .pipelineImage(PIPELINE)
                                    .workPool("night_pool")
                                    .googleCredentials(credentials)
                                    .apiUrl(Output.of("http://prefect-api.test:4200/api"))
                                    .environment(EtlConfiguration.envFromByName())
                                    .startAfter(List.of(server))
                                    .kubernetes(CustomResourceOptions.Empty)
                                    .build(),
                            ComponentResourceOptions.Empty);
                });
    }

    @Test
    void oneWorkerPollsItsPoolOnceTheApiItIsGivenAnswers() {
        var run = run(Optional.empty());
        var worker = model(run, DEPLOYMENT, "prefect-worker", V1Deployment.class);
        assertEquals(
                1, worker.getSpec().getReplicas(), "two workers would take the same flow runs");
        var pod = worker.getSpec().getTemplate().getSpec();
        assertEquals(
                List.of(
                        "prefect",
                        "worker",
                        "start",
                        "--type",
                        "process",
                        "--pool",
                        "night_pool",
                        "--with-healthcheck"),
                pod.getContainers().get(0).getArgs());
        assertTrue(
                pod.getInitContainers()
                        .get(0)
                        .getArgs()
                        .get(2)
                        .contains("curl -fsS http://prefect-api.test:4200/api/health"));
        assertEquals(
                "/health", pod.getContainers().get(0).getLivenessProbe().getHttpGet().getPath());
        assertEquals("prefect-worker", pod.getServiceAccountName());
        assertEquals(
                false,
                run.resource("kubernetes:core/v1:ServiceAccount", "prefect-worker")
                        .input("automountServiceAccountToken"));
        assertTrue(run.resources("kubernetes:core/v1:Secret").isEmpty(), "no key, no Secret");
        assertNull(
                run.resource(DEPLOYMENT, "prefect-worker")
                        .input("spec.template.spec.containers.0.env"));
        var dependsOn = run.resource(DEPLOYMENT, "prefect-worker").dependsOn();
        assertTrue(
                dependsOn.containsAll(List.of("server-stand-in", "prefect-worker")),
                dependsOn.toString());
    }

    @Test
    void theGoogleKeyIsASecretFileTheExtractorsAndGoogleLibrariesBothFind() {
        var run = run(Optional.of(Output.ofSecret(KEY)));
        var secret = model(run, "kubernetes:core/v1:Secret", "gsheets-credentials", V1Secret.class);
        assertEquals(KEY, secret.getStringData().get("credentials.json"));
        assertFalse(
                PlanJson.write(run.plan()).contains("k-for-tests"),
                "the key never appears in the plan");
        var pod =
                model(run, DEPLOYMENT, "prefect-worker", V1Deployment.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec();
        assertEquals("gsheets-credentials", pod.getVolumes().get(0).getSecret().getSecretName());
        assertEquals(0440, pod.getVolumes().get(0).getSecret().getDefaultMode());
        var mount = pod.getContainers().get(0).getVolumeMounts().get(0);
        assertEquals("/app/gsheets-credentials", mount.getMountPath());
        assertNull(mount.getSubPath(), "a directory mount follows the Secret when it is rotated");
        // pipeline/etl/extract/factory.py at v2026.4.6 reads CREDENTIALS_PATH; Google's libraries
        // the other.
        var env =
                pod.getContainers().get(0).getEnv().stream()
                        .collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
        assertEquals(
                Map.of(
                        "CREDENTIALS_PATH",
                        "/app/gsheets-credentials/credentials.json",
                        "GOOGLE_APPLICATION_CREDENTIALS",
                        "/app/gsheets-credentials/credentials.json"),
                env);
        var dependsOn = run.resource(DEPLOYMENT, "prefect-worker").dependsOn();
        assertTrue(
                dependsOn.contains("gsheets-credentials"),
                "the worker waits for its key: " + dependsOn);
    }
}
