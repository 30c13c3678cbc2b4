package labstacks.moderate;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretKeySelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.constructs.kubernetes.OneOffJob;
import labstacks.shared.program.ChildOptions;

/**
 * One PostgreSQL user per application, owning its databases, as production had one Cloud SQL user per
 * application: {@code dagster} (Dagster's storage, the code location's state database and the dataset
 * database; CREATEDB because the code location creates its state database if missing), {@code keycloak} and
 * {@code openmetadata}. A Job rather than an initdb script, so that it also runs against an existing data
 * directory; every statement is idempotent and passwords are (re)set from the stack's secrets on each run.
 */
public final class PostgresAppUsers extends ComponentResource {
    public static final String TYPE = "labstacks:moderate:PostgresAppUsers";
    static final String NAME = "postgres-app-users";
    static final String DAGSTER = HelmCharts.POSTGRES_DAGSTER_USER;
    static final String KEYCLOAK = "keycloak";
    static final String OPENMETADATA = HelmCharts.POSTGRES_OPENMETADATA_USER;

    /** A user, the key of its password in its application's Secret, and the databases it owns. */
    record AppUser(String name, String key, boolean createDb, List<String> databases) {
        String passwordVariable() {
            return name.toUpperCase() + "_PASSWORD";
        }
    }

    static final List<AppUser> USERS =
            List.of(
                    new AppUser(
                            DAGSTER,
                            "postgresql-password",
                            true,
                            List.of(
                                    "dagster",
                                    "moderate_workflows_dagster_state",
                                    "building_stock_analysis")),
                    new AppUser(KEYCLOAK, "KC_DB_PASSWORD", false, List.of("keycloak")),
                    new AppUser(
                            OPENMETADATA,
                            "openmetadata-postgres-password",
                            false,
                            List.of("openmetadata")));

    /**
     * Inputs of {@link PostgresAppUsers}; build with {@link #builder()}. Fields without a default are
     * required.
     */
    public static final class Args {
        private final String namespace;
        private final String image;
        private final Output<String> server;
        private final Resource postgres;
        private final Output<String> superuserSecret;
        private final Map<String, Output<String>> passwordSecrets;
        private final CustomResourceOptions kubernetes;

