package labstacks.moderate;

import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One of the services the code locations use (PostgreSQL, Keycloak, Elasticsearch, RabbitMQ), run as a
 * one-replica StatefulSet with a Service of the same name.
 *
 * @param name        the StatefulSet, Service and pod selector name
 * @param image       a pinned image
 * @param args        container arguments; empty for the image's default
 * @param ports       the container ports; each becomes a Service port of the same name and number
 * @param env         plain environment variables
 * @param envFrom     Secrets the container reads its environment from
 * @param readiness   readiness probe
 * @param liveness    liveness probe
 * @param resources   requests and limits
 * @param uid         the image's own non-root user, or empty where the image must start as root
 * @param data        the persistent volume: mount path and size; empty for none
 * @param extraMounts further mounts (config files)
 * @param volumes     the volumes of those mounts
 */
public record DependencyServiceSpec(
        String name,
        String image,
        List<String> args,
        List<Port> ports,
        List<EnvVarArgs> env,
        List<EnvFromSourceArgs> envFrom,
        ProbeArgs readiness,
        ProbeArgs liveness,
        ResourceRequirementsArgs resources,
        Optional<Integer> uid,
        Optional<DataVolume> data,
        List<VolumeMountArgs> extraMounts,
        List<VolumeArgs> volumes) {

    public DependencyServiceSpec {
        Objects.requireNonNull(name, "name");
        if (image == null || image.endsWith(":latest") || !image.contains(":")) {
            throw new IllegalArgumentException(name + ": the image must be pinned to a tag, got " + image);
        }
        args = List.copyOf(args);
        ports = List.copyOf(ports);
        env = List.copyOf(env);
        envFrom = List.copyOf(envFrom);
        extraMounts = List.copyOf(extraMounts);
        volumes = List.copyOf(volumes);
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(liveness, "liveness");
        Objects.requireNonNull(resources, "resources");
    }

    /** A named TCP port. */
    public record Port(String name, int number) {
    }

    /**
     * A persistent volume claimed per replica.
     *
     * @param mountPath    where the data lives in the container
     * @param size         the claim size, e.g. {@code 10Gi}
     * @param storageClass the storage class; empty for the cluster default
     */
    public record DataVolume(String mountPath, String size, Optional<String> storageClass) {
    }
}
