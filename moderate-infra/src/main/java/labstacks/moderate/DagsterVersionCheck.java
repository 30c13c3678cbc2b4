package labstacks.moderate;

import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.OneOffJob;
import labstacks.shared.program.ChildOptions;

/**
 * Before the Dagster release, runs the code-location image's own {@code dagster --version} and fails when it is not
 * the chart's version: Dagster supports the chart only with the same Dagster inside the code location
 * (docs.dagster.io, "Deploying Dagster on Helm", Versioning), and {@code moderate:codeLocationDagsterVersion} is
 * only what the operator says the image holds. A failed Job fails {@code pulumi up} at once (pulumi-kubernetes
 * v4.0.0 provider/pkg/await/job.go), before the atomic release would roll back after 15 minutes.
 */
public final class DagsterVersionCheck extends ComponentResource {
    public static final String TYPE = "labstacks:moderate:DagsterVersionCheck";
    static final String NAME = "dagster-version-check";

    /** Any user the image's Python can run as: the check reads installed packages only. */
    static final int NOBODY = 65534;

    /**
     * The check, in POSIX sh. click's version option prints {@code "<prog>, version <version>"}
     * (pallets/click src/click/decorators.py, version_option's default message); the first dotted version on the
     * line is compared, so a changed prefix does not matter. The message names the image, both versions and the fix.
     */
    static final String SCRIPT =
            String.join(
                    "\n",
                    "set -u",
                    "if ! out=$(dagster --version 2>&1); then",
                    "  echo \"dagster-version-check: 'dagster --version' failed in $CODE_LOCATION_IMAGE: $out\" >&2",
                    "  exit 2",
                    "fi",
                    "found=$(printf '%s\\n' \"$out\" | grep -Eo '[0-9]+\\.[0-9]+\\.[0-9]+[A-Za-z0-9.+-]*' | head -n 1)",
                    "if [ \"$found\" != \"$EXPECTED_DAGSTER_VERSION\" ]; then",
                    "  echo \"dagster-version-check: $CODE_LOCATION_IMAGE has dagster ${found:-(none found in: $out)},"
                            + " but the Dagster chart, webserver and daemon are $EXPECTED_DAGSTER_VERSION. Rebuild the code"
                            + " location with dagster==$EXPECTED_DAGSTER_VERSION (see moderate-infra/README.md) and set"
                            + " moderate:codeLocationTag.\" >&2",
                    "  exit 1",
                    "fi",
                    "echo \"dagster-version-check: $CODE_LOCATION_IMAGE has dagster $found, as the chart\"");

    /**
     * Inputs of {@link DagsterVersionCheck}.
     *
     * @param namespace        the platform's namespace
     * @param image            the code location's image, repository and tag
     * @param expectedVersion  the chart's Dagster version
     * @param imagePullSecrets the Secrets the pod pulls the image with
     * @param kubernetes The options of every Kubernetes object the component makes: the explicit provider and what they start after. The component adds itself as their parent (ChildOptions).
     */
    public record Args(
            String namespace,
            String image,
            String expectedVersion,
            List<String> imagePullSecrets,
            CustomResourceOptions kubernetes) {
        public Args {
            Objects.requireNonNull(kubernetes, "kubernetes");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(expectedVersion, "expectedVersion");
            imagePullSecrets = List.copyOf(imagePullSecrets);
        }
    }

    private final Job job;

    public DagsterVersionCheck(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = ChildOptions.of(this, args.kubernetes());
        var container =
                ContainerArgs.builder()
                        .name(NAME)
                        .image(args.image())
                        .imagePullPolicy("Always")
                        .command("sh", "-c", SCRIPT)
                        .env(
                                EnvVarArgs.builder()
                                        .name("EXPECTED_DAGSTER_VERSION")
                                        .value(args.expectedVersion())
                                        .build(),
                                EnvVarArgs.builder()
                                        .name("CODE_LOCATION_IMAGE")
                                        .value(args.image())
                                        .build())
                        // The message is the pod's termination message, which kubectl describe
                        // shows.
                        .terminationMessagePolicy("FallbackToLogsOnError")
                        .resources(Containers.size("50m", "128Mi", "500m", "512Mi"))
                        .securityContext(Containers.restricted())
                        .build();
        this.job =
                new OneOffJob(
                                OneOffJob.Args.builder(NAME, args.namespace(), container)
                                        .podLabels(Map.of(Labels.NAME, NAME))
                                        .podSecurity(Containers.runAs(NOBODY))
                                        // A wrong version stays wrong: no retry. The deadline
                                        // covers pulling the image.
                                        .backoffLimit(0)
                                        .activeDeadlineSeconds(900)
                                        .imagePullSecrets(args.imagePullSecrets())
                                        .build(),
                                child)
                        .job();
        registerOutputs(Map.of());
    }

    public Job job() {
        return job;
    }
}
