package labstacks.biositing;

import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.batch.v1.JobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import labstacks.shared.kubernetes.Containers;

import java.util.List;
import java.util.Map;

/**
 * A compose one-off ({@code docker compose run --rm}) as a Job: one init container waits for what the
 * compose {@code depends_on} waited for, then the command runs once. The Job's name carries a hash of
 * the image, so a new image runs it again while re-deploying the same image does not.
 *
 * @see #migration
 * @see #flowDeployment
 */
public final class OneOffJob extends ComponentResource {
    public static final String TYPE = "labstacks:biositing:OneOffJob";

    private final Job job;
    private final String jobName;

    private OneOffJob(String name, String component, List<String> args, ContainerArgs waitFor,
                      BiositingSettings settings, EtlConfiguration configuration, List<Resource> startAfter,
                      CustomResourceOptions k8s, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        this.jobName = name + "-" + Images.shortHash(settings.pipelineImage());
        var account = Pods.serviceAccount(name, settings.namespace(), component, child);
        var after = new java.util.ArrayList<Resource>(startAfter);
        after.add(account);
        this.job = new Job(name, JobArgs.builder()
                .metadata(Pods.metadata(jobName, settings.namespace(), component))
                .spec(JobSpecArgs.builder()
                        .backoffLimit(2)
                        .activeDeadlineSeconds(1800)
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(Pods.podMetadata(component))
                                .spec(PodSpecArgs.builder()
                                        .serviceAccountName(name)
                                        .securityContext(Pods.asPipelineUser())
                                        .restartPolicy("Never")
                                        .initContainers(waitFor)
                                        .containers(ContainerArgs.builder()
                                                .name(name)
                                                .image(settings.pipelineImage())
                                                .args(args)
                                                .envFrom(Pods.dotEnv(configuration))
                                                .resources(Containers.size("100m", "256Mi", "1", "1Gi"))
                                                .securityContext(Containers.restricted())
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.merge(child, CustomResourceOptions.builder()
                        .dependsOn(after)
                        // Job pod templates are immutable: a changed Job must be replaced, not patched.
                        .deleteBeforeReplace(true)
                        .build()));
        registerOutputs(Map.of());
    }

    /**
     * The compose {@code setup-db}: upstream's migration command once the database accepts connections. The
     * image's entrypoint activates the pixi environment and runs the arguments from {@code /app}, where the
     * release's {@code alembic/} and {@code alembic.ini} are; {@code alembic/env.py} reads {@code DATABASE_URL}.
     */
    static OneOffJob migration(BiositingSettings settings, EtlConfiguration configuration, Resource database,
                               CustomResourceOptions k8s) {
        return new OneOffJob("setup-db", Pods.MIGRATION, UpstreamRelease.MIGRATION_COMMAND,
                Pods.waitForDatabase(settings.postgresImage(), configuration), settings, configuration,
                List.of(database), k8s, ComponentResourceOptions.Empty);
    }

    /** Registers {@code master-etl-deployment} from the image's {@code prefect.yaml} once the server answers. */
    static OneOffJob flowDeployment(BiositingSettings settings, EtlConfiguration configuration, List<Resource> startAfter,
                                    CustomResourceOptions k8s) {
        return new OneOffJob("prefect-deploy", Pods.FLOW_DEPLOYMENT,
                List.of("prefect", "--no-prompt", "deploy", "--name", BiositingProgram.FLOW_DEPLOYMENT),
                Pods.waitForPrefect(settings.pipelineImage(), EtlConfiguration.apiUrl()), settings, configuration,
                startAfter, k8s, ComponentResourceOptions.Empty);
    }

    public Job job() {
        return job;
    }

    public String jobName() {
        return jobName;
    }
}
