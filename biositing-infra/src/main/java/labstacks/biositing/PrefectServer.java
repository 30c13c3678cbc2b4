package labstacks.biositing;

import com.pulumi.core.Output;
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
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
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

import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.DataRetention;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.constructs.kubernetes.StatefulService;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * Inputs of {@link PrefectServer}.
     *
     * @param namespace     the ETL's namespace
     * @param pipelineImage the pinned pipeline image the server runs from
     * @param postgresImage the database image, whose pg_isready the init container waits with
     * @param apiHost       the address the server binds to (PREFECT_SERVER_API_HOST)
     * @param storage       the size of the {@code prefectdata} claim
     * @param storageClass  its storage class; empty for the cluster default
     * @param environment   the {@code .env} as envFrom
     * @param startAfter    what must exist before the server starts (the database and its migration)
     */
    public record Args(String namespace, String pipelineImage, String postgresImage, String apiHost, String storage,
                       Optional<String> storageClass, List<EnvFromSourceArgs> environment, List<Resource> startAfter) {
        public Args {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(pipelineImage, "pipelineImage");
            Objects.requireNonNull(postgresImage, "postgresImage");
            Objects.requireNonNull(apiHost, "apiHost");
            Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(storageClass, "storageClass");
            environment = List.copyOf(environment);
            startAfter = List.copyOf(startAfter);
        }
    }

    private final Deployment deployment;
    private final Service service;

    public PrefectServer(String name, Args args, CustomResourceOptions k8s, ComponentResourceOptions options) {
        this(name, args, k8s, options, DataRetention.DISPOSABLE);
    }

    /**
     * With {@code retention} for the {@code prefectdata} claim: a new storage class replaces a claim (its
     * storageClassName is immutable), and under a fixed name the old one goes first, with the data.
     */
    public PrefectServer(String name, Args args, CustomResourceOptions k8s, ComponentResourceOptions options,
                         DataRetention retention) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var namespace = args.namespace();

        var data = new PersistentVolumeClaim("prefectdata", PersistentVolumeClaimArgs.builder()
                .metadata(Pods.metadata("prefectdata", namespace, Pods.PREFECT_SERVER))
                .spec(StatefulService.readWriteOnce(args.storage(), args.storageClass()))
                .build(), retention.apply(child));

        var account = Pods.serviceAccount(NAME, namespace, Pods.PREFECT_SERVER, child);
        var health = HTTPGetActionArgs.builder().path("/api/health").port("api").build();
        var container = ContainerArgs.builder()
                .name(NAME)
                .image(args.pipelineImage())
                .args("prefect", "server", "start", "--host", args.apiHost(),
                        "--port", Integer.toString(Pods.PREFECT_PORT))
                .ports(ContainerPortArgs.builder().name("api").containerPort(Pods.PREFECT_PORT).build())
                .envFrom(args.environment())
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

        // The account and the claim through the inputs that name them; the database and migration by startAfter.
        this.deployment = new Deployment(NAME, DeploymentArgs.builder()
                .metadata(Pods.metadata(NAME, namespace, Pods.PREFECT_SERVER))
                .spec(DeploymentSpecArgs.builder()
                        .replicas(1)
                        .strategy(DeploymentStrategyArgs.builder().type("Recreate").build())
                        .selector(LabelSelectorArgs.builder().matchLabels(Pods.selector(Pods.PREFECT_SERVER)).build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(Pods.podMetadata(Pods.PREFECT_SERVER))
                                .spec(PodSpecArgs.builder()
                                        .serviceAccountName(ObjectMetadata.nameOf(account.metadata()))
                                        .securityContext(Pods.asPipelineUser())
                                        .initContainers(Pods.waitForDatabase(args.postgresImage(), args.environment()))
                                        .containers(container)
                                        .volumes(VolumeArgs.builder().name("prefectdata")
                                                .persistentVolumeClaim(PersistentVolumeClaimVolumeSourceArgs.builder()
                                                        .claimName(ObjectMetadata.nameOf(data.metadata())).build())
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.merge(child, CustomResourceOptions.builder()
                        .dependsOn(args.startAfter()).build()));

        this.service = new Service(NAME, ServiceArgs.builder()
                .metadata(Pods.metadata(NAME, namespace, Pods.PREFECT_SERVER))
                .spec(ServiceSpecArgs.builder()
                        .selector(Pods.selector(Pods.PREFECT_SERVER))
                        .ports(ServicePortArgs.builder().name("api").port(Pods.PREFECT_PORT).targetPort("api").build())
                        .build())
                .build(), child);
        registerOutputs(Map.of());
    }

    public Deployment deployment() {
        return deployment;
    }

    public Service service() {
        return service;
    }

    /** The in-cluster API URL through the Service's name: a workload given it waits for the Service. */
    public Output<String> apiUrl() {
        return ObjectMetadata.nameOf(service.metadata()).applyValue(EtlConfiguration::apiUrl);
    }
}
