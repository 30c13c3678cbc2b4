package labstacks.biositing;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.StatefulSet;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.ExecActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.DataRetention;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.constructs.kubernetes.StatefulService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The compose {@code db} service: PostGIS as a one-replica StatefulSet with the {@code pgdata} volume, the
 * {@code create_prefect_db.sql} init script, the compose health check as readiness probe (and, restarted
 * only when it keeps failing, as liveness probe), the compose {@code shm_size}, the {@code db} Service the
 * clients use and the headless {@code db-headless} Service that governs the StatefulSet's pod names.
 */
public final class PostgresDatabase extends ComponentResource {
    public static final String TYPE = "labstacks:biositing:PostgresDatabase";
    static final String INIT_SCRIPT = "create_prefect_db.sql";
    /** The official image's postgres user. */
    static final int POSTGRES_UID = 999;
    /** The governing Service of the StatefulSet: headless, so {@code db-0.db-headless} resolves to the pod. */
    static final String HEADLESS_SERVICE = StatefulService.headlessName(Pods.DB_SERVICE);
    /** Where PostgreSQL listens in the pod, whatever port the Service publishes. */
    static final int POD_PORT = 5432;

    /**
     * Inputs of {@link PostgresDatabase}.
     *
     * @param namespace    the ETL's namespace
     * @param image        the pinned PostGIS image
     * @param servicePort  the port the {@code db} Service publishes (POSTGRES_PORT)
     * @param storage      the size of the {@code pgdata} claim
     * @param storageClass its storage class; empty for the cluster default
     * @param environment  the {@code .env} as envFrom ({@link EtlConfiguration#envFrom()}, so the server waits for it)
     */
    public record Args(String namespace, String image, int servicePort, String storage, Optional<String> storageClass,
                       List<EnvFromSourceArgs> environment) {
        public Args {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(storageClass, "storageClass");
            environment = List.copyOf(environment);
        }
    }

    private final StatefulService server;

    public PostgresDatabase(String name, Args args, CustomResourceOptions k8s, ComponentResourceOptions options) {
        this(name, args, k8s, options, DataRetention.DISPOSABLE);
    }

    /** With {@code retention} for the StatefulSet that owns the {@code pgdata} claim. */
    public PostgresDatabase(String name, Args args, CustomResourceOptions k8s, ComponentResourceOptions options,
                            DataRetention retention) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var namespace = args.namespace();

        var initdb = new ConfigMap("postgres-initdb", ConfigMapArgs.builder()
                .metadata(Pods.metadata("postgres-initdb", namespace, Pods.DATABASE))
                .data(Map.of(INIT_SCRIPT, initScript()))
                .build(), child);

        var healthCheck = ExecActionArgs.builder().command(healthCheck()).build();
        var container = ContainerArgs.builder()
                .name("postgres")
                .image(args.image())
                .ports(ContainerPortArgs.builder().name("postgres").containerPort(POD_PORT).build())
                .envFrom(args.environment())
                // A subdirectory: the volume's root may hold lost+found, which initdb refuses.
                .env(EnvVarArgs.builder().name("PGDATA").value("/var/lib/postgresql/data/pgdata").build())
                .volumeMounts(
                        VolumeMountArgs.builder().name("pgdata").mountPath("/var/lib/postgresql/data").build(),
                        // One file, as compose bind-mounts it: the PostGIS image keeps its own script in the
                        // same directory (10_postgis.sh), which a whole-directory mount would hide.
                        VolumeMountArgs.builder().name("initdb").mountPath("/docker-entrypoint-initdb.d/" + INIT_SCRIPT)
                                .subPath(INIT_SCRIPT).readOnly(true).build(),
                        VolumeMountArgs.builder().name("dshm").mountPath("/dev/shm").build())
                // The compose health check: interval 10s, timeout 5s, retries 5.
                .readinessProbe(ProbeArgs.builder().exec(healthCheck)
                        .periodSeconds(10).timeoutSeconds(5).failureThreshold(5)
                        .build())
                // The first start runs initdb and the PostGIS image's own init scripts; give it five minutes
                // before liveness may restart anything.
                .startupProbe(ProbeArgs.builder().exec(healthCheck)
                        .periodSeconds(10).timeoutSeconds(5).failureThreshold(30)
                        .build())
                // A restart only for a server that stopped answering for two minutes, not for a slow query.
                .livenessProbe(ProbeArgs.builder().exec(healthCheck)
                        .periodSeconds(30).timeoutSeconds(5).failureThreshold(4)
                        .build())
                // The shared memory counts against the memory limit, so the limit leaves room for it.
                .resources(Containers.size("250m", "512Mi", "1", "2Gi"))
                .securityContext(Containers.noEscalation())
                .build();

        // The StatefulSet waits for its headless Service (the pod's DNS record exists from its first start), its
        // account, the init script and the .env, each through the input that names it.
        this.server = new StatefulService(StatefulService.Args.builder(Pods.DB_SERVICE, namespace,
                        Pods.selector(Pods.DATABASE), container,
                        List.of(new StatefulService.Port("postgres", POD_PORT, args.servicePort())))
                .labels(Pods.selector(Pods.DATABASE))
                .podSecurity(Containers.runAs(POSTGRES_UID))
                .volumes(List.of(VolumeArgs.builder().name("initdb")
                                .configMap(ConfigMapVolumeSourceArgs.builder()
                                        .name(ObjectMetadata.nameOf(initdb.metadata())).build())
                                .build(),
                        VolumeArgs.builder().name("dshm")
                                .emptyDir(EmptyDirVolumeSourceArgs.builder().medium("Memory")
                                        .sizeLimit(UpstreamRelease.DATABASE_SHM).build())
                                .build()))
                .volumeClaims(List.of(StatefulService.volumeClaim("pgdata", args.storage(), args.storageClass())))
                .awaitHeadlessService(true)
                .retention(retention)
                .build(), child);
        registerOutputs(Map.of("service", server.serviceName()));
    }

    /** The compose health check, {@code pg_isready -U $POSTGRES_USER -d $POSTGRES_DB}, through a shell. */
    static java.util.List<String> healthCheck() {
        return java.util.List.of("sh", "-c", "pg_isready -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"");
    }

    static String initScript() {
        try (var stream = PostgresDatabase.class.getResourceAsStream(INIT_SCRIPT)) {
            if (stream == null) {
                throw new IllegalStateException(INIT_SCRIPT + " is missing from the biositing-infra jar");
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StatefulSet statefulSet() {
        return server.statefulSet();
    }

    public Service service() {
        return server.service();
    }

    public Service headlessService() {
        return server.headlessService();
    }

    /** The {@code db} Service's name, as an output: a consumer given it waits for the Service. */
    public Output<String> serviceName() {
        return server.serviceName();
    }
}
