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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.DataRetention;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.constructs.kubernetes.StatefulService;
import labstacks.shared.program.ChildOptions;

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

    /** Inputs of {@link PrefectServer}; build with {@link #builder()}. Fields without a default are required. */
    public static final class Args {
        private final String namespace;
        private final String pipelineImage;
        private final String postgresImage;
        private final String apiHost;
        private final String storage;
        private final Optional<String> storageClass;
        private final List<EnvFromSourceArgs> environment;
        private final List<Resource> startAfter;
        private final DataRetention retention;
        private final CustomResourceOptions kubernetes;

        private Args(Builder builder) {
            this.namespace = Objects.requireNonNull(builder.namespace, "namespace");
            this.pipelineImage = Objects.requireNonNull(builder.pipelineImage, "pipelineImage");
            this.postgresImage = Objects.requireNonNull(builder.postgresImage, "postgresImage");
            this.apiHost = Objects.requireNonNull(builder.apiHost, "apiHost");
            this.storage = Objects.requireNonNull(builder.storage, "storage");
            this.storageClass = Objects.requireNonNull(builder.storageClass, "storageClass");
            this.environment =
                    List.copyOf(Objects.requireNonNull(builder.environment, "environment"));
            this.startAfter = List.copyOf(Objects.requireNonNull(builder.startAfter, "startAfter"));
            this.retention = Objects.requireNonNull(builder.retention, "retention");
            this.kubernetes = Objects.requireNonNull(builder.kubernetes, "kubernetes");
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The ETL's namespace. */
        public String namespace() {
            return namespace;
        }

        /** The pinned pipeline image the server runs from. */
        public String pipelineImage() {
            return pipelineImage;
        }

        /** The database image, whose pg_isready the init container waits with. */
        public String postgresImage() {
            return postgresImage;
        }

        /** The address the server binds to (PREFECT_SERVER_API_HOST). */
        public String apiHost() {
            return apiHost;
        }

        /** The size of the {@code prefectdata} claim. */
        public String storage() {
            return storage;
        }

        /** Its storage class; empty for the cluster default. */
        public Optional<String> storageClass() {
            return storageClass;
        }

        /** The {@code .env} as envFrom. */
        public List<EnvFromSourceArgs> environment() {
            return environment;
        }

        /**
         * What must exist before the server starts (the database and its migration). Default: {@code
         * List.of()}.
         */
        public List<Resource> startAfter() {
            return startAfter;
        }

        /**
         * Whether the {@code prefectdata} claim is protected and retained: a new storage class replaces a claim
         * (its storageClassName is immutable), and under a fixed name the old one goes first, with the data.
         * Default: {@code DataRetention.DISPOSABLE}.
         */
        public DataRetention retention() {
            return retention;
        }

        /**
         * The options of every Kubernetes object the component makes: the explicit provider and what they
         * start after. The component adds itself as their parent (ChildOptions).
         */
        public CustomResourceOptions kubernetes() {
            return kubernetes;
        }

        /** Builds {@link Args}: one named setter per field. */
        public static final class Builder {
            private String namespace;
            private String pipelineImage;
            private String postgresImage;
            private String apiHost;
            private String storage;
            private Optional<String> storageClass;
            private List<EnvFromSourceArgs> environment;
            private List<Resource> startAfter = List.of();
            private DataRetention retention = DataRetention.DISPOSABLE;
            private CustomResourceOptions kubernetes;

            private Builder() {}

            /** See {@link Args#namespace()}. */
            public Builder namespace(String value) {
                this.namespace = value;
                return this;
            }

            /** See {@link Args#pipelineImage()}. */
            public Builder pipelineImage(String value) {
                this.pipelineImage = value;
                return this;
            }

            /** See {@link Args#postgresImage()}. */
            public Builder postgresImage(String value) {
                this.postgresImage = value;
                return this;
            }

            /** See {@link Args#apiHost()}. */
            public Builder apiHost(String value) {
                this.apiHost = value;
                return this;
            }

            /** See {@link Args#storage()}. */
            public Builder storage(String value) {
                this.storage = value;
                return this;
            }

            /** See {@link Args#storageClass()}. */
            public Builder storageClass(Optional<String> value) {
                this.storageClass = value;
                return this;
            }

            /** See {@link Args#environment()}. */
            public Builder environment(List<EnvFromSourceArgs> value) {
                this.environment = value;
                return this;
            }

            /** See {@link Args#startAfter()}. */
            public Builder startAfter(List<Resource> value) {
                this.startAfter = value;
                return this;
            }

            /** See {@link Args#retention()}. */
            public Builder retention(DataRetention value) {
                this.retention = value;
                return this;
            }

            /** See {@link Args#kubernetes()}. */
            public Builder kubernetes(CustomResourceOptions value) {
                this.kubernetes = value;
                return this;
            }

            public Args build() {
                return new Args(this);
            }
        }
    }

    private final Deployment deployment;
    private final Service service;

    public PrefectServer(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = ChildOptions.of(this, args.kubernetes());
        var namespace = args.namespace();

        var data =
                new PersistentVolumeClaim(
                        "prefectdata",
                        PersistentVolumeClaimArgs.builder()
                                .metadata(
                                        Pods.metadata(
                                                "prefectdata", namespace, Pods.PREFECT_SERVER))
                                .spec(
                                        StatefulService.readWriteOnce(
                                                args.storage(), args.storageClass()))
                                .build(),
                        args.retention().apply(child));

        var account = Pods.serviceAccount(NAME, namespace, Pods.PREFECT_SERVER, child);
        var health = HTTPGetActionArgs.builder().path("/api/health").port("api").build();
        var container =
                ContainerArgs.builder()
                        .name(NAME)
                        .image(args.pipelineImage())
                        .args(
                                "prefect",
                                "server",
                                "start",
                                "--host",
                                args.apiHost(),
                                "--port",
                                Integer.toString(Pods.PREFECT_PORT))
                        .ports(
                                ContainerPortArgs.builder()
                                        .name("api")
                                        .containerPort(Pods.PREFECT_PORT)
                                        .build())
                        .envFrom(args.environment())
                        .volumeMounts(
                                VolumeMountArgs.builder()
                                        .name("prefectdata")
                                        .mountPath(UpstreamRelease.PREFECT_HOME)
                                        .build())
                        // The compose health check: interval 10s, timeout 10s, retries 5.
                        .readinessProbe(
                                ProbeArgs.builder()
                                        .httpGet(health)
                                        .periodSeconds(10)
                                        .timeoutSeconds(10)
                                        .failureThreshold(5)
                                        .build())
                        // Database migrations on first start take a while; do not restart the
                        // server meanwhile.
                        .startupProbe(
                                ProbeArgs.builder()
                                        .httpGet(health)
                                        .initialDelaySeconds(30)
                                        .periodSeconds(10)
                                        .failureThreshold(10)
                                        .build())
                        .livenessProbe(
                                ProbeArgs.builder()
                                        .httpGet(health)
                                        .periodSeconds(30)
                                        .timeoutSeconds(10)
                                        .failureThreshold(3)
                                        .build())
                        .resources(Containers.size("250m", "512Mi", "1", "1Gi"))
                        .securityContext(Containers.restricted())
                        .build();

        // The account and the claim through the inputs that name them; the database and migration
        // by startAfter.
        this.deployment =
                new Deployment(
                        NAME,
                        DeploymentArgs.builder()
                                .metadata(Pods.metadata(NAME, namespace, Pods.PREFECT_SERVER))
                                .spec(
                                        DeploymentSpecArgs.builder()
                                                .replicas(1)
                                                .strategy(
                                                        DeploymentStrategyArgs.builder()
                                                                .type("Recreate")
                                                                .build())
                                                .selector(
                                                        LabelSelectorArgs.builder()
                                                                .matchLabels(
                                                                        Pods.selector(
                                                                                Pods
                                                                                        .PREFECT_SERVER))
                                                                .build())
                                                .template(
                                                        PodTemplateSpecArgs.builder()
                                                                .metadata(
                                                                        Pods.podMetadata(
                                                                                Pods
                                                                                        .PREFECT_SERVER))
                                                                .spec(
                                                                        PodSpecArgs.builder()
                                                                                .serviceAccountName(
                                                                                        ObjectMetadata
                                                                                                .nameOf(
                                                                                                        account
                                                                                                                .metadata()))
                                                                                .securityContext(
                                                                                        Pods
                                                                                                .asPipelineUser())
                                                                                .initContainers(
                                                                                        Pods
                                                                                                .waitForDatabase(
                                                                                                        args
                                                                                                                .postgresImage(),
                                                                                                        args
                                                                                                                .environment()))
                                                                                .containers(
                                                                                        container)
                                                                                .volumes(
                                                                                        VolumeArgs
                                                                                                .builder()
                                                                                                .name(
                                                                                                        "prefectdata")
                                                                                                .persistentVolumeClaim(
                                                                                                        PersistentVolumeClaimVolumeSourceArgs
                                                                                                                .builder()
                                                                                                                .claimName(
                                                                                                                        ObjectMetadata
                                                                                                                                .nameOf(
                                                                                                                                        data
                                                                                                                                                .metadata()))
                                                                                                                .build())
                                                                                                .build())
                                                                                .build())
                                                                .build())
                                                .build())
                                .build(),
                        CustomResourceOptions.merge(
                                child,
                                CustomResourceOptions.builder()
                                        .dependsOn(args.startAfter())
                                        .build()));

        this.service =
                new Service(
                        NAME,
                        ServiceArgs.builder()
                                .metadata(Pods.metadata(NAME, namespace, Pods.PREFECT_SERVER))
                                .spec(
                                        ServiceSpecArgs.builder()
                                                .selector(Pods.selector(Pods.PREFECT_SERVER))
                                                .ports(
                                                        ServicePortArgs.builder()
                                                                .name("api")
                                                                .port(Pods.PREFECT_PORT)
                                                                .targetPort("api")
                                                                .build())
                                                .build())
                                .build(),
                        child);
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
