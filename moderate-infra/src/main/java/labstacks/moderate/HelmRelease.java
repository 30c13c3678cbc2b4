package labstacks.moderate;

import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One pinned chart from its repository, installed under a fixed release name (the charts derive their
 * Service names from it, and the outputs and NetworkPolicies rely on those).
 */
public final class HelmRelease extends ComponentResource {
    public static final String TYPE = "labstacks:moderate:HelmRelease";

    private final Release release;

    /**
     * Inputs of {@link HelmRelease}.
     *
     * @param releaseName the release name, from which the charts derive their objects' names
     * @param repository  the chart repository's URL
     * @param chart       the chart's name
     * @param version     the chart's pinned version
     * @param namespace   the namespace of the release and its objects
     * @param values      the values; they name Secrets but never hold one
     * @param startAfter  what must exist before the install starts although the values only name it (Secrets,
     *                    ServiceAccounts, databases the chart's pods use)
     */
    public record Args(String releaseName, String repository, String chart, String version, String namespace,
                       Map<String, Object> values, List<Resource> startAfter) {
        public Args {
            Objects.requireNonNull(releaseName, "releaseName");
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(chart, "chart");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(values, "values");
            startAfter = List.copyOf(startAfter);
        }
    }

    public HelmRelease(Args args, CustomResourceOptions k8s, ComponentResourceOptions options) {
        super(TYPE, args.releaseName(), options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        this.release = new Release(args.releaseName(), ReleaseArgs.builder()
                .name(args.releaseName())
                .chart(args.chart())
                .version(args.version())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(args.repository()).build())
                .namespace(args.namespace())
                .values(args.values())
                // First installs pull images and migrate databases; give them time, and roll back on failure.
                .timeout(900)
                .atomic(true)
                .build(), CustomResourceOptions.merge(child, CustomResourceOptions.builder()
                        // Explicit: the chart's pods read these by the names in the values, which Pulumi cannot
                        // see through, and an atomic install fails (and rolls back) when a pod cannot start.
                        .dependsOn(new ArrayList<>(args.startAfter())).build()));
        registerOutputs(Map.of());
    }

    public Release release() {
        return release;
    }
}
