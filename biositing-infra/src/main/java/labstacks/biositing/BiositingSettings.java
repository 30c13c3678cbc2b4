package labstacks.biositing;

import com.pulumi.core.Output;
import java.util.Optional;
import labstacks.shared.config.Setting;
import labstacks.shared.config.SettingsRules;
import labstacks.shared.validation.Format;
import labstacks.shared.validation.ImageReference;

/**
 * The biositing-infra stack settings: the compose project's {@code .env} as a typed, documented schema.
 * Passwords are secrets (Kubernetes Secret); everything else lands in a ConfigMap. The connection URLs
 * of the compose file ({@code DATABASE_URL}, {@code PREFECT_API_DATABASE_CONNECTION_URL},
 * {@code PREFECT_API_URL}) are derived from these, never typed twice.
 */
public record BiositingSettings(
        @Setting(
                        key = "kubernetes:context",
                        description = "the kubeconfig context of the target cluster",
                        example = "minikube")
                Optional<String> kubeContext,
        @Setting(
                        key = "biositing:namespace",
                        description = "the namespace of the ETL stack",
                        defaultValue = "ca-biositing",
                        format = Format.KUBERNETES_NAMESPACE)
                String namespace,
        @Setting(
                        key = "biositing:pipelineImage",
                        description =
                                "the ca-biositing pipeline image (migration, Prefect server, worker, flow deployment),"
                                        + " pinned by release tag or digest",
                        defaultValue = UpstreamRelease.PIPELINE_IMAGE,
                        format = Format.PINNED_IMAGE,
                        example = UpstreamRelease.PIPELINE_IMAGE)
                String pipelineImage,
        @Setting(
                        key = "biositing:postgresImage",
                        description =
                                "the PostGIS image of the db StatefulSet, pinned (the migrations create the postgis extension)",
                        defaultValue = UpstreamRelease.POSTGIS_IMAGE,
                        format = Format.PINNED_IMAGE,
                        example = UpstreamRelease.POSTGIS_IMAGE)
                String postgresImage,
        @Setting(
                        key = "biositing:postgresUser",
                        description = "POSTGRES_USER",
                        defaultValue = "biocirv_user",
                        pattern = "[a-z_][a-z0-9_]{0,62}",
                        rule =
                                "a PostgreSQL name: 1 to 63 lower-case letters, digits and '_', not starting with a digit")
                String postgresUser,
        @Setting(
                        key = "biositing:postgresDb",
                        description = "POSTGRES_DB, the application database",
                        defaultValue = "biocirv_db",
                        pattern = "[a-z_][a-z0-9_]{0,62}",
                        rule =
                                "a PostgreSQL name: 1 to 63 lower-case letters, digits and '_', not starting with a digit")
                String postgresDb,
        @Setting(
                        key = "biositing:postgresPassword",
                        description = "POSTGRES_PASSWORD",
                        env = "POSTGRES_PASSWORD",
                        secret = true,
                        credential = true)
                Output<String> postgresPassword,
        @Setting(
                        key = "biositing:postgresPort",
                        description = "POSTGRES_PORT, the database service port",
                        defaultValue = "5432",
                        min = 1,
                        max = 65535)
                int postgresPort,
        @Setting(
                        key = "biositing:postgresStorage",
                        description = "size of the pgdata volume",
                        defaultValue = "10Gi",
                        format = Format.STORAGE_SIZE)
                String postgresStorage,
        @Setting(
                        key = "biositing:prefectStorage",
                        description = "size of the prefectdata volume",
                        defaultValue = "1Gi",
                        format = Format.STORAGE_SIZE)
                String prefectStorage,
        @Setting(
                        key = "biositing:storageClass",
                        description = "the storage class of both volumes; empty for the default",
                        format = Format.KUBERNETES_OBJECT_NAME)
                Optional<String> storageClass,
        @Setting(
                        key = "biositing:allowDataRelocation",
                        description =
                                "outside local stacks, allow a namespace or storage class other than the one the volumes"
                                        + " were created with (a new stack, or data moved by hand)",
                        defaultValue = "false")
                boolean allowDataRelocation,
        @Setting(
                        key = "biositing:workPool",
                        description = "the Prefect work pool the worker polls",
                        defaultValue = "biocirv_dev_work_pool",
                        pattern = "[A-Za-z0-9_-]+",
                        rule = "letters, digits, '_' and '-'")
                String workPool,
        @Setting(
                        key = "biositing:prefectServerApiHost",
                        description = "PREFECT_SERVER_API_HOST",
                        defaultValue = "0.0.0.0",
                        format = Format.HOST)
                String prefectServerApiHost,
        @Setting(
                        key = "biositing:prefectUiApiUrl",
                        description =
                                "PREFECT_UI_API_URL, the API address the browser uses (port-forward by default)",
                        defaultValue = UpstreamRelease.UI_API_URL,
                        pattern = "https?://[^\\s/]+(/\\S*)?|/\\S*",
                        rule =
                                "an http(s) URL, or a path on the address the UI is served from such as /api")
                String prefectUiApiUrl,
        @Setting(
                        key = "biositing:googleCredentials",
                        description =
                                "the contents of credentials.json, the Google service-account key the flows read"
                                        + " Sheets and Drive with",
                        env = "BIOSITING_GOOGLE_CREDENTIALS",
                        secret = true,
                        format = Format.JSON_DOCUMENT,
                        example = "< path/to/credentials.json")
                Optional<Output<String>> googleCredentials,
        @Setting(
                        key = "biositing:sheetsExtraction",
                        description =
                                "whether the flows this stack runs extract from Google Sheets/Drive (the Master ETL Flow"
                                        + " does); when true, a stack without biositing:googleCredentials is warned",
                        defaultValue = "true")
                boolean sheetsExtraction)
        implements SettingsRules {

    /** Where upstream publishes images; only {@link UpstreamRelease#PIPELINE_REPOSITORY} exists under it. */
    private static final String UPSTREAM_REGISTRY = "ghcr.io/sustainability-software-lab/";

    @Override
    public void check(Problems problems) {
        // Both images have passed Format.PINNED_IMAGE: rules run only once every setting has
        // parsed.
        var repository = ImageReference.parse(pipelineImage).repository();
        if (repository.startsWith(UPSTREAM_REGISTRY)
                && !repository.equals(UpstreamRelease.PIPELINE_REPOSITORY)) {
            problems.add(
                    "biositing:pipelineImage",
                    "names "
                            + repository
                            + ", which ca-biositing does not publish"
                            + " (its workflow pushes "
                            + UpstreamRelease.PIPELINE_REPOSITORY
                            + " only)",
                    "pulumi config set biositing:pipelineImage "
                            + UpstreamRelease.PIPELINE_IMAGE
                            + " (or remove the key for that default)");
        }
        if (!ImageReference.parse(postgresImage).repository().contains("postgis")) {
            problems.add(
                    "biositing:postgresImage",
                    "is not a PostGIS image ("
                            + postgresImage
                            + "); the pipeline's"
                            + " first migration runs CREATE EXTENSION postgis, which plain PostgreSQL cannot",
                    "pulumi config set biositing:postgresImage "
                            + UpstreamRelease.POSTGIS_IMAGE
                            + " (or remove the key for that default)");
        }
        if (!postgresUser.equals(UpstreamRelease.DATABASE_ROLE)) {
            problems.add(
                    "biositing:postgresUser",
                    "is "
                            + postgresUser
                            + ", but the migrations of "
                            + UpstreamRelease.TAG
                            + " grant default privileges FOR ROLE "
                            + UpstreamRelease.DATABASE_ROLE
                            + " and fail for any other owner",
                    "remove biositing:postgresUser (default "
                            + UpstreamRelease.DATABASE_ROLE
                            + ")");
        }
    }
}
