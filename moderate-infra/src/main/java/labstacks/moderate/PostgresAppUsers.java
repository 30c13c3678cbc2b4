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
import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.constructs.kubernetes.OneOffJob;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

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

    static final List<AppUser> USERS = List.of(
            new AppUser(DAGSTER, "postgresql-password", true,
                    List.of("dagster", "moderate_workflows_dagster_state", "building_stock_analysis")),
            new AppUser(KEYCLOAK, "KC_DB_PASSWORD", false, List.of("keycloak")),
            new AppUser(OPENMETADATA, "openmetadata-postgres-password", false, List.of("openmetadata")));

    /**
     * Inputs of {@link PostgresAppUsers}.
     *
     * @param namespace         the platform's namespace
     * @param image             the PostgreSQL image whose psql runs the script (the server's own)
     * @param server            the name of PostgreSQL's Service, as an output
     * @param postgres          PostgreSQL's server, which the Job waits for (ready, not only declared)
     * @param superuserSecret   the name of the Secret holding {@code POSTGRES_PASSWORD}, as an output
     * @param passwordSecrets   per user of {@link #USERS}, the name of the Secret holding its password
     */
    public record Args(String namespace, String image, Output<String> server, Resource postgres,
                       Output<String> superuserSecret, Map<String, Output<String>> passwordSecrets) {
        public Args {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(postgres, "postgres");
            Objects.requireNonNull(superuserSecret, "superuserSecret");
            var users = USERS.stream().map(AppUser::name).collect(Collectors.toSet());
            if (!passwordSecrets.keySet().equals(users)) {
                throw new IllegalArgumentException("a password Secret for each of " + users + ", got " + passwordSecrets.keySet());
            }
            passwordSecrets = Map.copyOf(passwordSecrets);
        }
    }

    private final Job job;

    public PostgresAppUsers(Args args, CustomResourceOptions k8s, ComponentResourceOptions options) {
        super(TYPE, NAME, options);
        var namespace = args.namespace();
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var script = new ConfigMap(NAME, ConfigMapArgs.builder()
                .metadata(Labels.metadata(NAME, namespace))
                .data(Map.of("app-users.sql", sql()))
                .build(), child);

        var env = new ArrayList<EnvVarArgs>();
        env.add(fromSecret("PGPASSWORD", args.superuserSecret(), "POSTGRES_PASSWORD"));
        var psql = new ArrayList<String>();
        for (var user : USERS) {
            env.add(fromSecret(user.passwordVariable(), args.passwordSecrets().get(user.name()), user.key()));
            // psql variables, quoted by psql itself (:'name'), so a password needs no escaping here.
            psql.add("-v");
            psql.add(user.name() + "_password=$(" + user.passwordVariable() + ")");
        }
        psql.add("-f");
        psql.add("/scripts/app-users.sql");
        var command = args.server().applyValue(server -> {
            var full = new ArrayList<>(List.of("psql", "-v", "ON_ERROR_STOP=1", "-h", server, "-U",
                    PlatformSecrets.POSTGRES_USER, "-d", "postgres"));
            full.addAll(psql);
            return List.copyOf(full);
        });
        var container = ContainerArgs.builder()
                .name(NAME)
                .image(args.image())
                .command(command)
                .env(env)
                .volumeMounts(VolumeMountArgs.builder().name("scripts").mountPath("/scripts").readOnly(true).build())
                .resources(Containers.size("10m", "32Mi", "200m", "128Mi"))
                .securityContext(Containers.restricted())
                .build();
        this.job = new OneOffJob(OneOffJob.Args.builder(NAME, namespace, container)
                .podLabels(Map.of(Labels.NAME, NAME))
                .podSecurity(Containers.runAs(999))
                .volumes(List.of(VolumeArgs.builder().name("scripts")
                        .configMap(ConfigMapVolumeSourceArgs.builder().name(ObjectMetadata.nameOf(script.metadata())).build()).build()))
                .backoffLimit(6)
                // psql takes seconds once the server is ready; the bound covers pulls and the retries' back-off.
                .activeDeadlineSeconds(900)
                // The Service answers before PostgreSQL accepts logins: the Job starts once the StatefulSet is ready.
                .startAfter(List.of(args.postgres()))
                .build(), child).job();
        registerOutputs(Map.of());
    }

    private static EnvVarArgs fromSecret(String name, Output<String> secret, String key) {
        return EnvVarArgs.builder().name(name).valueFrom(EnvVarSourceArgs.builder()
                .secretKeyRef(SecretKeySelectorArgs.builder().name(secret).key(key).build()).build()).build();
    }

    /** Idempotent: creates what is missing, then sets passwords and owners every time. */
    static String sql() {
        var sql = new StringBuilder("-- Users and databases of the MODERATE services; safe to run again.\n");
        for (var user : USERS) {
            sql.append("SELECT 'CREATE ROLE ").append(user.name()).append(" LOGIN' WHERE NOT EXISTS ")
                    .append("(SELECT FROM pg_roles WHERE rolname = '").append(user.name()).append("') \\gexec\n");
            sql.append("ALTER ROLE ").append(user.name()).append(" WITH LOGIN ")
                    .append(user.createDb() ? "CREATEDB" : "NOCREATEDB")
                    .append(" PASSWORD :'").append(user.name()).append("_password';\n");
            for (var database : user.databases()) {
                sql.append("SELECT 'CREATE DATABASE ").append(database).append(" OWNER ").append(user.name())
                        .append("' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '").append(database)
                        .append("') \\gexec\n");
                sql.append("ALTER DATABASE ").append(database).append(" OWNER TO ").append(user.name()).append(";\n");
            }
        }
        return sql.toString();
    }

    public Job job() {
        return job;
    }
}
