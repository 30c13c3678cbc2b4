package labstacks.moderate;

import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.batch.v1.JobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretKeySelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import labstacks.shared.kubernetes.Containers;
import labstacks.shared.kubernetes.ServiceAccounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** A user, the Secret and key its password comes from, and the databases it owns. */
    record AppUser(String name, String secret, String key, boolean createDb, List<String> databases) {
        String passwordVariable() {
            return name.toUpperCase() + "_PASSWORD";
        }
    }

    static final List<AppUser> USERS = List.of(
            new AppUser(DAGSTER, PlatformSecrets.DAGSTER_POSTGRES, "postgresql-password", true,
                    List.of("dagster", "moderate_workflows_dagster_state", "building_stock_analysis")),
            new AppUser(KEYCLOAK, PlatformSecrets.KEYCLOAK, "KC_DB_PASSWORD", false, List.of("keycloak")),
            new AppUser(OPENMETADATA, PlatformSecrets.OPENMETADATA_POSTGRES, "openmetadata-postgres-password", false,
                    List.of("openmetadata")));

    private final Job job;

    public PostgresAppUsers(String namespace, Resource postgres, CustomResourceOptions k8s, ComponentResourceOptions options) {
        super(TYPE, NAME, options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var script = new ConfigMap(NAME, ConfigMapArgs.builder()
                .metadata(Labels.metadata(NAME, namespace))
                .data(Map.of("app-users.sql", sql()))
                .build(), child);
        var account = ServiceAccounts.withoutToken(NAME, Labels.metadata(NAME, namespace), child);

        var env = new ArrayList<EnvVarArgs>();
        env.add(fromSecret("PGPASSWORD", PlatformSecrets.POSTGRES, "POSTGRES_PASSWORD"));
        var psql = new ArrayList<>(List.of("psql", "-v", "ON_ERROR_STOP=1", "-h", Labels.POSTGRES, "-U",
                PlatformSecrets.POSTGRES_USER, "-d", "postgres"));
        for (var user : USERS) {
            env.add(fromSecret(user.passwordVariable(), user.secret(), user.key()));
            // psql variables, quoted by psql itself (:'name'), so a password needs no escaping here.
            psql.add("-v");
            psql.add(user.name() + "_password=$(" + user.passwordVariable() + ")");
        }
        psql.add("-f");
        psql.add("/scripts/app-users.sql");
        this.job = new Job(NAME, JobArgs.builder()
                .metadata(Labels.metadata(NAME, namespace))
                .spec(JobSpecArgs.builder()
                        .backoffLimit(6)
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(Map.of(Labels.NAME, NAME)).build())
                                .spec(PodSpecArgs.builder()
                                        .serviceAccountName(NAME)
                                        .restartPolicy("Never")
                                        .securityContext(Containers.runAs(999))
                                        .containers(ContainerArgs.builder()
                                                .name(NAME)
                                                .image(DependencyServices.POSTGRES_IMAGE)
                                                .command(psql)
                                                .env(env)
                                                .volumeMounts(VolumeMountArgs.builder().name("scripts")
                                                        .mountPath("/scripts").readOnly(true).build())
                                                .resources(Containers.size("10m", "32Mi", "200m", "128Mi"))
                                                .securityContext(Containers.restricted())
                                                .build())
                                        .volumes(VolumeArgs.builder().name("scripts")
                                                .configMap(ConfigMapVolumeSourceArgs.builder().name(NAME).build()).build())
                                        .build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.merge(child, CustomResourceOptions.builder()
                        .dependsOn(postgres, script, account)
                        .deleteBeforeReplace(true)
                        .build()));
        registerOutputs(Map.of());
    }

    private static EnvVarArgs fromSecret(String name, String secret, String key) {
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
