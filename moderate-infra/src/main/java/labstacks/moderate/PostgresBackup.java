package labstacks.moderate;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.batch.v1.CronJob;
import com.pulumi.kubernetes.batch.v1.CronJobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.CronJobSpecArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretKeySelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.constructs.kubernetes.ServiceAccounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A nightly {@code pg_dump} of every database of the platform's PostgreSQL to the object store: an init container
 * with the server's own image (its pg_dump is the server's major version) dumps each database in custom format to
 * an emptyDir, then the AWS CLI copies that directory to {@code s3://<bucket>/<prefix>/<UTC time>/}. Two containers
 * because no one pinned image carries both tools. A failed dump fails the init container, so nothing is uploaded and
 * the Job is Failed; a new run never starts while one is running.
 */
public final class PostgresBackup extends ComponentResource {
    public static final String TYPE = "labstacks:moderate:PostgresBackup";
    static final String NAME = "postgres-backup";
    static final String BACKUP_DIR = "/backup";
    /**
     * The AWS CLI v2 image, pinned: release 2.32.8 (aws/aws-cli .changes/2.32.8.json); the official image
     * {@code amazon/aws-cli} is tagged with the CLI version (AWS CLI user guide, "Using the official AWS CLI
     * version 2 Docker image"), is based on Amazon Linux 2 and so has /bin/sh.
     */
    static final String AWS_CLI_IMAGE = "amazon/aws-cli:2.32.8";

    /**
     * The dump, in POSIX sh: one custom-format file per database in a directory named by the UTC time, which the
     * upload reads back from {@code stamp}. Any failed pg_dump stops the pod before anything is uploaded.
     */
    static final String DUMP_SCRIPT = String.join("\n",
            "set -eu",
            "stamp=$(date -u +%Y-%m-%dT%H%M%SZ)",
            "dir=\"$BACKUP_DIR/$stamp\"",
            "mkdir -p \"$dir\"",
            "for db in $DATABASES; do",
            "  if ! pg_dump -h \"$PGHOST\" -U \"$PGUSER\" -Fc -f \"$dir/$db.dump\" \"$db\"; then",
            "    echo \"postgres-backup: pg_dump of database $db on $PGHOST failed; nothing is uploaded\" >&2",
            "    exit 1",
            "  fi",
            "  echo \"postgres-backup: dumped $db\"",
            "done",
            "printf '%s\\n' \"$stamp\" > \"$BACKUP_DIR/stamp\"");

    /** The upload: the whole dated directory, to the endpoint when one is set (GCS, MinIO), else to AWS S3. */
    static final String UPLOAD_SCRIPT = String.join("\n",
            "set -eu",
            "stamp=$(cat \"$BACKUP_DIR/stamp\")",
            "target=\"s3://$BACKUP_BUCKET/$BACKUP_PREFIX/$stamp/\"",
            "set -- s3 cp --recursive --only-show-errors \"$BACKUP_DIR/$stamp/\" \"$target\"",
            "if [ -n \"${S3_ENDPOINT_URL:-}\" ]; then",
            "  set -- --endpoint-url \"$S3_ENDPOINT_URL\" \"$@\"",
            "fi",
            "if ! aws \"$@\"; then",
            "  echo \"postgres-backup: upload to $target failed\" >&2",
            "  exit 1",
            "fi",
            "echo \"postgres-backup: uploaded to $target\"");

    /**
     * Inputs of {@link PostgresBackup}.
     *
     * @param namespace        the platform's namespace
     * @param schedule         the CronJob's schedule
     * @param postgresImage    the server's own image, for its pg_dump
     * @param server           the name of PostgreSQL's Service, as an output
     * @param superuserSecret  the Secret holding {@code POSTGRES_PASSWORD}, as an output
     * @param databases        every database to dump
     * @param bucket           the bucket of the backups
     * @param prefix           the key prefix under the bucket
     * @param region           the S3 region, when set
     * @param endpointUrl      the S3 endpoint, when not AWS
     * @param s3KeysSecret     the Secret holding {@code S3_ACCESS_KEY_ID} and {@code S3_SECRET_ACCESS_KEY}, as an output
     */
    public record Args(String namespace, String schedule, String postgresImage, Output<String> server,
                       Output<String> superuserSecret, List<String> databases, String bucket, String prefix,
                       Optional<String> region, Optional<String> endpointUrl, Output<String> s3KeysSecret) {
        public Args {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(postgresImage, "postgresImage");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(superuserSecret, "superuserSecret");
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(endpointUrl, "endpointUrl");
            Objects.requireNonNull(s3KeysSecret, "s3KeysSecret");
            if (databases.isEmpty()) {
                throw new IllegalArgumentException("no database to back up");
            }
            databases = List.copyOf(databases);
        }
    }

    private final CronJob cronJob;

    public PostgresBackup(Args args, CustomResourceOptions k8s, ComponentResourceOptions options) {
        super(TYPE, NAME, options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var namespace = args.namespace();
        var account = ServiceAccounts.withoutToken(NAME, Labels.metadata(NAME, namespace), child);
        var mount = VolumeMountArgs.builder().name("backup").mountPath(BACKUP_DIR).build();

        var dump = ContainerArgs.builder()
                .name("pg-dump")
                .image(args.postgresImage())
                .command("sh", "-c", DUMP_SCRIPT)
                .env(plain("BACKUP_DIR", BACKUP_DIR), plain("DATABASES", String.join(" ", args.databases())),
                        EnvVarArgs.builder().name("PGHOST").value(args.server()).build(),
                        plain("PGUSER", PlatformSecrets.POSTGRES_USER),
                        fromSecret("PGPASSWORD", args.superuserSecret(), "POSTGRES_PASSWORD"))
                .volumeMounts(mount)
                .terminationMessagePolicy("FallbackToLogsOnError")
                .resources(Containers.size("50m", "128Mi", "500m", "512Mi"))
                .securityContext(Containers.restricted())
                .build();

        var env = new ArrayList<EnvVarArgs>(List.of(plain("BACKUP_DIR", BACKUP_DIR),
                plain("BACKUP_BUCKET", args.bucket()), plain("BACKUP_PREFIX", args.prefix()),
                // The CLI keeps nothing it needs; HOME only has to be writable for the non-root user.
                plain("HOME", "/tmp"),
                fromSecret("AWS_ACCESS_KEY_ID", args.s3KeysSecret(), "S3_ACCESS_KEY_ID"),
                fromSecret("AWS_SECRET_ACCESS_KEY", args.s3KeysSecret(), "S3_SECRET_ACCESS_KEY")));
        args.region().ifPresent(region -> env.add(plain("AWS_DEFAULT_REGION", region)));
        args.endpointUrl().ifPresent(url -> {
            env.add(plain("S3_ENDPOINT_URL", url));
            // AWS CLI 2.23+ sends CRC checksums by default, which S3-compatible stores such as GCS's XML API
            // refuse; only where the operation requires one.
            env.add(plain("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required"));
            env.add(plain("AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required"));
        });
        var upload = ContainerArgs.builder()
                .name("upload")
                .image(AWS_CLI_IMAGE)
                .command("sh", "-c", UPLOAD_SCRIPT)
                .env(env)
                .volumeMounts(mount)
                .terminationMessagePolicy("FallbackToLogsOnError")
                .resources(Containers.size("50m", "128Mi", "500m", "512Mi"))
                .securityContext(Containers.restricted())
                .build();

        var pod = PodSpecArgs.builder()
                .serviceAccountName(ObjectMetadata.nameOf(account.metadata()))
                .restartPolicy("Never")
                // postgres' own uid in the official image, so pg_dump runs as it does in the server's pod.
                .securityContext(Containers.runAs(999))
                .initContainers(dump)
                .containers(upload)
                .volumes(VolumeArgs.builder().name("backup").emptyDir(EmptyDirVolumeSourceArgs.builder().build()).build())
                .build();
        this.cronJob = new CronJob(NAME, CronJobArgs.builder()
                .metadata(Labels.metadata(NAME, namespace))
                .spec(CronJobSpecArgs.builder()
                        .schedule(args.schedule())
                        .concurrencyPolicy("Forbid")
                        // A run missed by more than an hour (controller down) is skipped, not started late.
                        .startingDeadlineSeconds(3600)
                        .successfulJobsHistoryLimit(3)
                        .failedJobsHistoryLimit(3)
                        .jobTemplate(JobTemplateSpecArgs.builder()
                                .spec(JobSpecArgs.builder()
                                        .backoffLimit(1)
                                        .activeDeadlineSeconds(3600)
                                        .template(PodTemplateSpecArgs.builder()
                                                .metadata(com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs.builder().labels(Map.of(Labels.NAME, NAME)).build())
                                                .spec(pod)
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build(), child);
        registerOutputs(Map.of());
    }

    private static EnvVarArgs plain(String name, String value) {
        return EnvVarArgs.builder().name(name).value(value).build();
    }

    private static EnvVarArgs fromSecret(String name, Output<String> secret, String key) {
        return EnvVarArgs.builder().name(name).valueFrom(EnvVarSourceArgs.builder()
                .secretKeyRef(SecretKeySelectorArgs.builder().name(secret).key(key).build()).build()).build();
    }

    public CronJob cronJob() {
        return cronJob;
    }
}
