package labstacks.moderate;

import java.util.LinkedHashMap;
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
        var codeLocation = map(
                "name", CODE_LOCATION,
                "image", map("repository", settings.codeLocationImage(), "tag", settings.codeLocationTag(),
                        "pullPolicy", "Always"),
                "dagsterApiGrpcArgs", List.of("--package-name", "moderate"),
                "port", 3030,
                "envSecrets", List.of(map("name", PlatformSecrets.DAGSTER_SECRETS),
                        map("name", PlatformSecrets.INGESTION_BOT_TOKEN)),
                "includeConfigInLaunchedRuns", map("enabled", true),
                "resources", map("requests", map("cpu", "200m", "memory", "256Mi"),
                        "limits", map("cpu", "1", "memory", "2Gi")),
                "securityContext", map("allowPrivilegeEscalation", false));
        return map(
                "global", map("serviceAccountName", DagsterRbac.SERVICE_ACCOUNT,
                        "postgresqlSecretName", PlatformSecrets.DAGSTER_POSTGRES),
                // The Role and ServiceAccount come from DagsterRbac, narrower than the chart's own.
                "rbacEnabled", false,
                "generatePostgresqlPasswordSecret", false,
                "dagsterWebserver", map(
                        "service", map("port", 80),
                        "resources", map("requests", map("cpu", "100m", "memory", "256Mi"),
                                "limits", map("cpu", "1", "memory", "1Gi")),
                        "securityContext", map("allowPrivilegeEscalation", false)),
                "dagsterDaemon", map(
                        "resources", map("requests", map("cpu", "100m", "memory", "256Mi"),
                                "limits", map("cpu", "1", "memory", "1Gi")),
                        "securityContext", map("allowPrivilegeEscalation", false)),
                "dagster-user-deployments", map(
                        "enabled", true,
                        "enableSubchart", true,
                        "deployments", List.of(codeLocation)),
                "runLauncher", map(
                        "type", "K8sRunLauncher",
                        "config", map("k8sRunLauncher", map(
                                "jobNamespace", settings.namespace(),
                                "imagePullPolicy", "Always",
                                "envSecrets", List.of(map("name", PlatformSecrets.DAGSTER_SECRETS),
                                        map("name", PlatformSecrets.INGESTION_BOT_TOKEN)),
                                "resources", map("requests", map("cpu", "250m", "memory", "512Mi"),
                                        "limits", map("cpu", "2", "memory", "4Gi"))))),
                "postgresql", map(
                        // External: the platform's own PostgreSQL.
                        "enabled", false,
                        "postgresqlHost", Labels.POSTGRES,
                        "postgresqlUsername", PlatformSecrets.POSTGRES_USER,
                        "postgresqlDatabase", "dagster",
                        "service", map("port", 5432)));
    }

    static Map<String, Object> openMetadataValues(ModerateSettings settings) {
        var keycloakRealm = settings.keycloakPublicUrl() + "/realms/" + settings.realm();
        var config = map(
                "logLevel", "INFO",
                "elasticsearch", map(
                        "host", Labels.ELASTICSEARCH,
                        "port", 9200,
                        "scheme", "http",
                        "searchType", "elasticsearch",
                        "trustStore", map("enabled", false),
                        "auth", map("enabled", false)),
                "database", map(
                        "host", Labels.POSTGRES,
                        "port", 5432,
                        "driverClass", "org.postgresql.Driver",
                        "dbScheme", "postgresql",
                        "databaseName", "openmetadata",
                        "dbParams", "sslmode=disable",
                        "auth", map(
                                "username", PlatformSecrets.POSTGRES_USER,
                                "password", map("secretRef", PlatformSecrets.OPENMETADATA_POSTGRES,
                                        "secretKey", "openmetadata-postgres-password"))),
                "pipelineServiceClientConfig", map("enabled", false),
                "authentication", map(
                        "provider", "custom-oidc",
                        "publicKeys", List.of(settings.openMetadataPublicUrl() + "/api/v1/system/config/jwks",
                                keycloakRealm + "/protocol/openid-connect/certs"),
                        "authority", keycloakRealm,
                        "clientId", settings.oidcClientId(),
                        "callbackUrl", settings.openMetadataPublicUrl() + "/callback",
                        "enableSelfSignup", false),
                "authorizer", map(
                        "className", "org.openmetadata.service.security.DefaultAuthorizer",
                        "containerRequestFilter", "org.openmetadata.service.security.JwtFilter",
                        "initialAdmins", settings.initialAdmins(),
                        "principalDomain", settings.principalDomain()),
                "jwtTokenConfiguration", map(
                        "enabled", true,
                        "rsapublicKeyFilePath", JWT_KEYS_DIR + "/om_pubkey.der",
                        "rsaprivateKeyFilePath", JWT_KEYS_DIR + "/om_privkey.der",
                        "jwtissuer", keycloakRealm,
                        "keyId", settings.openMetadataJwtKeyId()),
                "fernetkey", map("secretRef", PlatformSecrets.OPENMETADATA_FERNET, "secretKey", "fernet-key"));
        return map(
                "fullnameOverride", Labels.OPENMETADATA,
                "openmetadata", map("config", config),
                "extraVolumes", List.of(map("name", "jwt-keys",
                        "secret", map("secretName", PlatformSecrets.OPENMETADATA_JWT_KEYS))),
                "extraVolumeMounts", List.of(map("name", "jwt-keys", "mountPath", JWT_KEYS_DIR, "readOnly", true)),
                "resources", map("requests", map("cpu", "500m", "memory", "1Gi"),
                        "limits", map("cpu", "2", "memory", "3Gi")),
                "securityContext", map("allowPrivilegeEscalation", false));
    }

    /** An insertion-ordered map, so the values read like the chart's values.yaml. */
    static Map<String, Object> map(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
