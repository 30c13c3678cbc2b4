package labstacks.moderate;

import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;

/**
 * One pinned chart from its repository, installed under a fixed release name (the charts derive their
 * Service names from it, and the outputs and NetworkPolicies rely on those).
 */
public final class HelmRelease extends ComponentResource {
    public static final String TYPE = "labstacks:moderate:HelmRelease";

    private final Release release;

    public HelmRelease(String releaseName, String repository, String chart, String version, String namespace,
                       Map<String, Object> values, List<Resource> startAfter, CustomResourceOptions k8s,
                       ComponentResourceOptions options) {
        super(TYPE, releaseName, options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        this.release = new Release(releaseName, ReleaseArgs.builder()
                .name(releaseName)
                .chart(chart)
                .version(version)
                .repositoryOpts(RepositoryOptsArgs.builder().repo(repository).build())
                .namespace(namespace)
                .values(values)
                // First installs pull images and migrate databases; give them time, and roll back on failure.
                .timeout(900)
                .atomic(true)
                .build(), CustomResourceOptions.merge(child, CustomResourceOptions.builder().dependsOn(startAfter).build()));
        registerOutputs(Map.of());
    }

    public Release release() {
        return release;
    }
}
