package labstacks.biositing;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import labstacks.constructs.kubernetes.Containers;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compose one-off ({@code docker compose run --rm}) as a Job: one init container waits for what the
 * compose {@code depends_on} waited for, then the command runs once from the pipeline image. The Job's name
 * carries a hash of the image, so a new image runs it again while re-deploying the same image does not.
 * (The shared {@link labstacks.constructs.kubernetes.OneOffJob} builds the Job and its account; this component
 * keeps the ETL's URNs.)
 *
 * @see Args#migration
 * @see Args#flowDeployment
 */
public final class OneOffJob extends ComponentResource {
    public static final String TYPE = "labstacks:biositing:OneOffJob";
    /** How often a failed run is retried, and how long all of them may take. */
    static final int BACKOFF_LIMIT = 2;
    static final int DEADLINE_SECONDS = 1800;

    /**
     * Inputs of {@link OneOffJob}.
     *
     * @param name          the Job's and its account's resource name; the Job object adds the image's hash
     * @param component     the {@code app.kubernetes.io/component} label NetworkPolicies admit it by
     * @param namespace     the ETL's namespace
     * @param pipelineImage the pinned pipeline image the command runs in
     * @param command       the arguments to the image's entrypoint
     * @param waitFor       the init container that waits for what the command needs
     * @param environment   the {@code .env} as envFrom
     * @param startAfter    the workloads that must exist first
     */
    public record Args(String name, String component, String namespace, String pipelineImage, List<String> command,
                       ContainerArgs waitFor, List<EnvFromSourceArgs> environment, List<Resource> startAfter) {
        public Args {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(component, "component");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(pipelineImage, "pipelineImage");
            Objects.requireNonNull(waitFor, "waitFor");
            command = List.copyOf(command);
            environment = List.copyOf(environment);
            startAfter = List.copyOf(startAfter);
        }

        /**
         * The compose {@code setup-db}: upstream's migration command once the database accepts connections. The
         * image's entrypoint activates the pixi environment and runs the arguments from {@code /app}, where the
         * release's {@code alembic/} and {@code alembic.ini} are; {@code alembic/env.py} reads {@code DATABASE_URL}.
         */
        static Args migration(String namespace, String pipelineImage, String postgresImage,
                              List<EnvFromSourceArgs> environment, Resource database) {
            return new Args("setup-db", Pods.MIGRATION, namespace, pipelineImage, UpstreamRelease.MIGRATION_COMMAND,
                    Pods.waitForDatabase(postgresImage, environment), environment, List.of(database));
        }

        /** Registers {@code master-etl-deployment} from the image's {@code prefect.yaml} once the server answers. */
        static Args flowDeployment(String namespace, String pipelineImage, Output<String> apiUrl,
                                   List<EnvFromSourceArgs> environment, List<Resource> startAfter) {
            return new Args("prefect-deploy", Pods.FLOW_DEPLOYMENT, namespace, pipelineImage,
                    List.of("prefect", "--no-prompt", "deploy", "--name", BiositingProgram.FLOW_DEPLOYMENT),
                    Pods.waitForPrefect(pipelineImage, apiUrl), environment, startAfter);
        }
    }

    private final labstacks.constructs.kubernetes.OneOffJob job;

    public OneOffJob(Args args, CustomResourceOptions k8s, ComponentResourceOptions options) {
        super(TYPE, args.name(), options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var container = ContainerArgs.builder()
                .name(args.name())
                .image(args.pipelineImage())
                .args(args.command())
                .envFrom(args.environment())
                // A request, not a cap: small, so both local stacks fit a 4-CPU/8 GB minikube (LocalCapacityTest).
                .resources(Containers.size("100m", "128Mi", "1", "1Gi"))
                .securityContext(Containers.restricted())
                .build();
        this.job = new labstacks.constructs.kubernetes.OneOffJob(labstacks.constructs.kubernetes.OneOffJob.Args
                .builder(args.name(), args.namespace(), container)
                .jobName(args.name() + "-" + Images.shortHash(args.pipelineImage()))
                .labels(Pods.selector(args.component()))
                .podLabels(Pods.selector(args.component()))
                .initContainers(List.of(args.waitFor()))
                .podSecurity(Pods.asPipelineUser())
                .backoffLimit(BACKOFF_LIMIT)
                .activeDeadlineSeconds(DEADLINE_SECONDS)
                .startAfter(args.startAfter())
                .build(), child);
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
