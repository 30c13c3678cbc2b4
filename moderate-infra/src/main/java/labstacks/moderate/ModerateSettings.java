package labstacks.moderate;

import com.pulumi.core.Output;
import labstacks.shared.config.Setting;
import labstacks.shared.validation.Format;
import labstacks.shared.config.SettingsRules;

import java.util.List;
import java.util.Optional;

/**
 * The moderate-infra stack settings. Passwords and keys are secrets; the code location's optional
 * services (Platform API, S3) are wired only when their settings are present, as in the original.
 */
public record ModerateSettings(
        @Setting(key = "kubernetes:context", description = "the kubeconfig context of the target cluster",
                example = "minikube")
        Optional<String> kubeContext,
        @Setting(key = "moderate:namespace", description = "the namespace of the whole platform",
                defaultValue = "moderate", format = Format.KUBERNETES_NAMESPACE)
        String namespace,
        @Setting(key = "moderate:codeLocationImage", description = "the moderate code location image, without tag",
                format = Format.IMAGE_REPOSITORY, example = "europe-west1-docker.pkg.dev/moderate-common/moderate-images/moderate-workflows")
        String codeLocationImage,
        @Setting(key = "moderate:codeLocationTag", description = "the code location image tag (not latest)",
                pattern = "(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}",
                rule = "an image tag other than latest: 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'",
                example = "2025-12-16")
        String codeLocationTag,
        @Setting(key = "moderate:matrixProfileJobImage", description = "MATRIX_PROFILE_JOB_IMAGE, the image of matrix-profile jobs",
                defaultValue = "europe-west1-docker.pkg.dev/moderate-common/moderate-images/moderate-matrix-profile-workflow",
                format = Format.IMAGE)
        String matrixProfileJobImage,
        @Setting(key = "moderate:postgresPassword", description = "the PostgreSQL superuser password",
                env = "POSTGRES_PASSWORD", secret = true, credential = true)
        Output<String> postgresPassword,
        @Setting(key = "moderate:keycloakAdminUser", description = "the Keycloak admin user", defaultValue = "admin")
        String keycloakAdminUser,
        @Setting(key = "moderate:keycloakAdminPassword", description = "the Keycloak admin password",
                env = "KEYCLOAK_ADMIN_PASSWORD", secret = true, credential = true)
        Output<String> keycloakAdminPassword,
        @Setting(key = "moderate:keycloakMode", description = "start-dev for local clusters, start for production",
                defaultValue = "start-dev")
        KeycloakMode keycloakMode,
        @Setting(key = "moderate:keycloakHostname", description = "Keycloak's public host name (required with start)",
                example = "keycloak.moderate.cloud", format = Format.HOST)
        Optional<String> keycloakHostname,
        @Setting(key = "moderate:keycloakPublicUrl", description = "Keycloak as browsers reach it",
                defaultValue = "http://localhost:8080", format = Format.HTTP_URL)
        String keycloakPublicUrl,
        @Setting(key = "moderate:openMetadataPublicUrl", description = "OpenMetadata as browsers reach it",
                defaultValue = "http://localhost:8585", format = Format.HTTP_URL)
        String openMetadataPublicUrl,
        @Setting(key = "moderate:realm", description = "the Keycloak realm", defaultValue = "moderate",
                pattern = "[A-Za-z0-9_-]{1,255}", rule = "a realm name: letters, digits, '_' and '-' (it becomes a URL path segment)")
        String realm,
        @Setting(key = "moderate:oidcClientId", description = "OpenMetadata's OIDC client in the realm",
                defaultValue = "openmetadata")
        String oidcClientId,
        @Setting(key = "moderate:initialAdmins", description = "OpenMetadata's initial admins (user names)",
                defaultValue = "[\"admin\"]")
        List<String> initialAdmins,
        @Setting(key = "moderate:principalDomain", description = "the e-mail domain of OpenMetadata principals",
                pattern = "[a-z0-9]([a-z0-9.-]*[a-z0-9])?",
                rule = "a lower-case e-mail domain such as moderate.cloud", example = "moderate.cloud")
        String principalDomain,
        @Setting(key = "moderate:openMetadataJwtPrivateKey",
                description = "base64 of OpenMetadata's RSA private key, PKCS#8 DER (see the README for the openssl command)",
                secret = true, credential = true)
        Output<String> openMetadataJwtPrivateKey,
        @Setting(key = "moderate:openMetadataJwtPublicKey",
                description = "base64 of OpenMetadata's RSA public key, DER", credential = true,
                pattern = "[A-Za-z0-9+/]+={0,2}", rule = "base64 text (letters, digits, '+', '/', '=' padding)")
        String openMetadataJwtPublicKey,
        @Setting(key = "moderate:openMetadataJwtKeyId", description = "the key id OpenMetadata puts in its JWTs",
                defaultValue = "5756d057-114e-4ecb-8b00-afdb4740f47a",
                pattern = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                rule = "a lower-case UUID such as 5756d057-114e-4ecb-8b00-afdb4740f47a")
        String openMetadataJwtKeyId,
        @Setting(key = "moderate:openMetadataFernetKey", description = "OpenMetadata's Fernet key",
                env = "OPEN_METADATA_FERNET_KEY", secret = true, credential = true)
        Output<String> openMetadataFernetKey,
        @Setting(key = "moderate:openMetadataToken",
                description = "the ingestion-bot JWT (empty until created in the OpenMetadata UI)", secret = true)
        Optional<Output<String>> openMetadataToken,
        @Setting(key = "moderate:rabbitPassword", description = "the RabbitMQ password of user rabbit",
                env = "RABBITMQ_DEFAULT_PASS", secret = true, credential = true)
        Output<String> rabbitPassword,
        @Setting(key = "moderate:apiBaseUrl", description = "API_BASE_URL of the Platform API", example = "https://api.moderate.cloud", format = Format.HTTP_URL)
        Optional<String> apiBaseUrl,
        @Setting(key = "moderate:apiUsername", description = "API_USERNAME")
        Optional<String> apiUsername,
        @Setting(key = "moderate:apiPassword", description = "API_PASSWORD", secret = true)
        Optional<Output<String>> apiPassword,
        @Setting(key = "moderate:s3AccessKeyId", description = "S3_ACCESS_KEY_ID", secret = true)
        Optional<Output<String>> s3AccessKeyId,
        @Setting(key = "moderate:s3SecretAccessKey", description = "S3_SECRET_ACCESS_KEY", secret = true)
        Optional<Output<String>> s3SecretAccessKey,
        @Setting(key = "moderate:s3Region", description = "S3_REGION", example = "auto")
        Optional<String> s3Region,
        @Setting(key = "moderate:s3BucketName", description = "S3_BUCKET_NAME")
        Optional<String> s3BucketName,
        @Setting(key = "moderate:s3EndpointUrl", description = "S3_ENDPOINT_URL", example = "https://storage.googleapis.com", format = Format.HTTP_URL)
        Optional<String> s3EndpointUrl,
        @Setting(key = "moderate:postgresStorage", description = "size of the PostgreSQL volume",
                defaultValue = "10Gi", format = Format.STORAGE_SIZE)
        String postgresStorage,
        @Setting(key = "moderate:elasticsearchStorage", description = "size of the Elasticsearch volume",
                defaultValue = "10Gi", format = Format.STORAGE_SIZE)
        String elasticsearchStorage,
        @Setting(key = "moderate:rabbitStorage", description = "size of the RabbitMQ volume",
                defaultValue = "1Gi", format = Format.STORAGE_SIZE)
        String rabbitStorage,
        @Setting(key = "moderate:storageClass", description = "the storage class of every volume; empty for the default",
                format = Format.KUBERNETES_OBJECT_NAME)
        Optional<String> storageClass) implements SettingsRules {

    @Override
    public void check(Problems problems) {
        if (keycloakMode == KeycloakMode.START && keycloakHostname.isEmpty()) {
            problems.add("moderate:keycloakHostname", "is required when moderate:keycloakMode is start",
                    "pulumi config set moderate:keycloakHostname <host>, or use keycloakMode start-dev");
        }
        // The code location treats each service as configured only when all of its settings are.
        if (apiBaseUrl.isPresent() != apiUsername.isPresent() || apiBaseUrl.isPresent() != apiPassword.isPresent()) {
            problems.add("moderate:apiBaseUrl", "the Platform API needs apiBaseUrl, apiUsername and apiPassword together",
                    "set all three, or none to leave the Platform API unwired");
        }
        var s3 = List.of(s3AccessKeyId.isPresent(), s3SecretAccessKey.isPresent(), s3BucketName.isPresent());
        if (s3.contains(true) && s3.contains(false)) {
            problems.add("moderate:s3AccessKeyId", "S3 needs s3AccessKeyId, s3SecretAccessKey and s3BucketName together",
                    "set all three (and s3Region, s3EndpointUrl as needed), or none to leave S3 unwired");
        }
    }
}
