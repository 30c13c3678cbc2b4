package labstacks.biositing;

import static labstacks.biositing.ComponentRuns.NAMESPACE;
import static labstacks.biositing.ComponentRuns.PIPELINE;
import static labstacks.biositing.ComponentRuns.POSTGIS;
import static labstacks.biositing.ComponentRuns.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Service;
import java.util.List;
import java.util.Optional;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;

/** The compose prefect-server from the component's own inputs. */
class PrefectServerTest {
    private static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";

    private static StackRun run() {
        return ComponentRuns.run(
                stack -> {
                    var migration =
                            new ConfigMap(
                                    "migration-stand-in",
                                    ConfigMapArgs.builder()
                                            .metadata(
                                                    ObjectMetaArgs.builder()
                                                            .name("migration-stand-in")
                                                            .namespace(NAMESPACE)
                                                            .build())
                                            .build());
                    var server =
                            new PrefectServer(
                                    "prefect-server",
                                    PrefectServer.Args.builder()
                                            .namespace(NAMESPACE)
                                            .pipelineImage(PIPELINE)
                                            .postgresImage(POSTGIS)
                                            .apiHost("127.0.0.1")
                                            .storage("3Gi")
                                            .storageClass(Optional.empty())
                                            .environment(EtlConfiguration.envFromByName())
                                            .startAfter(List.of(migration))
                                            .kubernetes(CustomResourceOptions.Empty)
                                            .build(),
                                    ComponentResourceOptions.Empty);
                    stack.pulumi().export("api", server.apiUrl());
                });
    }

    @Test
    void oneServerServesTheApiFromItsVolumeUnderItsOwnAccount() {
        var run = run();
        var server = model(run, DEPLOYMENT, "prefect-server", V1Deployment.class);
        assertEquals(1, server.getSpec().getReplicas());
        assertEquals(
                "Recreate",
                server.getSpec().getStrategy().getType(),
                "two servers never share the volume");
        var pod = server.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().get(0);
        assertEquals(PIPELINE, container.getImage());
        assertEquals(
                List.of("prefect", "server", "start", "--host", "127.0.0.1", "--port", "4200"),
                container.getArgs());
        assertEquals("/api/health", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/api/health", container.getLivenessProbe().getHttpGet().getPath());
        assertEquals(
                POSTGIS, pod.getInitContainers().get(0).getImage(), "waits for the database first");
        assertEquals("prefect-server", pod.getServiceAccountName());
        assertEquals(
                false,
                run.resource("kubernetes:core/v1:ServiceAccount", "prefect-server")
                        .input("automountServiceAccountToken"));
        assertEquals(1001L, pod.getSecurityContext().getRunAsUser());
        assertEquals(
                "prefectdata", pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
        var claim =
                model(
                        run,
                        "kubernetes:core/v1:PersistentVolumeClaim",
                        "prefectdata",
                        V1PersistentVolumeClaim.class);
        assertEquals(
                "3Gi",
                claim.getSpec().getResources().getRequests().get("storage").toSuffixedString());
        assertEquals(
                null,
                run.resource("kubernetes:core/v1:PersistentVolumeClaim", "prefectdata")
                        .input("spec.storageClassName"));
    }

    @Test
    void theServerStartsAfterWhatItIsGivenAndItsOwnObjects() {
        var dependsOn = run().resource(DEPLOYMENT, "prefect-server").dependsOn();
        assertTrue(
                dependsOn.containsAll(
                        List.of("migration-stand-in", "prefectdata", "prefect-server")),
                dependsOn.toString());
    }

    @Test
    void theApiUrlNamesTheServiceWorkloadsReachItThrough() {
        var run = run();
        var service = model(run, "kubernetes:core/v1:Service", "prefect-server", V1Service.class);
        assertEquals(4200, service.getSpec().getPorts().get(0).getPort());
        assertEquals(
                "prefect-server",
                service.getSpec().getSelector().get("app.kubernetes.io/component"));
        assertEquals("http://prefect-server:4200/api", run.output("api"));
    }
}
