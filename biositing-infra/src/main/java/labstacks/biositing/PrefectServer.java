package labstacks.biositing;

import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.core.v1.PersistentVolumeClaim;
import com.pulumi.kubernetes.core.v1.PersistentVolumeClaimArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.HTTPGetActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeClaimVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import labstacks.shared.kubernetes.Containers;

import java.util.List;
import java.util.Map;

/**
 * The compose {@code prefect-server}: Prefect 3's API and UI on port 4200, its metadata in
 * {@code prefect_db} (connection URL from the Secret), {@code prefectdata} at the image user's
 * {@code ~/.prefect}, ready when {@code /api/health} answers. One replica, replaced (not rolled) so two
 * servers never share the volume.
 *
 * <p>It runs from the pipeline image, as the compose file of the pinned release does: the release has no
 * lock file (pixi.lock was removed from the repository before {@code v2026.4.6}), so the Prefect version
 * is whatever {@code prefect>=3,<4} resolved to when the image was built, and only the same image
 * guarantees that server and worker speak the same version.
 */
public final class PrefectServer extends ComponentResource {
    public static final String TYPE = "labstacks:biositing:PrefectServer";
    static final String NAME = "prefect-server";

    private final Deployment deployment;
    private final Service service;

    public PrefectServer(String name, BiositingSettings settings, EtlConfiguration configuration,
                         List<Resource> startAfter, CustomResourceOptions k8s, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var namespace = settings.namespace();

        var data = new PersistentVolumeClaim("prefectdata", PersistentVolumeClaimArgs.builder()
                .metadata(Pods.metadata("prefectdata", namespace, Pods.PREFECT_SERVER))
                .spec(PostgresDatabase.volumeSpec(settings.prefectStorage(), settings))
                .build(), child);

        var account = Pods.serviceAccount(NAME, namespace, Pods.PREFECT_SERVER, child);
        var health = HTTPGetActionArgs.builder().path("/api/health").port("api").build();
        var container = ContainerArgs.builder()
                .name(NAME)
                .image(settings.pipelineImage())
                .args("prefect", "server", "start", "--host", settings.prefectServerApiHost(),
                        "--port", Integer.toString(Pods.PREFECT_PORT))
                .ports(ContainerPortArgs.builder().name("api").containerPort(Pods.PREFECT_PORT).build())
                .envFrom(Pods.dotEnv(configuration))
                .volumeMounts(VolumeMountArgs.builder().name("prefectdata").mountPath(UpstreamRelease.PREFECT_HOME).build())
                // The compose health check: interval 10s, timeout 10s, retries 5.
                .readinessProbe(ProbeArgs.builder().httpGet(health)
                        .periodSeconds(10).timeoutSeconds(10).failureThreshold(5).build())
                // Database migrations on first start take a while; do not restart the server meanwhile.
                .startupProbe(ProbeArgs.builder().httpGet(health)
                        .initialDelaySeconds(30).periodSeconds(10).failureThreshold(10).build())
                .livenessProbe(ProbeArgs.builder().httpGet(health)
                        .periodSeconds(30).timeoutSeconds(10).failureThreshold(3).build())
                .resources(Containers.size("250m", "512Mi", "1", "1Gi"))
                .securityContext(Containers.restricted())
                .build();

        this.deployment = new Deployment(NAME, DeploymentArgs.builder()
                .metadata(Pods.metadata(NAME, namespace, Pods.PREFECT_SERVER))
                .spec(DeploymentSpecArgs.builder()
                        .replicas(1)
                        .strategy(DeploymentStrategyArgs.builder().type("Recreate").build())
                        .selector(LabelSelectorArgs.builder().matchLabels(Pods.selector(Pods.PREFECT_SERVER)).build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(Pods.podMetadata(Pods.PREFECT_SERVER))
                                .spec(PodSpecArgs.builder()
                                        .serviceAccountName(NAME)
                                        .securityContext(Pods.asPipelineUser())
                                        .initContainers(Pods.waitForDatabase(settings.postgresImage(), configuration))
                                        .containers(container)
                                        .volumes(VolumeArgs.builder().name("prefectdata")
                                                .persistentVolumeClaim(PersistentVolumeClaimVolumeSourceArgs.builder()
                                                        .claimName("prefectdata").build())
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.merge(child, CustomResourceOptions.builder()
                        .dependsOn(after(startAfter, data, account)).build()));

        this.service = new Service(NAME, ServiceArgs.builder()
                .metadata(Pods.metadata(NAME, namespace, Pods.PREFECT_SERVER))
                .spec(ServiceSpecArgs.builder()
                        .selector(Pods.selector(Pods.PREFECT_SERVER))
                        .ports(ServicePortArgs.builder().name("api").port(Pods.PREFECT_PORT).targetPort("api").build())
                        .build())
                .build(), child);
        registerOutputs(Map.of());
    }

    private static List<Resource> after(List<Resource> startAfter, Resource... own) {
        var all = new java.util.ArrayList<>(startAfter);
        all.addAll(List.of(own));
        return List.copyOf(all);
    }

    public Deployment deployment() {
        return deployment;
    }

    public Service service() {
        return service;
    }
}
