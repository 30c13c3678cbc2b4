package labstacks.moderate;

import labstacks.shared.program.OrderedMap;

import java.util.List;
import java.util.Map;

/**
 * The values of the two Helm releases. Values never hold a secret: every credential is referenced by the
 * name of a Secret from {@link PlatformSecrets}, so the release state has none in plain text.
 */
final class HelmCharts {
    static final String DAGSTER_REPOSITORY = "https://dagster-io.github.io/helm";
    static final String DAGSTER_CHART = "dagster";
    /** Must equal the dagster version of the code location (dagster==1.8.7). */
    static final String DAGSTER_VERSION = "1.8.7";
    static final String OPENMETADATA_REPOSITORY = "https://helm.open-metadata.org/";
    static final String OPENMETADATA_CHART = "openmetadata";
    static final String OPENMETADATA_VERSION = "1.5.4";
    static final String CODE_LOCATION = "moderate";
    static final String JWT_KEYS_DIR = "/etc/openmetadata/jwtkeys";

    private HelmCharts() {
    }

    static Map<String, Object> dagsterValues(ModerateSettings settings) {
        var codeLocation = OrderedMap.of(
                "name", CODE_LOCATION,
                "image", OrderedMap.of("repository", settings.codeLocationImage(), "tag", settings.codeLocationTag(),
                        "pullPolicy", "Always"),
                "dagsterApiGrpcArgs", List.of("--package-name", "moderate"),
                "port", 3030,
                "envSecrets", List.of(OrderedMap.of("name", PlatformSecrets.DAGSTER_SECRETS),
                        OrderedMap.of("name", PlatformSecrets.INGESTION_BOT_TOKEN)),
                "includeConfigInLaunchedRuns", OrderedMap.of("enabled", true),
                "resources", OrderedMap.of("requests", OrderedMap.of("cpu", "200m", "memory", "256Mi"),
                        "limits", OrderedMap.of("cpu", "1", "memory", "2Gi")),
                "securityContext", OrderedMap.of("allowPrivilegeEscalation", false));
        return OrderedMap.of(
                "global", OrderedMap.of("serviceAccountName", DagsterRbac.SERVICE_ACCOUNT,
                        "postgresqlSecretName", PlatformSecrets.DAGSTER_POSTGRES),
                // The Role and ServiceAccount come from DagsterRbac, narrower than the chart's own.
                "rbacEnabled", false,
                "generatePostgresqlPasswordSecret", false,
                "dagsterWebserver", OrderedMap.of(
                        "service", OrderedMap.of("port", 80),
                        "resources", OrderedMap.of("requests", OrderedMap.of("cpu", "100m", "memory", "256Mi"),
                                "limits", OrderedMap.of("cpu", "1", "memory", "1Gi")),
                        "securityContext", OrderedMap.of("allowPrivilegeEscalation", false)),
                "dagsterDaemon", OrderedMap.of(
                        "resources", OrderedMap.of("requests", OrderedMap.of("cpu", "100m", "memory", "256Mi"),
                                "limits", OrderedMap.of("cpu", "1", "memory", "1Gi")),
                        "securityContext", OrderedMap.of("allowPrivilegeEscalation", false)),
                "dagster-user-deployments", OrderedMap.of(
                        "enabled", true,
                        "enableSubchart", true,
                        "deployments", List.of(codeLocation)),
                "runLauncher", OrderedMap.of(
                        "type", "K8sRunLauncher",
                        "config", OrderedMap.of("k8sRunLauncher", OrderedMap.of(
                                "jobNamespace", settings.namespace(),
                                "imagePullPolicy", "Always",
                                "envSecrets", List.of(OrderedMap.of("name", PlatformSecrets.DAGSTER_SECRETS),
                                        OrderedMap.of("name", PlatformSecrets.INGESTION_BOT_TOKEN)),
                                "resources", OrderedMap.of("requests", OrderedMap.of("cpu", "250m", "memory", "512Mi"),
                                        "limits", OrderedMap.of("cpu", "2", "memory", "4Gi"))))),
                "postgresql", OrderedMap.of(
                        // External: the platform's own PostgreSQL.
                        "enabled", false,
                        "postgresqlHost", Labels.POSTGRES,
                        "postgresqlUsername", PlatformSecrets.POSTGRES_USER,
                        "postgresqlDatabase", "dagster",
                        "service", OrderedMap.of("port", 5432)));
    }

    static Map<String, Object> openMetadataValues(ModerateSettings settings) {
        var keycloakRealm = settings.keycloakPublicUrl() + "/realms/" + settings.realm();
        var config = OrderedMap.of(
                "logLevel", "INFO",
                "elasticsearch", OrderedMap.of(
                        "host", Labels.ELASTICSEARCH,
                        "port", 9200,
                        "scheme", "http",
                        "searchType", "elasticsearch",
                        "trustStore", OrderedMap.of("enabled", false),
                        "auth", OrderedMap.of("enabled", false)),
                "database", OrderedMap.of(
                        "host", Labels.POSTGRES,
                        "port", 5432,
                        "driverClass", "org.postgresql.Driver",
                        "dbScheme", "postgresql",
                        "databaseName", "openmetadata",
                        "dbParams", "sslmode=disable",
                        "auth", OrderedMap.of(
                                "username", PlatformSecrets.POSTGRES_USER,
                                "password", OrderedMap.of("secretRef", PlatformSecrets.OPENMETADATA_POSTGRES,
                                        "secretKey", "openmetadata-postgres-password"))),
                "pipelineServiceClientConfig", OrderedMap.of("enabled", false),
                "authentication", OrderedMap.of(
                        "provider", "custom-oidc",
                        "publicKeys", List.of(settings.openMetadataPublicUrl() + "/api/v1/system/config/jwks",
                                keycloakRealm + "/protocol/openid-connect/certs"),
                        "authority", keycloakRealm,
                        "clientId", settings.oidcClientId(),
                        "callbackUrl", settings.openMetadataPublicUrl() + "/callback",
                        "enableSelfSignup", false),
                "authorizer", OrderedMap.of(
                        "className", "org.openmetadata.service.security.DefaultAuthorizer",
                        "containerRequestFilter", "org.openmetadata.service.security.JwtFilter",
                        "initialAdmins", settings.initialAdmins(),
                        "principalDomain", settings.principalDomain()),
                "jwtTokenConfiguration", OrderedMap.of(
                        "enabled", true,
                        "rsapublicKeyFilePath", JWT_KEYS_DIR + "/om_pubkey.der",
                        "rsaprivateKeyFilePath", JWT_KEYS_DIR + "/om_privkey.der",
                        "jwtissuer", keycloakRealm,
                        "keyId", settings.openMetadataJwtKeyId()),
                "fernetkey", OrderedMap.of("secretRef", PlatformSecrets.OPENMETADATA_FERNET, "secretKey", "fernet-key"));
        return OrderedMap.of(
                "fullnameOverride", Labels.OPENMETADATA,
                "openmetadata", OrderedMap.of("config", config),
                "extraVolumes", List.of(OrderedMap.of("name", "jwt-keys",
                        "secret", OrderedMap.of("secretName", PlatformSecrets.OPENMETADATA_JWT_KEYS))),
                "extraVolumeMounts", List.of(OrderedMap.of("name", "jwt-keys", "mountPath", JWT_KEYS_DIR, "readOnly", true)),
                "resources", OrderedMap.of("requests", OrderedMap.of("cpu", "500m", "memory", "1Gi"),
                        "limits", OrderedMap.of("cpu", "2", "memory", "3Gi")),
                "securityContext", OrderedMap.of("allowPrivilegeEscalation", false));
    }
}
