package labstacks.moderate;

import static labstacks.moderate.ComponentRuns.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1EnvVar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import labstacks.offline.testing.StackRun;
import labstacks.shared.config.ConfigProblem;
import labstacks.shared.config.StackConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly PostgreSQL backup: its planned CronJob, and its two scripts run by a real {@code sh} with stand-in
 * {@code pg_dump} and {@code aws} commands on PATH. The stand-ins take the arguments the real tools document:
 * {@code pg_dump -h -U -Fc -f <file> <dbname>} (PostgreSQL 14 pg_dump reference) and
 * {@code aws [--endpoint-url URL] s3 cp --recursive <dir> <s3 uri>} (AWS CLI v2 s3 cp reference).
 */
class PostgresBackupTest {
    private static final String CRON_JOB = "kubernetes:batch/v1:CronJob";
    private static final String PG_MARKER = "pg-backup-marker-pw-7";
    private static final List<String> DATABASES =
            List.of(
                    "dagster",
                    "moderate_workflows_dagster_state",
                    "building_stock_analysis",
                    "keycloak",
                    "openmetadata");

    @TempDir Path dir;

    private static StackRun prod() {
        return ModerateProgramTest.prodHarness()
                .secret("moderate:postgresPassword", PG_MARKER)
                .run()
                .assertSucceeded();
    }

    private static V1CronJob cronJob(StackRun run) {
        return model(run, CRON_JOB, PostgresBackup.NAME, V1CronJob.class);
    }

