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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.DataRetention;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.constructs.kubernetes.StatefulService;
import labstacks.shared.program.ChildOptions;

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
     * Inputs of {@link PostgresDatabase}; build with {@link #builder()}. Fields without a default are
     * required.
     */
    public static final class Args {
        private final String namespace;
        private final String image;
        private final int servicePort;
        private final String storage;
        private final Optional<String> storageClass;
        private final List<EnvFromSourceArgs> environment;
        private final DataRetention retention;
        private final CustomResourceOptions kubernetes;

        private Args(Builder builder) {
            this.namespace = Objects.requireNonNull(builder.namespace, "namespace");
            this.image = Objects.requireNonNull(builder.image, "image");
            this.servicePort = builder.servicePort;
            this.storage = Objects.requireNonNull(builder.storage, "storage");
            this.storageClass = Objects.requireNonNull(builder.storageClass, "storageClass");
            this.environment =
                    List.copyOf(Objects.requireNonNull(builder.environment, "environment"));
            this.retention = Objects.requireNonNull(builder.retention, "retention");
            this.kubernetes = Objects.requireNonNull(builder.kubernetes, "kubernetes");
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The ETL's namespace. */
        public String namespace() {
            return namespace;
        }

        /** The pinned PostGIS image. */
        public String image() {
            return image;
        }

        /** The port the {@code db} Service publishes (POSTGRES_PORT). */
        public int servicePort() {
            return servicePort;
        }

        /** The size of the {@code pgdata} claim. */
        public String storage() {
            return storage;
        }

        /** Its storage class; empty for the cluster default. */
        public Optional<String> storageClass() {
            return storageClass;
        }

        /** The {@code .env} as envFrom ({@link EtlConfiguration#envFrom()}, so the server waits for it). */
        public List<EnvFromSourceArgs> environment() {
            return environment;
        }

        /**
         * Whether the objects that hold data are protected and retained (DataRetention.of the stack).
         * Default: {@code DataRetention.DISPOSABLE}.
         */
        public DataRetention retention() {
            return retention;
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
            private String namespace;
            private String image;
            private int servicePort;
            private String storage;
            private Optional<String> storageClass;
            private List<EnvFromSourceArgs> environment;
            private DataRetention retention = DataRetention.DISPOSABLE;
            private CustomResourceOptions kubernetes;

            private Builder() {}

            /** See {@link Args#namespace()}. */
            public Builder namespace(String value) {
                this.namespace = value;
                return this;
            }

            /** See {@link Args#image()}. */
            public Builder image(String value) {
                this.image = value;
                return this;
            }

            /** See {@link Args#servicePort()}. */
            public Builder servicePort(int value) {
                this.servicePort = value;
                return this;
            }

            /** See {@link Args#storage()}. */
            public Builder storage(String value) {
                this.storage = value;
                return this;
            }

            /** See {@link Args#storageClass()}. */
            public Builder storageClass(Optional<String> value) {
                this.storageClass = value;
                return this;
            }

            /** See {@link Args#environment()}. */
            public Builder environment(List<EnvFromSourceArgs> value) {
                this.environment = value;
                return this;
            }

            /** See {@link Args#retention()}. */
            public Builder retention(DataRetention value) {
                this.retention = value;
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
    }

    private final StatefulService server;

    public PostgresDatabase(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = ChildOptions.of(this, args.kubernetes());
        var namespace = args.namespace();

        var initdb =
                new ConfigMap(
                        "postgres-initdb",
                        ConfigMapArgs.builder()
                                .metadata(
                                        Pods.metadata("postgres-initdb", namespace, Pods.DATABASE))
                                .data(Map.of(INIT_SCRIPT, initScript()))
                                .build(),
                        child);

        var healthCheck = ExecActionArgs.builder().command(healthCheck()).build();
        var container =
                ContainerArgs.builder()
                        .name("postgres")
                        .image(args.image())
                        .ports(
                                ContainerPortArgs.builder()
                                        .name("postgres")
                                        .containerPort(POD_PORT)
                                        .build())
                        .envFrom(args.environment())
                        // A subdirectory: the volume's root may hold lost+found, which initdb
                        // refuses.
                        .env(
                                EnvVarArgs.builder()
                                        .name("PGDATA")
                                        .value("/var/lib/postgresql/data/pgdata")
                                        .build())
                        .volumeMounts(
                                VolumeMountArgs.builder()
                                        .name("pgdata")
                                        .mountPath("/var/lib/postgresql/data")
                                        .build(),
                                // One file, as compose bind-mounts it: the PostGIS image keeps its
                                // own script in the
                                // same directory (10_postgis.sh), which a whole-directory mount
                                // would hide.
                                VolumeMountArgs.builder()
                                        .name("initdb")
                                        .mountPath("/docker-entrypoint-initdb.d/" + INIT_SCRIPT)
                                        .subPath(INIT_SCRIPT)
                                        .readOnly(true)
                                        .build(),
                                VolumeMountArgs.builder()
                                        .name("dshm")
                                        .mountPath("/dev/shm")
                                        .build())
                        // The compose health check: interval 10s, timeout 5s, retries 5.
                        .readinessProbe(
                                ProbeArgs.builder()
                                        .exec(healthCheck)
                                        .periodSeconds(10)
                                        .timeoutSeconds(5)
                                        .failureThreshold(5)
                                        .build())
                        // The first start runs initdb and the PostGIS image's own init scripts;
                        // give it five minutes
                        // before liveness may restart anything.
                        .startupProbe(
                                ProbeArgs.builder()
                                        .exec(healthCheck)
                                        .periodSeconds(10)
                                        .timeoutSeconds(5)
                                        .failureThreshold(30)
                                        .build())
                        // A restart only for a server that stopped answering for two minutes, not
                        // for a slow query.
                        .livenessProbe(
                                ProbeArgs.builder()
                                        .exec(healthCheck)
                                        .periodSeconds(30)
                                        .timeoutSeconds(5)
                                        .failureThreshold(4)
                                        .build())
                        // The shared memory counts against the memory limit, so the limit leaves
                        // room for it.
                        .resources(Containers.size("250m", "512Mi", "1", "2Gi"))
                        .securityContext(Containers.noEscalation())
                        .build();

        // The StatefulSet waits for its headless Service (the pod's DNS record exists from its
        // first start), its
        // account, the init script and the .env, each through the input that names it.
        this.server =
                new StatefulService(
                        StatefulService.Args.builder(
                                        Pods.DB_SERVICE,
                                        namespace,
                                        Pods.selector(Pods.DATABASE),
                                        container,
                                        List.of(
                                                new StatefulService.Port(
                                                        "postgres", POD_PORT, args.servicePort())))
                                .labels(Pods.selector(Pods.DATABASE))
                                .podSecurity(Containers.runAs(POSTGRES_UID))
                                .volumes(
                                        List.of(
                                                VolumeArgs.builder()
                                                        .name("initdb")
                                                        .configMap(
                                                                ConfigMapVolumeSourceArgs.builder()
                                                                        .name(
                                                                                ObjectMetadata
                                                                                        .nameOf(
                                                                                                initdb
                                                                                                        .metadata()))
                                                                        .build())
                                                        .build(),
                                                VolumeArgs.builder()
                                                        .name("dshm")
                                                        .emptyDir(
                                                                EmptyDirVolumeSourceArgs.builder()
                                                                        .medium("Memory")
                                                                        .sizeLimit(
                                                                                UpstreamRelease
                                                                                        .DATABASE_SHM)
                                                                        .build())
                                                        .build()))
                                .volumeClaims(
                                        List.of(
                                                StatefulService.volumeClaim(
                                                        "pgdata",
                                                        args.storage(),
                                                        args.storageClass())))
                                .awaitHeadlessService(true)
                                .retention(args.retention())
                                .build(),
                        child);
        registerOutputs(Map.of("service", server.serviceName()));
    }

    /** The compose health check, {@code pg_isready -U $POSTGRES_USER -d $POSTGRES_DB}, through a shell. */
    static List<String> healthCheck() {
        return List.of("sh", "-c", "pg_isready -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"");
    }

    static String initScript() {
        try (var stream = PostgresDatabase.class.getResourceAsStream(INIT_SCRIPT)) {
            if (stream == null) {
                throw new IllegalStateException(
                        INIT_SCRIPT + " is missing from the biositing-infra jar");
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
