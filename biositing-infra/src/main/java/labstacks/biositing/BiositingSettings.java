package labstacks.biositing;

import com.pulumi.core.Output;
import labstacks.shared.config.Setting;
import labstacks.shared.validation.Format;

import java.util.Optional;

/**
 * The biositing-infra stack settings: the compose project's {@code .env} as a typed, documented schema.
 * Passwords are secrets (Kubernetes Secret); everything else lands in a ConfigMap. The connection URLs
 * of the compose file ({@code DATABASE_URL}, {@code PREFECT_API_DATABASE_CONNECTION_URL},
 * {@code PREFECT_API_URL}) are derived from these, never typed twice.
 */
public record BiositingSettings(
        @Setting(key = "kubernetes:context", description = "the kubeconfig context of the target cluster",
                example = "minikube")
        Optional<String> kubeContext,
        @Setting(key = "biositing:namespace", description = "the namespace of the ETL stack",
                defaultValue = "ca-biositing", format = Format.KUBERNETES_NAMESPACE)
        String namespace,
        @Setting(key = "biositing:pipelineImage",
                description = "the ETL pipeline image (pipeline.dockerfile), pinned by tag or digest",
                format = Format.PINNED_IMAGE, example = "ghcr.io/sustainability-software-lab/ca-biositing-pipeline:0.4.0")
        String pipelineImage,
        @Setting(key = "biositing:postgresImage", description = "the PostgreSQL 13 image, pinned",
                defaultValue = "postgres:13.20", format = Format.PINNED_IMAGE)
        String postgresImage,
        @Setting(key = "biositing:prefectServerImage",
                description = "the Prefect server image; the version prefect.yaml names",
                defaultValue = "prefecthq/prefect:3.4.23-python3.12", format = Format.PINNED_IMAGE)
        String prefectServerImage,
        @Setting(key = "biositing:postgresUser", description = "POSTGRES_USER", defaultValue = "biocirv_user",
                pattern = "[a-z_][a-z0-9_]{0,62}", rule = "a PostgreSQL name: 1 to 63 lower-case letters, digits and '_', not starting with a digit")
        String postgresUser,
        @Setting(key = "biositing:postgresDb", description = "POSTGRES_DB, the application database",
                defaultValue = "biocirv_db", pattern = "[a-z_][a-z0-9_]{0,62}",
                rule = "a PostgreSQL name: 1 to 63 lower-case letters, digits and '_', not starting with a digit")
        String postgresDb,
        @Setting(key = "biositing:postgresPassword", description = "POSTGRES_PASSWORD",
                env = "POSTGRES_PASSWORD", secret = true, credential = true)
        Output<String> postgresPassword,
        @Setting(key = "biositing:postgresPort", description = "POSTGRES_PORT, the database service port",
                defaultValue = "5432", min = 1, max = 65535)
        int postgresPort,
        @Setting(key = "biositing:postgresStorage", description = "size of the pgdata volume",
                defaultValue = "10Gi", format = Format.STORAGE_SIZE)
        String postgresStorage,
        @Setting(key = "biositing:prefectStorage", description = "size of the prefectdata volume",
                defaultValue = "1Gi", format = Format.STORAGE_SIZE)
        String prefectStorage,
        @Setting(key = "biositing:storageClass", description = "the storage class of both volumes; empty for the default",
                format = Format.KUBERNETES_OBJECT_NAME)
        Optional<String> storageClass,
        @Setting(key = "biositing:workPool", description = "the Prefect work pool the worker polls",
                defaultValue = "biocirv_dev_work_pool", pattern = "[A-Za-z0-9_-]+",
                rule = "letters, digits, '_' and '-'")
        String workPool,
        @Setting(key = "biositing:prefectServerApiHost", description = "PREFECT_SERVER_API_HOST",
                defaultValue = "0.0.0.0", format = Format.HOST)
        String prefectServerApiHost,
        @Setting(key = "biositing:prefectUiApiUrl",
                description = "PREFECT_UI_API_URL, the API address the browser uses (port-forward by default)",
                defaultValue = "http://localhost:4200/api", format = Format.HTTP_URL)
        String prefectUiApiUrl,
        @Setting(key = "biositing:googleCredentials",
                description = "credentials.json, the Google service-account key the flows read Sheets with",
                env = "BIOSITING_GOOGLE_CREDENTIALS", secret = true)
        Optional<Output<String>> googleCredentials) {
}