    @Test
    void prodDumpsEveryDatabaseNightlyWithCredentialsFromSecrets() {
        var run = prod();
        var job = cronJob(run);
        var spec = job.getSpec();
        assertEquals("30 2 * * *", spec.getSchedule());
        assertEquals("Forbid", spec.getConcurrencyPolicy());
        assertEquals(3, spec.getSuccessfulJobsHistoryLimit());
        assertEquals(3, spec.getFailedJobsHistoryLimit());
        var pod = spec.getJobTemplate().getSpec().getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy());
        assertEquals(PostgresBackup.NAME, pod.getServiceAccountName());
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        var dump = pod.getInitContainers().get(0);
        var upload = pod.getContainers().get(0);
        assertEquals(
                DependencyServices.POSTGRES_IMAGE,
                dump.getImage(),
                "pg_dump of the server's own major version");
        assertEquals("amazon/aws-cli:2.32.8", upload.getImage());
        for (var container : List.of(dump, upload)) {
            assertFalse(
                    container.getSecurityContext().getAllowPrivilegeEscalation(),
                    container.getName());
            assertTrue(
                    container
                            .getResources()
                            .getLimits()
                            .keySet()
                            .containsAll(List.of("cpu", "memory")),
                    container.getName());
            assertTrue(
                    container
                            .getResources()
                            .getRequests()
                            .keySet()
                            .containsAll(List.of("cpu", "memory")),
                    container.getName());
        }
        assertEquals(String.join(" ", DATABASES), plain(dump).get("DATABASES"));
        assertEquals("postgres", plain(dump).get("PGHOST"));
        assertEquals(
                List.of("postgres-credentials", "POSTGRES_PASSWORD"),
                fromSecret(dump, "PGPASSWORD"));
        assertEquals(
                List.of("dagster-secrets", "S3_ACCESS_KEY_ID"),
                fromSecret(upload, "AWS_ACCESS_KEY_ID"));
        assertEquals(
                List.of("dagster-secrets", "S3_SECRET_ACCESS_KEY"),
                fromSecret(upload, "AWS_SECRET_ACCESS_KEY"));
        var env = plain(upload);
        assertEquals("moderate-europe-west1-platform-api", env.get("BACKUP_BUCKET"));
        assertEquals("postgres-backups", env.get("BACKUP_PREFIX"));
        assertEquals("https://storage.googleapis.com", env.get("S3_ENDPOINT_URL"));
        assertEquals("auto", env.get("AWS_DEFAULT_REGION"));
        // No secret in the spec: every marker password and key is only referenced.
        var inputs = run.resource(CRON_JOB, PostgresBackup.NAME).inputs().toString();
        for (var secret :
                List.of(PG_MARKER, ModerateProgramTest.S3_KEY_ID, ModerateProgramTest.S3_SECRET)) {
            assertFalse(inputs.contains(secret), "a secret literal in the CronJob");
        }
        // The backup pod may reach PostgreSQL past the default deny.
        assertTrue(
                run.resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "postgres-clients")
                        .inputs()
                        .toString()
                        .contains("postgres-backup"));
    }

    @Test
    void scheduleBucketAndPrefixAreSettingsAndBackupsCanBeTurnedOff() {
        var run =
                ModerateProgramTest.prodHarness()
                        .config("moderate:postgresBackupSchedule", "@daily")
                        .config("moderate:postgresBackupBucket", "moderate-backups")
                        .config("moderate:postgresBackupPrefix", "db/nightly")
                        .run()
                        .assertSucceeded();
        var job = cronJob(run);
        assertEquals("@daily", job.getSpec().getSchedule());
        var env =
                plain(
                        job.getSpec()
                                .getJobTemplate()
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0));
        assertEquals("moderate-backups", env.get("BACKUP_BUCKET"));
        assertEquals("db/nightly", env.get("BACKUP_PREFIX"));

        var off =
                ModerateProgramTest.prodHarness()
                        .config("moderate:postgresBackups", "false")
                        .run()
                        .assertSucceeded();
        assertTrue(off.resources(CRON_JOB).isEmpty());
        // Local has no object store: no backup unless asked for, and asking without a bucket is
        // refused.
        assertTrue(ModerateProgramTest.localRun().resources(CRON_JOB).isEmpty());
        var noBucket =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ModerateProgramTest.localHarness()
                                        .config("moderate:postgresBackups", "true")
                                        .run());
        // The backup reads the S3 keys from dagster-secrets, so they are required with it too.
        assertEquals(
                List.of(
                        "moderate:s3AccessKeyId",
                        "moderate:s3SecretAccessKey",
                        "moderate:postgresBackups"),
                noBucket.problems().stream().map(ConfigProblem::key).toList());
        var badSchedule =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ModerateProgramTest.prodHarness()
                                        .config("moderate:postgresBackupSchedule", "every night")
                                        .run());
        assertEquals(
                List.of("moderate:postgresBackupSchedule"),
                badSchedule.problems().stream().map(ConfigProblem::key).toList());
    }

    private record Result(int exit, String output) {}

    @Test
    void theScriptsDumpEachDatabaseAndUploadTheDatedDirectory() throws Exception {
        var pod = cronJob(prod()).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        var backup = Files.createDirectories(dir.resolve("backup"));
        var bin = Files.createDirectories(dir.resolve("bin"));
        var awsLog = dir.resolve("aws.log");
        // pg_dump writes its -f file with the database name; aws records its arguments and the
        // files it would copy.
        executable(
                bin.resolve("pg_dump"),
                "#!/bin/sh\nfile=''; db=''\nwhile [ $# -gt 0 ]; do\n"
                        + "  case \"$1\" in -f) file=$2; shift 2;; -h|-U) shift 2;; -Fc) shift;; *) db=$1; shift;; esac\ndone\n"
                        + "[ \"$db\" = \"$FAIL_DB\" ] && { echo \"pg_dump: error: connection failed\" >&2; exit 1; }\n"
                        + "[ \"$PGPASSWORD\" = secret-ref ] || exit 65\necho \"dump of $db\" > \"$file\"\n");
        executable(
                bin.resolve("aws"),
                "#!/bin/sh\necho \"$*\" > "
                        + awsLog
                        + "\n"
                        + "for a in \"$@\"; do [ -d \"$a\" ] && ls \"$a\" >> "
                        + awsLog
                        + "; done\nexit 0\n");

        var dumped = run(pod.getInitContainers().get(0), bin, backup, Map.of());
        assertEquals(0, dumped.exit(), dumped.output());
        var stamp = Files.readString(backup.resolve("stamp")).strip();
        assertTrue(stamp.matches("\\d{4}-\\d{2}-\\d{2}T\\d{6}Z"), stamp);
        for (var db : DATABASES) {
            assertEquals(
                    "dump of " + db,
                    Files.readString(backup.resolve(stamp).resolve(db + ".dump")).strip(),
                    db);
        }
        var uploaded = run(pod.getContainers().get(0), bin, backup, Map.of());
        assertEquals(0, uploaded.exit(), uploaded.output());
        var log = Files.readAllLines(awsLog);
        assertEquals(
                "--endpoint-url https://storage.googleapis.com s3 cp --recursive --only-show-errors "
                        + backup
                        + "/"
                        + stamp
                        + "/ s3://moderate-europe-west1-platform-api/postgres-backups/"
                        + stamp
                        + "/",
                log.get(0));
        assertEquals(
                DATABASES.stream().map(db -> db + ".dump").sorted().toList(),
                log.subList(1, log.size()).stream().sorted().toList());
        assertTrue(
                uploaded.output()
                        .contains(
                                "uploaded to s3://moderate-europe-west1-platform-api/postgres-backups/"
                                        + stamp
                                        + "/"),
                uploaded.output());
    }

    @Test
    void aFailedDumpFailsThePodAndUploadsNothing() throws Exception {
        var pod = cronJob(prod()).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        var backup = Files.createDirectories(dir.resolve("backup"));
        var bin = Files.createDirectories(dir.resolve("bin"));
        executable(
                bin.resolve("pg_dump"),
                "#!/bin/sh\nfor a in \"$@\"; do db=$a; done\n"
                        + "[ \"$db\" = \"$FAIL_DB\" ] && { echo 'pg_dump: error: connection failed' >&2; exit 1; }\n"
                        + "while [ $# -gt 0 ]; do [ \"$1\" = -f ] && echo dump > \"$2\"; shift; done\n");
        executable(bin.resolve("aws"), "#!/bin/sh\nexit 0\n");
        var failed =
                run(pod.getInitContainers().get(0), bin, backup, Map.of("FAIL_DB", "keycloak"));
        assertEquals(1, failed.exit(), failed.output());
        assertTrue(
                failed.output().contains("pg_dump of database keycloak on postgres failed"),
                failed.output());
        assertFalse(
                Files.exists(backup.resolve("stamp")),
                "no stamp, so the upload has nothing to take");
        // The upload container never starts after a failed init container; run alone it fails too.
        assertTrue(run(pod.getContainers().get(0), bin, backup, Map.of()).exit() != 0);

        // A failed upload fails the pod as well.
        var dumped = run(pod.getInitContainers().get(0), bin, backup, Map.of("FAIL_DB", "none"));
        assertEquals(0, dumped.exit(), dumped.output());
        executable(
                bin.resolve("aws"), "#!/bin/sh\necho 'upload failed: AccessDenied' >&2\nexit 1\n");
        var upload = run(pod.getContainers().get(0), bin, backup, Map.of());
        assertEquals(1, upload.exit(), upload.output());
        assertTrue(upload.output().contains("postgres-backup: upload to s3://"), upload.output());
    }

    private Result run(V1Container container, Path bin, Path backup, Map<String, String> extra)
            throws IOException, InterruptedException {
        var process = new ProcessBuilder(container.getCommand()).redirectErrorStream(true);
        var env = process.environment();
        env.put("PATH", bin + ":/usr/bin:/bin");
        for (var e : container.getEnv()) {
            env.put(e.getName(), e.getValueFrom() != null ? "secret-ref" : e.getValue());
        }
        env.put("BACKUP_DIR", backup.toString());
        env.putIfAbsent("FAIL_DB", "none");
        env.putAll(extra);
        var started = process.start();
        var output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(started.waitFor(30, TimeUnit.SECONDS));
        return new Result(started.exitValue(), output);
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Map<String, String> plain(V1Container container) {
        return container.getEnv().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(V1EnvVar::getName, V1EnvVar::getValue));
    }

    private static List<String> fromSecret(V1Container container, String name) {
        var ref =
                container.getEnv().stream()
                        .filter(e -> e.getName().equals(name))
                        .findFirst()
                        .orElseThrow()
                        .getValueFrom()
                        .getSecretKeyRef();
        assertTrue(
                container.getEnv().stream()
                        .filter(e -> e.getName().equals(name))
                        .allMatch(e -> e.getValue() == null),
                name);
        return List.of(ref.getName(), ref.getKey());
    }
}
