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
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import labstacks.constructs.kubernetes.Containers;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.constructs.kubernetes.ServiceAccounts;
import labstacks.shared.program.ChildOptions;

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
    static final String DUMP_SCRIPT =
            String.join(
                    "\n",
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
    static final String UPLOAD_SCRIPT =
            String.join(
                    "\n",
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

    /** Inputs of {@link PostgresBackup}; build with {@link #builder()}. Fields without a default are required. */
    public static final class Args {
        private final String namespace;
        private final String schedule;
        private final String postgresImage;
        private final Output<String> server;
        private final Output<String> superuserSecret;
        private final List<String> databases;
        private final String bucket;
        private final String prefix;
        private final Optional<String> region;
        private final Optional<String> endpointUrl;
        private final Output<String> s3KeysSecret;
        private final CustomResourceOptions kubernetes;

        private Args(Builder builder) {
            this.namespace = Objects.requireNonNull(builder.namespace, "namespace");
            this.schedule = Objects.requireNonNull(builder.schedule, "schedule");
            this.postgresImage = Objects.requireNonNull(builder.postgresImage, "postgresImage");
            this.server = Objects.requireNonNull(builder.server, "server");
            this.superuserSecret =
                    Objects.requireNonNull(builder.superuserSecret, "superuserSecret");
            this.databases = List.copyOf(Objects.requireNonNull(builder.databases, "databases"));
            this.bucket = Objects.requireNonNull(builder.bucket, "bucket");
            this.prefix = Objects.requireNonNull(builder.prefix, "prefix");
            this.region = Objects.requireNonNull(builder.region, "region");
            this.endpointUrl = Objects.requireNonNull(builder.endpointUrl, "endpointUrl");
            this.s3KeysSecret = Objects.requireNonNull(builder.s3KeysSecret, "s3KeysSecret");
            this.kubernetes = Objects.requireNonNull(builder.kubernetes, "kubernetes");
            if (databases.isEmpty()) {
                throw new IllegalArgumentException("no database to back up");
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The platform's namespace. */
        public String namespace() {
            return namespace;
        }

        /** The CronJob's schedule. */
        public String schedule() {
            return schedule;
        }

        /** The server's own image, for its pg_dump. */
        public String postgresImage() {
            return postgresImage;
        }

        /** The name of PostgreSQL's Service, as an output. */
        public Output<String> server() {
            return server;
        }

        /** The Secret holding {@code POSTGRES_PASSWORD}, as an output. */
        public Output<String> superuserSecret() {
            return superuserSecret;
        }

        /** Every database to dump. */
        public List<String> databases() {
            return databases;
        }

        /** The bucket of the backups. */
        public String bucket() {
            return bucket;
        }

        /** The key prefix under the bucket. */
        public String prefix() {
            return prefix;
        }

        /** The S3 region, when set. */
        public Optional<String> region() {
            return region;
        }

        /** The S3 endpoint, when not AWS. */
        public Optional<String> endpointUrl() {
            return endpointUrl;
        }

        /** The Secret holding {@code S3_ACCESS_KEY_ID} and {@code S3_SECRET_ACCESS_KEY}, as an output. */
        public Output<String> s3KeysSecret() {
            return s3KeysSecret;
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
            private String schedule;
            private String postgresImage;
            private Output<String> server;
            private Output<String> superuserSecret;
            private List<String> databases;
            private String bucket;
            private String prefix;
            private Optional<String> region;
            private Optional<String> endpointUrl;
            private Output<String> s3KeysSecret;
            private CustomResourceOptions kubernetes;

            private Builder() {}

            /** See {@link Args#namespace()}. */
            public Builder namespace(String value) {
                this.namespace = value;
                return this;
            }

            /** See {@link Args#schedule()}. */
            public Builder schedule(String value) {
                this.schedule = value;
                return this;
            }

            /** See {@link Args#postgresImage()}. */
            public Builder postgresImage(String value) {
                this.postgresImage = value;
                return this;
            }

            /** See {@link Args#server()}. */
            public Builder server(Output<String> value) {
                this.server = value;
                return this;
            }

            /** See {@link Args#superuserSecret()}. */
            public Builder superuserSecret(Output<String> value) {
                this.superuserSecret = value;
                return this;
            }

            /** See {@link Args#databases()}. */
            public Builder databases(List<String> value) {
                this.databases = value;
                return this;
            }

            /** See {@link Args#bucket()}. */
            public Builder bucket(String value) {
                this.bucket = value;
                return this;
            }

            /** See {@link Args#prefix()}. */
            public Builder prefix(String value) {
                this.prefix = value;
                return this;
            }

            /** See {@link Args#region()}. */
            public Builder region(Optional<String> value) {
                this.region = value;
                return this;
            }

            /** See {@link Args#endpointUrl()}. */
            public Builder endpointUrl(Optional<String> value) {
                this.endpointUrl = value;
                return this;
            }

            /** See {@link Args#s3KeysSecret()}. */
            public Builder s3KeysSecret(Output<String> value) {
                this.s3KeysSecret = value;
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

    private final CronJob cronJob;

    public PostgresBackup(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = ChildOptions.of(this, args.kubernetes());
        var namespace = args.namespace();
        var account = ServiceAccounts.withoutToken(NAME, Labels.metadata(NAME, namespace), child);
        var mount = VolumeMountArgs.builder().name("backup").mountPath(BACKUP_DIR).build();

        var dump =
                ContainerArgs.builder()
                        .name("pg-dump")
                        .image(args.postgresImage())
                        .command("sh", "-c", DUMP_SCRIPT)
                        .env(
                                plain("BACKUP_DIR", BACKUP_DIR),
                                plain("DATABASES", String.join(" ", args.databases())),
                                EnvVarArgs.builder().name("PGHOST").value(args.server()).build(),
                                plain("PGUSER", PlatformSecrets.POSTGRES_USER),
                                fromSecret(
                                        "PGPASSWORD", args.superuserSecret(), "POSTGRES_PASSWORD"))
                        .volumeMounts(mount)
                        .terminationMessagePolicy("FallbackToLogsOnError")
                        .resources(Containers.size("50m", "128Mi", "500m", "512Mi"))
                        .securityContext(Containers.restricted())
                        .build();

        var env =
                new ArrayList<EnvVarArgs>(
                        List.of(
                                plain("BACKUP_DIR", BACKUP_DIR),
                                plain("BACKUP_BUCKET", args.bucket()),
                                plain("BACKUP_PREFIX", args.prefix()),
                                // The CLI keeps nothing it needs; HOME only has to be writable for
                                // the non-root user.
                                plain("HOME", "/tmp"),
                                fromSecret(
                                        "AWS_ACCESS_KEY_ID",
                                        args.s3KeysSecret(),
                                        "S3_ACCESS_KEY_ID"),
                                fromSecret(
                                        "AWS_SECRET_ACCESS_KEY",
                                        args.s3KeysSecret(),
                                        "S3_SECRET_ACCESS_KEY")));
        args.region().ifPresent(region -> env.add(plain("AWS_DEFAULT_REGION", region)));
        args.endpointUrl()
                .ifPresent(
                        url -> {
                            env.add(plain("S3_ENDPOINT_URL", url));
                            // AWS CLI 2.23+ sends CRC checksums by default, which S3-compatible
                            // stores such as GCS's XML API
                            // refuse; only where the operation requires one.
                            env.add(plain("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required"));
                            env.add(plain("AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required"));
                        });
        var upload =
                ContainerArgs.builder()
                        .name("upload")
                        .image(AWS_CLI_IMAGE)
                        .command("sh", "-c", UPLOAD_SCRIPT)
                        .env(env)
                        .volumeMounts(mount)
                        .terminationMessagePolicy("FallbackToLogsOnError")
                        .resources(Containers.size("50m", "128Mi", "500m", "512Mi"))
                        .securityContext(Containers.restricted())
                        .build();

        var pod =
                PodSpecArgs.builder()
                        .serviceAccountName(ObjectMetadata.nameOf(account.metadata()))
                        .restartPolicy("Never")
                        // postgres' own uid in the official image, so pg_dump runs as it does in
                        // the server's pod.
                        .securityContext(Containers.runAs(999))
                        .initContainers(dump)
                        .containers(upload)
                        .volumes(
                                VolumeArgs.builder()
                                        .name("backup")
                                        .emptyDir(EmptyDirVolumeSourceArgs.builder().build())
                                        .build())
                        .build();
        this.cronJob =
                new CronJob(
                        NAME,
                        CronJobArgs.builder()
                                .metadata(Labels.metadata(NAME, namespace))
                                .spec(
                                        CronJobSpecArgs.builder()
                                                .schedule(args.schedule())
                                                .concurrencyPolicy("Forbid")
                                                // A run missed by more than an hour (controller
                                                // down) is skipped, not started late.
                                                .startingDeadlineSeconds(3600)
                                                .successfulJobsHistoryLimit(3)
                                                .failedJobsHistoryLimit(3)
                                                .jobTemplate(
                                                        JobTemplateSpecArgs.builder()
                                                                .spec(
                                                                        JobSpecArgs.builder()
                                                                                .backoffLimit(1)
                                                                                .activeDeadlineSeconds(
                                                                                        3600)
                                                                                .template(
                                                                                        PodTemplateSpecArgs
                                                                                                .builder()
                                                                                                .metadata(
                                                                                                        ObjectMetaArgs
                                                                                                                .builder()
                                                                                                                .labels(
                                                                                                                        Map
                                                                                                                                .of(
                                                                                                                                        Labels
                                                                                                                                                .NAME,
                                                                                                                                        NAME))
                                                                                                                .build())
                                                                                                .spec(
                                                                                                        pod)
                                                                                                .build())
                                                                                .build())
                                                                .build())
                                                .build())
                                .build(),
                        child);
        registerOutputs(Map.of());
    }

    private static EnvVarArgs plain(String name, String value) {
        return EnvVarArgs.builder().name(name).value(value).build();
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

    public CronJob cronJob() {
        return cronJob;
    }
}
