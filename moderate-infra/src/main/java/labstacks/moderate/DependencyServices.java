package labstacks.moderate;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.ExecActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.HTTPGetActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretEnvSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.StatefulService;
import labstacks.constructs.kubernetes.StatefulService.Port;

/**
 * The four dependency services as {@link StatefulService} inputs, with the images, ports, probes and sizes of the
 * original deployment (docker-compose for local, Terraform for production). Each returns the construct's
 * builder, so the program adds what is the stack's (retention, startAfter) by name.
 */
final class DependencyServices {
    static final String POSTGRES_IMAGE = "postgres:14.13";
    static final String KEYCLOAK_IMAGE = "quay.io/keycloak/keycloak:22.0.5";
    static final String ELASTICSEARCH_IMAGE =
            "docker.elastic.co/elasticsearch/elasticsearch:7.17.13";
    static final String RABBITMQ_IMAGE = "rabbitmq:4.0.5-management";

    private DependencyServices() {}

    private static List<EnvFromSourceArgs> fromSecret(Output<String> name) {
        return List.of(
                EnvFromSourceArgs.builder()
                        .secretRef(SecretEnvSourceArgs.builder().name(name).build())
                        .build());
    }

    private static ProbeArgs exec(
            List<String> command, int initialDelay, int period, int timeout, int failures) {
        return ProbeArgs.builder()
                .exec(ExecActionArgs.builder().command(command).build())
                .initialDelaySeconds(initialDelay)
                .periodSeconds(period)
                .timeoutSeconds(timeout)
                .failureThreshold(failures)
                .build();
    }

    private static ProbeArgs http(
            String path, String port, int initialDelay, int period, int timeout, int failures) {
        return ProbeArgs.builder()
                .httpGet(HTTPGetActionArgs.builder().path(path).port(port).build())
                .initialDelaySeconds(initialDelay)
                .periodSeconds(period)
                .timeoutSeconds(timeout)
                .failureThreshold(failures)
                .build();
    }

