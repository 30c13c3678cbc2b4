package labstacks.biositing;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.HTTPGetActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.shared.program.ChildOptions;

/**
 * The compose {@code prefect-worker}: a process worker polling the work pool, started only once the
 * server answers. Exactly one replica: two workers would both pick up the same flow runs' queue.
 */
public final class PrefectWorker extends ComponentResource {
    public static final String TYPE = "labstacks:biositing:PrefectWorker";
    static final String NAME = "prefect-worker";
    static final String CREDENTIALS_SECRET = "gsheets-credentials";
    static final int HEALTH_PORT = 8080;

    /** Inputs of {@link PrefectWorker}; build with {@link #builder()}. Fields without a default are required. */
    public static final class Args {
        private final String namespace;
        private final String pipelineImage;
        private final String workPool;
        private final Optional<Output<String>> googleCredentials;
        private final Output<String> apiUrl;
        private final List<EnvFromSourceArgs> environment;
        private final List<Resource> startAfter;
        private final CustomResourceOptions kubernetes;

        private Args(Builder builder) {
            this.namespace = Objects.requireNonNull(builder.namespace, "namespace");
            this.pipelineImage = Objects.requireNonNull(builder.pipelineImage, "pipelineImage");
            this.workPool = Objects.requireNonNull(builder.workPool, "workPool");
            this.googleCredentials =
                    Objects.requireNonNull(builder.googleCredentials, "googleCredentials");
            this.apiUrl = Objects.requireNonNull(builder.apiUrl, "apiUrl");
            this.environment =
                    List.copyOf(Objects.requireNonNull(builder.environment, "environment"));
            this.startAfter = List.copyOf(Objects.requireNonNull(builder.startAfter, "startAfter"));
            this.kubernetes = Objects.requireNonNull(builder.kubernetes, "kubernetes");
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The ETL's namespace. */
        public String namespace() {
            return namespace;
        }

        /** The pinned pipeline image the worker runs from. */
        public String pipelineImage() {
            return pipelineImage;
        }

        /** The Prefect work pool it polls. */
        public String workPool() {
            return workPool;
        }

        /** The contents of credentials.json (secret); empty for none. */
        public Optional<Output<String>> googleCredentials() {
            return googleCredentials;
        }

        /** The Prefect API ({@link PrefectServer#apiUrl()}), which the init container waits for. */
        public Output<String> apiUrl() {
            return apiUrl;
        }

        /** The {@code .env} as envFrom. */
        public List<EnvFromSourceArgs> environment() {
            return environment;
        }

        /** What must exist before the worker starts (the server). Default: {@code List.of()}. */
        public List<Resource> startAfter() {
            return startAfter;
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
            private String workPool;
            private Optional<Output<String>> googleCredentials;
            private Output<String> apiUrl;
            private List<EnvFromSourceArgs> environment;
            private List<Resource> startAfter = List.of();
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

            /** See {@link Args#workPool()}. */
            public Builder workPool(String value) {
                this.workPool = value;
                return this;
            }

            /** See {@link Args#googleCredentials()}. */
            public Builder googleCredentials(Optional<Output<String>> value) {
                this.googleCredentials = value;
                return this;
            }

            /** See {@link Args#apiUrl()}. */
            public Builder apiUrl(Output<String> value) {
                this.apiUrl = value;
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

    public PrefectWorker(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = ChildOptions.of(this, args.kubernetes());
        var namespace = args.namespace();
        var account = Pods.serviceAccount(NAME, namespace, Pods.PREFECT_WORKER, child);

        var container =
                ContainerArgs.builder()
                        .name(NAME)
                        .image(args.pipelineImage())
                        .args(
                                "prefect",
                                "worker",
                                "start",
                                "--type",
                                "process",
                                "--pool",
                                args.workPool(),
                                "--with-healthcheck")
                        .ports(
                                ContainerPortArgs.builder()
                                        .name("health")
                                        .containerPort(HEALTH_PORT)
                                        .build())
                        .envFrom(args.environment())
                        .livenessProbe(
                                ProbeArgs.builder()
                                        .httpGet(
                                                HTTPGetActionArgs.builder()
                                                        .path("/health")
                                                        .port("health")
                                                        .build())
                                        .initialDelaySeconds(15)
                                        .periodSeconds(30)
                                        .timeoutSeconds(5)
                                        .failureThreshold(3)
                                        .build())
                        .resources(Containers.size("500m", "1Gi", "2", "2Gi"))
                        .securityContext(Containers.restricted());
        var volumes = new ArrayList<VolumeArgs>();
        if (args.googleCredentials().isPresent()) {
            var credentials =
                    new Secret(
                            CREDENTIALS_SECRET,
                            SecretArgs.builder()
                                    .metadata(
                                            Pods.metadata(
                                                    CREDENTIALS_SECRET,
                                                    namespace,
                                                    Pods.PREFECT_WORKER))
                                    .type("Opaque")
                                    .stringData(
                                            args.googleCredentials()
                                                    .get()
                                                    .applyValue(
                                                            json ->
                                                                    Map.of(
                                                                            UpstreamRelease
                                                                                    .CREDENTIALS_FILE,
                                                                            json))
                                                    .asSecret())
                                    .build(),
                            child);
            // A directory mount, not a subPath: Kubernetes refreshes it when the Secret changes.
            // Both variables
            // name the file: the extractors read CREDENTIALS_PATH, Google's client libraries the
            // other.
            container.volumeMounts(
                    VolumeMountArgs.builder()
                            .name(CREDENTIALS_SECRET)
                            .mountPath(UpstreamRelease.CREDENTIALS_DIRECTORY)
                            .readOnly(true)
                            .build());
            container.env(
                    EnvVarArgs.builder()
                            .name("CREDENTIALS_PATH")
                            .value(UpstreamRelease.CREDENTIALS_PATH)
                            .build(),
                    EnvVarArgs.builder()
                            .name("GOOGLE_APPLICATION_CREDENTIALS")
                            .value(UpstreamRelease.CREDENTIALS_PATH)
                            .build());
            volumes.add(
                    VolumeArgs.builder()
                            .name(CREDENTIALS_SECRET)
                            // Through the Secret's output, so the worker waits for its credentials.
                            .secret(
                                    SecretVolumeSourceArgs.builder()
                                            .secretName(
                                                    ObjectMetadata.nameOf(credentials.metadata()))
                                            .defaultMode(0440)
                                            .build())
                            .build());
        }

        this.deployment =
                new Deployment(
                        NAME,
                        DeploymentArgs.builder()
                                .metadata(Pods.metadata(NAME, namespace, Pods.PREFECT_WORKER))
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
                                                                                        .PREFECT_WORKER))
                                                                .build())
                                                .template(
                                                        PodTemplateSpecArgs.builder()
                                                                .metadata(
                                                                        Pods.podMetadata(
                                                                                Pods
                                                                                        .PREFECT_WORKER))
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
                                                                                                .waitForPrefect(
                                                                                                        args
                                                                                                                .pipelineImage(),
                                                                                                        args
                                                                                                                .apiUrl()))
                                                                                .containers(
                                                                                        container
                                                                                                .build())
                                                                                .volumes(volumes)
                                                                                .build())
                                                                .build())
                                                .build())
                                .build(),
                        CustomResourceOptions.merge(
                                child,
                                CustomResourceOptions.builder()
                                        .dependsOn(args.startAfter())
                                        .build()));
        registerOutputs(Map.of());
    }

    public Deployment deployment() {
        return deployment;
    }
}
