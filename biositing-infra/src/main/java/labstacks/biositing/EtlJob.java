package labstacks.biositing;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.OneOffJob;
import labstacks.shared.program.ChildOptions;

/**
 * A compose one-off ({@code docker compose run --rm}) as a Job: one init container waits for what the
 * compose {@code depends_on} waited for, then the command runs once from the pipeline image. The Job's name
 * carries a hash of the image, so a new image runs it again while re-deploying the same image does not.
 * The shared {@link OneOffJob} construct builds the Job and its account; this component adds what the ETL's
 * Jobs have in common and keeps their URNs. The component's name is the Job's and its account's resource name
 * ({@link #MIGRATION_JOB}, {@link #FLOW_DEPLOYMENT_JOB}); the Job object adds the image's hash.
 *
 * @see Args#migration
 * @see Args#flowDeployment
 */
public final class EtlJob extends ComponentResource {
    /**
     * The type token keeps the component's first class name, OneOffJob: it is part of the URN of the component
     * and of its Job and ServiceAccount, which a new token would replace.
     */
    public static final String TYPE = "labstacks:biositing:OneOffJob";

    /** The resource names of the two Jobs: the Job and its account take the component's name. */
    static final String MIGRATION_JOB = "setup-db";

    static final String FLOW_DEPLOYMENT_JOB = "prefect-deploy";

    /** How often a failed run is retried, and how long all of them may take. */
    static final int BACKOFF_LIMIT = 2;

    static final int DEADLINE_SECONDS = 1800;

    /** Inputs of {@link EtlJob}; build with {@link #builder()}. Fields without a default are required. */
    public static final class Args {
        private final String component;
        private final String namespace;
        private final String pipelineImage;
        private final List<String> command;
        private final ContainerArgs waitFor;
        private final List<EnvFromSourceArgs> environment;
        private final List<Resource> startAfter;
        private final CustomResourceOptions kubernetes;

        private Args(Builder builder) {
            this.component = Objects.requireNonNull(builder.component, "component");
            this.namespace = Objects.requireNonNull(builder.namespace, "namespace");
            this.pipelineImage = Objects.requireNonNull(builder.pipelineImage, "pipelineImage");
            this.command = List.copyOf(Objects.requireNonNull(builder.command, "command"));
            this.waitFor = Objects.requireNonNull(builder.waitFor, "waitFor");
            this.environment =
                    List.copyOf(Objects.requireNonNull(builder.environment, "environment"));
            this.startAfter = List.copyOf(Objects.requireNonNull(builder.startAfter, "startAfter"));
            this.kubernetes = Objects.requireNonNull(builder.kubernetes, "kubernetes");
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The {@code app.kubernetes.io/component} label NetworkPolicies admit it by. */
        public String component() {
            return component;
        }

        /** The ETL's namespace. */
        public String namespace() {
            return namespace;
        }

        /** The pinned pipeline image the command runs in. */
        public String pipelineImage() {
            return pipelineImage;
        }

        /** The arguments to the image's entrypoint. */
        public List<String> command() {
            return command;
        }

        /** The init container that waits for what the command needs. */
        public ContainerArgs waitFor() {
            return waitFor;
        }

        /** The {@code .env} as envFrom. */
        public List<EnvFromSourceArgs> environment() {
            return environment;
        }

        /** The workloads that must exist first. Default: {@code List.of()}. */
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
            private String component;
            private String namespace;
            private String pipelineImage;
            private List<String> command;
            private ContainerArgs waitFor;
            private List<EnvFromSourceArgs> environment;
            private List<Resource> startAfter = List.of();
            private CustomResourceOptions kubernetes;

            private Builder() {}

            /** See {@link Args#component()}. */
            public Builder component(String value) {
                this.component = value;
                return this;
            }

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

            /** See {@link Args#command()}. */
            public Builder command(List<String> value) {
                this.command = value;
                return this;
            }

            /** See {@link Args#waitFor()}. */
            public Builder waitFor(ContainerArgs value) {
                this.waitFor = value;
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

        /**
         * The compose {@code setup-db}: upstream's migration command once the database accepts connections. The
         * image's entrypoint activates the pixi environment and runs the arguments from {@code /app}, where the
         * release's {@code alembic/} and {@code alembic.ini} are; {@code alembic/env.py} reads {@code DATABASE_URL}.
         */
        static Builder migration(
                String namespace,
                String pipelineImage,
                String postgresImage,
                List<EnvFromSourceArgs> environment,
                Resource database) {
            return builder()
                    .component(Pods.MIGRATION)
                    .namespace(namespace)
                    .pipelineImage(pipelineImage)
                    .command(UpstreamRelease.MIGRATION_COMMAND)
                    .waitFor(Pods.waitForDatabase(postgresImage, environment))
                    .environment(environment)
                    .startAfter(List.of(database));
        }

        /** Registers {@code master-etl-deployment} from the image's {@code prefect.yaml} once the server answers. */
        static Builder flowDeployment(
                String namespace,
                String pipelineImage,
                Output<String> apiUrl,
                List<EnvFromSourceArgs> environment,
                List<Resource> startAfter) {
            return builder()
                    .component(Pods.FLOW_DEPLOYMENT)
                    .namespace(namespace)
                    .pipelineImage(pipelineImage)
                    .command(
                            List.of(
                                    "prefect",
                                    "--no-prompt",
                                    "deploy",
                                    "--name",
                                    BiositingProgram.FLOW_DEPLOYMENT))
                    .waitFor(Pods.waitForPrefect(pipelineImage, apiUrl))
                    .environment(environment)
                    .startAfter(startAfter);
        }
    }

    private final OneOffJob job;

    public EtlJob(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = ChildOptions.of(this, args.kubernetes());
        var container =
                ContainerArgs.builder()
                        .name(name)
                        .image(args.pipelineImage())
                        .args(args.command())
                        .envFrom(args.environment())
                        // A request, not a cap: small, so both local stacks fit a 4-CPU/8 GB
                        // minikube (LocalCapacityTest).
                        .resources(Containers.size("100m", "128Mi", "1", "1Gi"))
                        .securityContext(Containers.restricted())
                        .build();
        this.job =
                new OneOffJob(
                        OneOffJob.Args.builder(name, args.namespace(), container)
                                .jobName(name + "-" + Images.shortHash(args.pipelineImage()))
                                .labels(Pods.selector(args.component()))
                                .podLabels(Pods.selector(args.component()))
                                .initContainers(List.of(args.waitFor()))
                                .podSecurity(Pods.asPipelineUser())
                                .backoffLimit(BACKOFF_LIMIT)
                                .activeDeadlineSeconds(DEADLINE_SECONDS)
                                .startAfter(args.startAfter())
                                .build(),
                        child);
        registerOutputs(Map.of());
    }

    public Job job() {
        return job.job();
    }

    /** The Job object's name (with the image's hash). */
    public String jobName() {
        return job.objectName();
    }
}