    /** PostgreSQL 14 for Dagster, Keycloak and OpenMetadata; {@link PostgresAppUsers} creates their users and databases. */
    static StatefulService.Builder postgres(
            String namespace,
            Output<String> credentialsSecret,
            String storage,
            Optional<String> storageClass) {
        var ready = List.of("sh", "-c", "pg_isready -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"");
        return server(
                namespace,
                Labels.POSTGRES,
                POSTGRES_IMAGE,
                ContainerArgs.builder()
                        .env(
                                List.of(
                                        env("POSTGRES_USER", PlatformSecrets.POSTGRES_USER),
                                        env("POSTGRES_DB", "dagster"),
                                        env("PGDATA", "/var/lib/postgresql/data/pgdata")))
                        .envFrom(fromSecret(credentialsSecret))
                        .readinessProbe(exec(ready, 5, 10, 5, 6))
                        .livenessProbe(exec(ready, 30, 10, 5, 6))
                        .resources(Containers.size("250m", "512Mi", "1", "2Gi")),
                List.of(new Port("postgres", 5432)),
                Optional.of(999),
                Optional.of(new DataVolume("/var/lib/postgresql/data", storage, storageClass)));
    }

    /**
     * Keycloak 22 on PostgreSQL, with its health endpoints on; start-dev locally, start with a hostname in production.
     *
     * @param strictHostname    with {@code start}: the host name Keycloak fixes as its own; empty for {@code start-dev}
     * @param publicUrl         Keycloak's public root URL, its one frontend address with {@code start-dev}
     * @param postgresService   the name of PostgreSQL's Service, as an output
     * @param credentialsSecret the name of the Secret with the admin's and the database user's passwords
     */
    static StatefulService.Builder keycloak(
            String namespace,
            Optional<String> strictHostname,
            String publicUrl,
            Output<String> postgresService,
            Output<String> credentialsSecret) {
        var args = new ArrayList<String>();
        if (strictHostname.isPresent()) {
            args.add("start");
            args.add("--hostname=" + strictHostname.get());
        } else {
            args.add("start-dev");
        }
        var env =
                new ArrayList<>(
                        List.of(
                                env("KC_DB", "postgres"),
                                EnvVarArgs.builder()
                                        .name("KC_DB_URL_HOST")
                                        .value(postgresService)
                                        .build(),
                                env("KC_DB_URL_PORT", "5432"),
                                env("KC_DB_URL_DATABASE", PostgresAppUsers.KEYCLOAK),
                                env("KC_DB_USERNAME", PostgresAppUsers.KEYCLOAK),
                                env("KC_PROXY", "edge"),
                                env("KC_HEALTH_ENABLED", "true"),
                                env("KC_HTTP_ENABLED", "true"),
                                env(
                                        "KC_HOSTNAME_STRICT",
                                        strictHostname.isPresent() ? "true" : "false"),
                                env("KC_LOG_LEVEL", "info")));
        if (strictHostname.isEmpty()) {
            // One frontend address whoever asks: tokens carry this issuer whether the browser or a
            // pod fetched them.
            env.add(env("KC_HOSTNAME_URL", publicUrl));
        }
        return server(
                namespace,
                Labels.KEYCLOAK,
                KEYCLOAK_IMAGE,
                ContainerArgs.builder()
                        .args(args)
                        .env(env)
                        .envFrom(fromSecret(credentialsSecret))
                        // Production waited 180 s before probing: the first start migrates the
                        // database.
                        .readinessProbe(http("/health/ready", "http", 60, 10, 10, 18))
                        .livenessProbe(http("/health/live", "http", 180, 10, 10, 3))
                        .resources(Containers.size("100m", "512Mi", "2", "2Gi")),
                List.of(new Port("http", 8080)),
                Optional.of(1000),
                Optional.empty());
    }

    /** Elasticsearch 7.17 single-node, OpenMetadata's search backend. */
    static StatefulService.Builder elasticsearch(
            String namespace, String storage, Optional<String> storageClass) {
        return server(
                namespace,
                Labels.ELASTICSEARCH,
                ELASTICSEARCH_IMAGE,
                ContainerArgs.builder()
                        .env(
                                List.of(
                                        env("discovery.type", "single-node"),
                                        env("ES_JAVA_OPTS", "-Xms1g -Xmx1g"),
                                        env("xpack.security.enabled", "false")))
                        .envFrom(List.of())
                        .readinessProbe(http("/_cluster/health", "http", 30, 10, 5, 3))
                        .livenessProbe(http("/_cluster/health", "http", 30, 10, 5, 6))
                        .resources(Containers.size("150m", "1536Mi", "1", "2Gi")),
                List.of(new Port("http", 9200)),
                // Runs as uid 1000 with fsGroup 1000, which makes the volume writable without the
                // original's
                // privileged chown init container.
                Optional.of(1000),
                Optional.of(
                        new DataVolume("/usr/share/elasticsearch/data", storage, storageClass)));
    }

    /** RabbitMQ 4 with management, user rabbit; now with a volume (production had none). */
    static StatefulService.Builder rabbitmq(
            String namespace,
            Output<String> credentialsSecret,
            String storage,
            Optional<String> storageClass) {
        var ping = List.of("rabbitmq-diagnostics", "-q", "ping");
        return server(
                namespace,
                Labels.RABBITMQ,
                RABBITMQ_IMAGE,
                ContainerArgs.builder()
                        .env(List.of())
                        .envFrom(fromSecret(credentialsSecret))
                        .readinessProbe(exec(ping, 5, 10, 10, 3))
                        .livenessProbe(exec(ping, 30, 10, 10, 3))
                        .resources(Containers.size("100m", "256Mi", "1", "2Gi")),
                List.of(new Port("amqp", 5672), new Port("management", 15672)),
                Optional.of(999),
                Optional.of(new DataVolume("/var/lib/rabbitmq", storage, storageClass)));
    }

    /**
     * A one-replica server: its container (arguments, environment, probes, resources already set) gets the
     * name, the pinned image, the ports and the data mount; the pod runs as {@code uid} where the image has its
     * own non-root user (and as root without privilege escalation where it must start as root).
     */
    private static StatefulService.Builder server(
            String namespace,
            String name,
            String image,
            ContainerArgs.Builder container,
            List<Port> ports,
            Optional<Integer> uid,
            Optional<DataVolume> data) {
        pinned(name, image);
        container
                .name(name)
                .image(image)
                .ports(
                        ports.stream()
                                .map(
                                        port ->
                                                ContainerPortArgs.builder()
                                                        .name(port.name())
                                                        .containerPort(port.containerPort())
                                                        .build())
                                .toList())
                .securityContext(
                        uid.isPresent() ? Containers.restricted() : Containers.noEscalation());
        container.volumeMounts(
                data.map(
                                volume ->
                                        List.of(
                                                VolumeMountArgs.builder()
                                                        .name("data")
                                                        .mountPath(volume.mountPath())
                                                        .build()))
                        .orElse(List.of()));
        return StatefulService.Args.builder(
                        name, namespace, Labels.service(name), container.build(), ports)
                .volumeClaims(
                        data.map(
                                        volume ->
                                                List.of(
                                                        StatefulService.volumeClaim(
                                                                "data",
                                                                volume.size(),
                                                                volume.storageClass())))
                                .orElse(List.of()))
                .podSecurity(uid.map(Containers::runAs))
                // Clients (Keycloak's and OpenMetadata's pods, the users Job) retry until the
                // server is ready; the
                // headless Service publishes the pod's DNS name before that
                // (postgres-0.postgres-headless).
                .publishNotReadyAddresses(true)
                // The headless Service registers after the StatefulSet, as it did before this
                // construct existed:
                // waiting for it would add a dependency and change the plan of every existing
                // stack.
                .awaitHeadlessService(false);
    }

    /** Refuses an image without a tag, or with {@code latest}: a restart could run another version. */
    static void pinned(String name, String image) {
        if (image == null || image.endsWith(":latest") || !image.contains(":")) {
            throw new IllegalArgumentException(
                    name + ": the image must be pinned to a tag, got " + image);
        }
    }

    /**
     * A persistent volume claimed per replica.
     *
     * @param mountPath    where the data lives in the container
     * @param size         the claim size, e.g. {@code 10Gi}
     * @param storageClass the storage class; empty for the cluster default
     */
    record DataVolume(String mountPath, String size, Optional<String> storageClass) {}

    private static EnvVarArgs env(String name, String value) {
        return EnvVarArgs.builder().name(name).value(value).build();
    }
}