        private Args(Builder builder) {
            this.namespace = Objects.requireNonNull(builder.namespace, "namespace");
            this.image = Objects.requireNonNull(builder.image, "image");
            this.server = Objects.requireNonNull(builder.server, "server");
            this.postgres = Objects.requireNonNull(builder.postgres, "postgres");
            this.superuserSecret =
                    Objects.requireNonNull(builder.superuserSecret, "superuserSecret");
            this.passwordSecrets =
                    Map.copyOf(Objects.requireNonNull(builder.passwordSecrets, "passwordSecrets"));
            this.kubernetes = Objects.requireNonNull(builder.kubernetes, "kubernetes");
            var users = USERS.stream().map(AppUser::name).collect(Collectors.toSet());
            if (!passwordSecrets.keySet().equals(users)) {
                throw new IllegalArgumentException(
                        "a password Secret for each of "
                                + users
                                + ", got "
                                + passwordSecrets.keySet());
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The platform's namespace. */
        public String namespace() {
            return namespace;
        }

        /** The PostgreSQL image whose psql runs the script (the server's own). */
        public String image() {
            return image;
        }

        /** The name of PostgreSQL's Service, as an output. */
        public Output<String> server() {
            return server;
        }

        /** PostgreSQL's server, which the Job waits for (ready, not only declared). */
        public Resource postgres() {
            return postgres;
        }

        /** The name of the Secret holding {@code POSTGRES_PASSWORD}, as an output. */
        public Output<String> superuserSecret() {
            return superuserSecret;
        }

        /** Per user of {@link #USERS}, the name of the Secret holding its password. */
        public Map<String, Output<String>> passwordSecrets() {
            return passwordSecrets;
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
            private Output<String> server;
            private Resource postgres;
            private Output<String> superuserSecret;
            private Map<String, Output<String>> passwordSecrets;
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

            /** See {@link Args#server()}. */
            public Builder server(Output<String> value) {
                this.server = value;
                return this;
            }

            /** See {@link Args#postgres()}. */
            public Builder postgres(Resource value) {
                this.postgres = value;
                return this;
            }

            /** See {@link Args#superuserSecret()}. */
            public Builder superuserSecret(Output<String> value) {
                this.superuserSecret = value;
                return this;
            }

            /** See {@link Args#passwordSecrets()}. */
            public Builder passwordSecrets(Map<String, Output<String>> value) {
                this.passwordSecrets = value;
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

    private final Job job;

    public PostgresAppUsers(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var namespace = args.namespace();
        var child = ChildOptions.of(this, args.kubernetes());
        var script =
                new ConfigMap(
                        NAME,
                        ConfigMapArgs.builder()
                                .metadata(Labels.metadata(NAME, namespace))
                                .data(Map.of("app-users.sql", sql()))
                                .build(),
                        child);

        var env = new ArrayList<EnvVarArgs>();
        env.add(fromSecret("PGPASSWORD", args.superuserSecret(), "POSTGRES_PASSWORD"));
        var psql = new ArrayList<String>();
        for (var user : USERS) {
            env.add(
                    fromSecret(
                            user.passwordVariable(),
                            args.passwordSecrets().get(user.name()),
                            user.key()));
            // psql variables, quoted by psql itself (:'name'), so a password needs no escaping
            // here.
            psql.add("-v");
            psql.add(user.name() + "_password=$(" + user.passwordVariable() + ")");
        }
        psql.add("-f");
        psql.add("/scripts/app-users.sql");
        var command =
                args.server()
                        .applyValue(
                                server -> {
                                    var full =
                                            new ArrayList<>(
                                                    List.of(
                                                            "psql",
                                                            "-v",
                                                            "ON_ERROR_STOP=1",
                                                            "-h",
                                                            server,
                                                            "-U",
                                                            PlatformSecrets.POSTGRES_USER,
                                                            "-d",
                                                            "postgres"));
                                    full.addAll(psql);
                                    return List.copyOf(full);
                                });
        var container =
                ContainerArgs.builder()
                        .name(NAME)
                        .image(args.image())
                        .command(command)
                        .env(env)
                        .volumeMounts(
                                VolumeMountArgs.builder()
                                        .name("scripts")
                                        .mountPath("/scripts")
                                        .readOnly(true)
                                        .build())
                        .resources(Containers.size("10m", "32Mi", "200m", "128Mi"))
                        .securityContext(Containers.restricted())
                        .build();
        this.job =
                new OneOffJob(
                                OneOffJob.Args.builder(NAME, namespace, container)
                                        .podLabels(Map.of(Labels.NAME, NAME))
                                        .podSecurity(Containers.runAs(999))
                                        .volumes(
                                                List.of(
                                                        VolumeArgs.builder()
                                                                .name("scripts")
                                                                .configMap(
                                                                        ConfigMapVolumeSourceArgs
                                                                                .builder()
                                                                                .name(
                                                                                        ObjectMetadata
                                                                                                .nameOf(
                                                                                                        script
                                                                                                                .metadata()))
                                                                                .build())
                                                                .build()))
                                        .backoffLimit(6)
                                        // psql takes seconds once the server is ready; the bound
                                        // covers pulls and the retries' back-off.
                                        .activeDeadlineSeconds(900)
                                        // The Service answers before PostgreSQL accepts logins: the
                                        // Job starts once the StatefulSet is ready.
                                        .startAfter(List.of(args.postgres()))
                                        .build(),
                                child)
                        .job();
        registerOutputs(Map.of());
    }

    private static EnvVarArgs fromSecret(String name, Output<String> secret, String key) {
        return EnvVarArgs.builder()
                .name(name)
                .valueFrom(
                        EnvVarSourceArgs.builder()
                                .secretKeyRef(
                                        SecretKeySelectorArgs.builder()
                                                .name(secret)
                                                .key(key)
                                                .build())
                                .build())
                .build();
    }

    /** Idempotent: creates what is missing, then sets passwords and owners every time. */
    static String sql() {
        var sql =
                new StringBuilder(
                        "-- Users and databases of the MODERATE services; safe to run again.\n");
        for (var user : USERS) {
            sql.append("SELECT 'CREATE ROLE ")
                    .append(user.name())
                    .append(" LOGIN' WHERE NOT EXISTS ")
                    .append("(SELECT FROM pg_roles WHERE rolname = '")
                    .append(user.name())
                    .append("') \\gexec\n");
            sql.append("ALTER ROLE ")
                    .append(user.name())
                    .append(" WITH LOGIN ")
                    .append(user.createDb() ? "CREATEDB" : "NOCREATEDB")
                    .append(" PASSWORD :'")
                    .append(user.name())
                    .append("_password';\n");
            for (var database : user.databases()) {
                sql.append("SELECT 'CREATE DATABASE ")
                        .append(database)
                        .append(" OWNER ")
                        .append(user.name())
                        .append("' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '")
                        .append(database)
                        .append("') \\gexec\n");
                sql.append("ALTER DATABASE ")
                        .append(database)
                        .append(" OWNER TO ")
                        .append(user.name())
                        .append(";\n");
            }
        }
        return sql.toString();
    }

    public Job job() {
        return job;
    }
}
