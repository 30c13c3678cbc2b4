package labstacks.moderate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.resources.ComponentResourceOptions;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Job;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import labstacks.offline.schema.KubernetesSchema;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-application users Job: what it reads, and (against a real PostgreSQL started from Debian's
 * packages, which .ci/run installs) that its script creates the users and databases, can run again, and sets
 * passwords that log in even when they hold quotes, backslashes or dollars.
 */
class PostgresAppUsersTest {
    private static StackRun run;

    @BeforeAll
    static void plan() {
        run = ModerateProgramTest.localRun();
    }

    private static V1Container container() {
        var job =
                (V1Job)
                        KubernetesSchema.validate(
                                run.resource("kubernetes:batch/v1:Job", "postgres-app-users"));
        return job.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void theJobReadsEachPasswordFromTheSecretItsApplicationUses() {
        var env =
                container().getEnv().stream()
                        .collect(
                                Collectors.toMap(
                                        e -> e.getName(),
                                        e ->
                                                e.getValueFrom().getSecretKeyRef().getName()
                                                        + "/"
                                                        + e.getValueFrom()
                                                                .getSecretKeyRef()
                                                                .getKey()));
        assertEquals(
                Map.of(
                        "PGPASSWORD",
                        "postgres-credentials/POSTGRES_PASSWORD",
                        "DAGSTER_PASSWORD",
                        "dagster-postgresql-secret/postgresql-password",
                        "KEYCLOAK_PASSWORD",
                        "keycloak-credentials/KC_DB_PASSWORD",
                        "OPENMETADATA_PASSWORD",
                        "openmetadata-postgres-secrets/openmetadata-postgres-password"),
                env);
        assertEquals("postgres:14.13", container().getImage());
        assertTrue(
                container().getCommand().contains("dagster_password=$(DAGSTER_PASSWORD)"),
                container().getCommand().toString());
        var job = run.resource("kubernetes:batch/v1:Job", "postgres-app-users");
        assertTrue(job.dependsOn().contains("postgres"), job.dependsOn().toString());
        for (var release : List.of("dagster", "openmetadata")) {
            assertTrue(
                    run.resource("kubernetes:helm.sh/v3:Release", release)
                            .dependsOn()
                            .contains("postgres-app-users"),
                    release);
        }
        assertTrue(
                run.resource("kubernetes:apps/v1:StatefulSet", "keycloak")
                        .dependsOn()
                        .contains("postgres-app-users"));
    }

    @Test
    void theComponentReachesTheServerAndReadsTheSecretsItIsGiven() {
        var refused = new AtomicReference<String>();
        var component =
                ComponentRuns.run(
                        "users",
                        k8s -> {
                            var server =
                                    new ConfigMap(
                                            "db-server",
                                            ConfigMapArgs.builder()
                                                    .metadata(
                                                            Labels.metadata(
                                                                    "db-server",
                                                                    ComponentRuns.NAMESPACE))
                                                    .build(),
                                            k8s);
                            new PostgresAppUsers(
                                    PostgresAppUsers.NAME,
                                    PostgresAppUsers.Args.builder()
                                            .namespace(ComponentRuns.NAMESPACE)
                                            .image("postgres:14.13")
                                            .server(ComponentRuns.named("db", k8s))
                                            .postgres(server)
                                            .superuserSecret(ComponentRuns.named("super", k8s))
                                            .passwordSecrets(
                                                    Map.of(
                                                            PostgresAppUsers.DAGSTER,
                                                                    ComponentRuns.named(
                                                                            "dagster-pw", k8s),
                                                            PostgresAppUsers.KEYCLOAK,
                                                                    ComponentRuns.named(
                                                                            "keycloak-pw", k8s),
                                                            PostgresAppUsers.OPENMETADATA,
                                                                    ComponentRuns.named(
                                                                            "openmetadata-pw",
                                                                            k8s)))
                                            .kubernetes(k8s)
                                            .build(),
                                    ComponentResourceOptions.Empty);
                            try {
                                PostgresAppUsers.Args.builder()
                                        .namespace("ns")
                                        .image("postgres:14.13")
                                        .server(Output.of("db"))
                                        .postgres(server)
                                        .superuserSecret(Output.of("super"))
                                        .passwordSecrets(
                                                Map.of(
                                                        PostgresAppUsers.DAGSTER,
                                                        Output.of("dagster-pw")))
                                        .kubernetes(k8s)
                                        .build();
                            } catch (IllegalArgumentException e) {
                                refused.set(e.getMessage());
                            }
                        });
        var job =
                (V1Job)
                        KubernetesSchema.validate(
                                component.resource(
                                        "kubernetes:batch/v1:Job", "postgres-app-users"));
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(
                "db",
                container.getCommand().get(container.getCommand().indexOf("-h") + 1),
                "the server's Service given");
        assertEquals(
                Map.of(
                        "PGPASSWORD",
                        "super/POSTGRES_PASSWORD",
                        "DAGSTER_PASSWORD",
                        "dagster-pw/postgresql-password",
                        "KEYCLOAK_PASSWORD",
                        "keycloak-pw/KC_DB_PASSWORD",
                        "OPENMETADATA_PASSWORD",
                        "openmetadata-pw/openmetadata-postgres-password"),
                ComponentRuns.env(container));
        assertEquals(ComponentRuns.NAMESPACE, job.getMetadata().getNamespace());
        assertEquals(
                999L, job.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser());
        assertEquals(
                "postgres-app-users",
                job.getSpec().getTemplate().getSpec().getVolumes().get(0).getConfigMap().getName());
        var resource = component.resource("kubernetes:batch/v1:Job", "postgres-app-users");
        // The server (ready), its Service, every Secret, the script's ConfigMap and the account,
        // all named by name.
        assertEquals(
                List.of(
                                "db",
                                "db-server",
                                "dagster-pw",
                                "keycloak-pw",
                                "openmetadata-pw",
                                "postgres-app-users",
                                "super")
                        .stream()
                        .sorted()
                        .toList(),
                resource.dependsOn());
        assertTrue(resource.deleteBeforeReplace(), "a Job's pod template cannot change in place");
        assertTrue(
                refused.get() != null && refused.get().contains("a password Secret for each of"),
                "a user without its password Secret is refused: " + refused.get());
    }

    // ---- against a real server ----

    private static Path postgresBin;
    private static Path data;
    private static int port;

    private static Optional<Path> findPostgres() {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .sorted()
                    .reduce((a, b) -> b);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<String> asPostgresUser(List<String> command) {
        // initdb and postgres refuse to run as root.
        if (System.getProperty("user.name").equals("root")) {
            var wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
            wrapped.addAll(command);
            return wrapped;
        }
        return command;
    }

    private static String exec(List<String> command, Map<String, String> env) throws Exception {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        if (process.exitValue() != 0) {
            throw new AssertionError(command + " exited " + process.exitValue() + ":\n" + output);
        }
        return output;
    }

    @BeforeAll
    static void startPostgres() throws Exception {
        var bin = findPostgres();
        if (bin.isEmpty()) {
            return;
        }
        postgresBin = bin.get();
        data = Files.createTempDirectory("moderate-pg");
        if (System.getProperty("user.name").equals("root")) {
            exec(List.of("chown", "-R", "postgres", data.toString()), Map.of());
        }
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        exec(
                asPostgresUser(
                        List.of(
                                postgresBin.resolve("initdb").toString(),
                                "-D",
                                data.resolve("db").toString(),
                                "-U",
                                "postgres",
                                "--auth-local=trust",
                                "--auth-host=scram-sha-256")),
                Map.of());
        exec(
                asPostgresUser(
                        List.of(
                                postgresBin.resolve("pg_ctl").toString(),
                                "-D",
                                data.resolve("db").toString(),
                                "-w",
                                "-l",
                                data.resolve("log").toString(),
                                "-o",
                                "-c listen_addresses=127.0.0.1 -c port="
                                        + port
                                        + " -c unix_socket_directories="
                                        + data,
                                "start")),
                Map.of());
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgresBin != null) {
            exec(
                    asPostgresUser(
                            List.of(
                                    postgresBin.resolve("pg_ctl").toString(),
                                    "-D",
                                    data.resolve("db").toString(),
                                    "-m",
                                    "fast",
                                    "-w",
                                    "stop")),
                    Map.of());
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String psql(String user, String password, String sql) throws Exception {
        return exec(
                        List.of(
                                postgresBin.resolve("psql").toString(),
                                "-h",
                                "127.0.0.1",
                                "-p",
                                String.valueOf(port),
                                "-U",
                                user,
                                "-d",
                                "postgres",
                                "-tAc",
                                sql),
                        Map.of("PGPASSWORD", password))
                .trim();
    }

    /** The Job's own command, with the kubelet's $(VAR) expansion done here and the script from its ConfigMap. */
    private static void runJob(Map<String, String> passwords, Path script) throws Exception {
        var command = new ArrayList<String>();
        for (var argument : container().getCommand()) {
            var expanded = argument;
            for (var entry : passwords.entrySet()) {
                expanded = expanded.replace("$(" + entry.getKey() + ")", entry.getValue());
            }
            command.add(expanded.equals("/scripts/app-users.sql") ? script.toString() : expanded);
        }
        command.set(0, postgresBin.resolve("psql").toString());
        // The Job reaches the Service "postgres"; here the server listens on its Unix socket and a
        // free port.
        var host = command.indexOf("-h");
        command.set(host + 1, data.toString());
        command.add(1, "-p");
        command.add(2, String.valueOf(port));
        exec(asPostgresUser(command), Map.of());
    }

    @Test
    void theScriptCreatesUsersAndDatabasesAndCanRunAgain(@TempDir Path temp) throws Exception {
        assumeTrue(
                postgresBin != null,
                "PostgreSQL binaries not installed (apt-get install postgresql); .ci/run installs them");
        var configMap =
                (V1ConfigMap)
                        KubernetesSchema.validate(
                                run.resource("kubernetes:core/v1:ConfigMap", "postgres-app-users"));
        var script = temp.resolve("app-users.sql");
        Files.writeString(script, configMap.getData().get("app-users.sql"));
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));

        var first =
                Map.of(
                        "DAGSTER_PASSWORD",
                        "it's a \\ $dollar \"pw\"",
                        "KEYCLOAK_PASSWORD",
                        "kc-1",
                        "OPENMETADATA_PASSWORD",
                        "om-1");
        runJob(first, script);
        // Again, with rotated passwords: nothing exists twice, the new passwords apply.
        var second =
                Map.of(
                        "DAGSTER_PASSWORD",
                        "dagster'2;DROP ROLE keycloak;--",
                        "KEYCLOAK_PASSWORD",
                        "kc-2",
                        "OPENMETADATA_PASSWORD",
                        "om-2");
        runJob(second, script);

        assertEquals(
                "dagster", psql("dagster", second.get("DAGSTER_PASSWORD"), "SELECT current_user"));
        assertEquals("keycloak", psql("keycloak", "kc-2", "SELECT current_user"));
        assertEquals("openmetadata", psql("openmetadata", "om-2", "SELECT current_user"));
        var owners =
                psql(
                        "dagster",
                        second.get("DAGSTER_PASSWORD"),
                        "SELECT string_agg(datname || '=' || pg_get_userbyid(datdba), ','"
                                + " ORDER BY datname) FROM pg_database WHERE datname NOT LIKE 'template%' AND datname <> 'postgres'");
        assertEquals(
                "building_stock_analysis=dagster,dagster=dagster,keycloak=keycloak,"
                        + "moderate_workflows_dagster_state=dagster,openmetadata=openmetadata",
                owners);
        // Only dagster may create databases (the code location creates its state database when
        // missing).
        assertEquals(
                "dagster",
                psql(
                        "dagster",
                        second.get("DAGSTER_PASSWORD"),
                        "SELECT string_agg(rolname, ',') FROM pg_roles WHERE rolcreatedb AND NOT rolsuper"));
        assertEquals(
                "f",
                psql(
                        "keycloak",
                        "kc-2",
                        "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
    }
}
