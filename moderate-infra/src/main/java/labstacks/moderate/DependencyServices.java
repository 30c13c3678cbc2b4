package labstacks.moderate;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.ExecActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.HTTPGetActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretEnvSourceArgs;
import labstacks.moderate.DependencyServiceSpec.DataVolume;
import labstacks.moderate.DependencyServiceSpec.Port;
import labstacks.constructs.kubernetes.Containers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The specs of the four dependency services, with the images, ports, probes and sizes of the original
 * deployment (docker-compose for local, Terraform for production).
 */
final class DependencyServices {
    static final String POSTGRES_IMAGE = "postgres:14.13";
    static final String KEYCLOAK_IMAGE = "quay.io/keycloak/keycloak:22.0.5";
    static final String ELASTICSEARCH_IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:7.17.13";
    static final String RABBITMQ_IMAGE = "rabbitmq:4.0.5-management";
    private DependencyServices() {
    }

    private static List<EnvFromSourceArgs> fromSecret(Output<String> name) {
        return List.of(EnvFromSourceArgs.builder().secretRef(SecretEnvSourceArgs.builder().name(name).build()).build());
    }

    private static ProbeArgs exec(List<String> command, int initialDelay, int period, int timeout, int failures) {
        return ProbeArgs.builder().exec(ExecActionArgs.builder().command(command).build())
                .initialDelaySeconds(initialDelay).periodSeconds(period).timeoutSeconds(timeout)
                .failureThreshold(failures).build();
    }

    private static ProbeArgs http(String path, String port, int initialDelay, int period, int timeout, int failures) {
        return ProbeArgs.builder().httpGet(HTTPGetActionArgs.builder().path(path).port(port).build())
                .initialDelaySeconds(initialDelay).periodSeconds(period).timeoutSeconds(timeout)
                .failureThreshold(failures).build();
    }

    /** PostgreSQL 14 for Dagster, Keycloak and OpenMetadata; {@link PostgresAppUsers} creates their users and databases. */
    static DependencyServiceSpec postgres(Output<String> credentialsSecret, String storage, Optional<String> storageClass) {
        var ready = List.of("sh", "-c", "pg_isready -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"");
        return new DependencyServiceSpec(Labels.POSTGRES, POSTGRES_IMAGE, List.of(),
                List.of(new Port("postgres", 5432)),
                List.of(env("POSTGRES_USER", PlatformSecrets.POSTGRES_USER), env("POSTGRES_DB", "dagster"),
                        env("PGDATA", "/var/lib/postgresql/data/pgdata")),
                fromSecret(credentialsSecret),
                exec(ready, 5, 10, 5, 6), exec(ready, 30, 10, 5, 6),
                Containers.size("250m", "512Mi", "1", "2Gi"),
                Optional.of(999),
                Optional.of(new DataVolume("/var/lib/postgresql/data", storage, storageClass)),
                List.of(), List.of());
    }

    /**
     * Keycloak 22 on PostgreSQL, with its health endpoints on; start-dev locally, start with a hostname in production.
     *
     * @param strictHostname    with {@code start}: the host name Keycloak fixes as its own; empty for {@code start-dev}
     * @param publicUrl         Keycloak's public root URL, its one frontend address with {@code start-dev}
     * @param postgresService   the name of PostgreSQL's Service, as an output
     * @param credentialsSecret the name of the Secret with the admin's and the database user's passwords
     */
    static DependencyServiceSpec keycloak(Optional<String> strictHostname, String publicUrl, Output<String> postgresService,
                                          Output<String> credentialsSecret) {
        var args = new ArrayList<String>();
        if (strictHostname.isPresent()) {
            args.add("start");
            args.add("--hostname=" + strictHostname.get());
        } else {
            args.add("start-dev");
        }
        var env = new ArrayList<>(List.of(env("KC_DB", "postgres"),
                EnvVarArgs.builder().name("KC_DB_URL_HOST").value(postgresService).build(),
                env("KC_DB_URL_PORT", "5432"), env("KC_DB_URL_DATABASE", PostgresAppUsers.KEYCLOAK),
                env("KC_DB_USERNAME", PostgresAppUsers.KEYCLOAK),
                env("KC_PROXY", "edge"), env("KC_HEALTH_ENABLED", "true"), env("KC_HTTP_ENABLED", "true"),
                env("KC_HOSTNAME_STRICT", strictHostname.isPresent() ? "true" : "false"),
                env("KC_LOG_LEVEL", "info")));
        if (strictHostname.isEmpty()) {
            // One frontend address whoever asks: tokens carry this issuer whether the browser or a pod fetched them.
            env.add(env("KC_HOSTNAME_URL", publicUrl));
        }
        return new DependencyServiceSpec(Labels.KEYCLOAK, KEYCLOAK_IMAGE, args,
                List.of(new Port("http", 8080)),
                env,
                fromSecret(credentialsSecret),
                // Production waited 180 s before probing: the first start migrates the database.
                http("/health/ready", "http", 60, 10, 10, 18), http("/health/live", "http", 180, 10, 10, 3),
                Containers.size("100m", "512Mi", "2", "2Gi"),
                Optional.of(1000), Optional.empty(), List.of(), List.of());
    }

    /** Elasticsearch 7.17 single-node, OpenMetadata's search backend. */
    static DependencyServiceSpec elasticsearch(String storage, Optional<String> storageClass) {
        return new DependencyServiceSpec(Labels.ELASTICSEARCH, ELASTICSEARCH_IMAGE, List.of(),
                List.of(new Port("http", 9200)),
                List.of(env("discovery.type", "single-node"), env("ES_JAVA_OPTS", "-Xms1g -Xmx1g"),
                        env("xpack.security.enabled", "false")),
                List.of(),
                http("/_cluster/health", "http", 30, 10, 5, 3), http("/_cluster/health", "http", 30, 10, 5, 6),
                Containers.size("150m", "1536Mi", "1", "2Gi"),
                // Runs as uid 1000 with fsGroup 1000, which makes the volume writable without the original's
                // privileged chown init container.
                Optional.of(1000),
                Optional.of(new DataVolume("/usr/share/elasticsearch/data", storage, storageClass)),
                List.of(), List.of());
    }

    /** RabbitMQ 4 with management, user rabbit; now with a volume (production had none). */
    static DependencyServiceSpec rabbitmq(Output<String> credentialsSecret, String storage, Optional<String> storageClass) {
        var ping = List.of("rabbitmq-diagnostics", "-q", "ping");
        return new DependencyServiceSpec(Labels.RABBITMQ, RABBITMQ_IMAGE, List.of(),
                List.of(new Port("amqp", 5672), new Port("management", 15672)),
                List.of(), fromSecret(credentialsSecret),
                exec(ping, 5, 10, 10, 3), exec(ping, 30, 10, 10, 3),
                Containers.size("100m", "256Mi", "1", "2Gi"),
                Optional.of(999),
                Optional.of(new DataVolume("/var/lib/rabbitmq", storage, storageClass)),
                List.of(), List.of());
    }

    private static EnvVarArgs env(String name, String value) {
        return EnvVarArgs.builder().name(name).value(value).build();
    }
}
