package labstacks.moderate;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every secret of the platform, as Kubernetes Secrets (never ConfigMaps): the code location's settings
 * ({@code dagster-secrets}), the ingestion-bot token, and the credentials the charts and services
 * read by Secret name. Values come from stack secrets and stay secret in the state.
 */
public final class PlatformSecrets extends ComponentResource {
    public static final String TYPE = "labstacks:moderate:PlatformSecrets";
    static final String DAGSTER_SECRETS = "dagster-secrets";
    static final String INGESTION_BOT_TOKEN = "openmetadata-ingestion-bot-token";
    static final String DAGSTER_POSTGRES = "dagster-postgresql-secret";
    static final String OPENMETADATA_POSTGRES = "openmetadata-postgres-secrets";
    static final String OPENMETADATA_JWT_KEYS = "openmetadata-jwt-keys";
    static final String OPENMETADATA_FERNET = "openmetadata-fernet-key";
    static final String POSTGRES = "postgres-credentials";
    static final String KEYCLOAK = "keycloak-credentials";
    static final String RABBITMQ = "rabbitmq-credentials";
    static final String POSTGRES_USER = "postgres";
    static final String RABBIT_USER = "rabbit";

    private final List<Secret> secrets = new ArrayList<>();

    public PlatformSecrets(String name, ModerateSettings settings, CustomResourceOptions k8s,
                           ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var ns = settings.namespace();

        secret(DAGSTER_SECRETS, ns, codeLocationSettings(settings), child);
        secret(INGESTION_BOT_TOKEN, ns, settings.openMetadataToken().orElse(Output.of(""))
                .applyValue(token -> Map.of("OPEN_METADATA_TOKEN", token)), child);
        // Each application logs in as its own PostgreSQL user (PostgresAppUsers creates them), never as postgres.
        secret(DAGSTER_POSTGRES, ns, settings.dagsterDbPassword().applyValue(pw -> Map.of("postgresql-password", pw)), child);
        secret(OPENMETADATA_POSTGRES, ns,
                settings.openMetadataDbPassword().applyValue(pw -> Map.of("openmetadata-postgres-password", pw)), child);
        secret(OPENMETADATA_FERNET, ns, settings.openMetadataFernetKey().applyValue(key -> Map.of("fernet-key", key)), child);
        secret(POSTGRES, ns, settings.postgresPassword().applyValue(pw -> Map.of("POSTGRES_PASSWORD", pw)), child);
        secret(KEYCLOAK, ns, Output.all(settings.keycloakAdminPassword(), settings.keycloakDbPassword()).applyValue(pw -> Map.of(
                "KEYCLOAK_ADMIN", settings.keycloakAdminUser(),
                "KEYCLOAK_ADMIN_PASSWORD", pw.get(0),
                "KC_DB_PASSWORD", pw.get(1))), child);
        secret(RABBITMQ, ns, settings.rabbitPassword().applyValue(pw -> Map.of(
                "RABBITMQ_DEFAULT_USER", RABBIT_USER, "RABBITMQ_DEFAULT_PASS", pw)), child);

        // The DER keys are binary: they go in data (base64), as the openssl commands of the README write them.
        secrets.add(new Secret(OPENMETADATA_JWT_KEYS, SecretArgs.builder()
                .metadata(Labels.metadata(OPENMETADATA_JWT_KEYS, ns))
                .type("Opaque")
                .data(settings.openMetadataJwtPrivateKey().applyValue(privateKey -> Map.of(
                        "om_privkey.der", privateKey,
                        "om_pubkey.der", settings.openMetadataJwtPublicKey())).asSecret())
                .build(), child));
        registerOutputs(Map.of());
    }

    private void secret(String name, String namespace, Output<Map<String, String>> data, CustomResourceOptions options) {
        secrets.add(new Secret(name, SecretArgs.builder()
                .metadata(Labels.metadata(name, namespace))
                .type("Opaque")
                .stringData(data.asSecret())
                .build(), options));
    }

    /**
     * The code location's environment, every value in the Secret as production did. Optional services are
     * left out entirely when not configured, so the code sees them as unset.
     */
    static Output<Map<String, String>> codeLocationSettings(ModerateSettings settings) {
        var ns = settings.namespace();
        var plain = new LinkedHashMap<String, String>();
        plain.put("KEYCLOAK_SERVER_URL", "http://" + Labels.KEYCLOAK + "." + ns + ".svc.cluster.local:8080");
        plain.put("KEYCLOAK_ADMIN_USERNAME", settings.keycloakAdminUser());
        plain.put("KEYCLOAK_MAIN_REALM_NAME", settings.realm());
        plain.put("POSTGRES_HOST", Labels.POSTGRES + "." + ns + ".svc.cluster.local");
        plain.put("POSTGRES_PORT", "5432");
        plain.put("POSTGRES_USERNAME", HelmCharts.POSTGRES_DAGSTER_USER);
        plain.put("OPEN_METADATA_HOST", "http://" + Labels.OPENMETADATA + "." + ns + ".svc.cluster.local");
        plain.put("OPEN_METADATA_PORT", "8585");
        plain.put("MATRIX_PROFILE_JOB_IMAGE", settings.matrixProfileJobImage());
        // Variables the code reads with a default of its own (moderate/enums.py VariableDefaults, or only when
        // set, as MATRIX_PROFILE_JOB_TAG): present only when configured, so the code's default applies otherwise.
        settings.matrixProfileJobTag().ifPresent(v -> plain.put("MATRIX_PROFILE_JOB_TAG", v));
        settings.matrixProfileQueue().ifPresent(v -> plain.put("MATRIX_PROFILE_QUEUE", v));
        settings.s3JobOutputsBucketName().ifPresent(v -> plain.put("S3_JOB_OUTPUTS_BUCKET_NAME", v));
        settings.apiBaseUrl().ifPresent(v -> plain.put("API_BASE_URL", v));
        settings.apiUsername().ifPresent(v -> plain.put("API_USERNAME", v));
        settings.s3Region().ifPresent(v -> plain.put("S3_REGION", v));
        settings.s3BucketName().ifPresent(v -> plain.put("S3_BUCKET_NAME", v));
        settings.s3EndpointUrl().ifPresent(v -> plain.put("S3_ENDPOINT_URL", v));

        var secretNames = new ArrayList<String>();
        var secretValues = new ArrayList<Output<String>>();
        secretNames.add("KEYCLOAK_ADMIN_PASSWORD");
        secretValues.add(settings.keycloakAdminPassword());
        secretNames.add("POSTGRES_PASSWORD");
        secretValues.add(settings.dagsterDbPassword());
        secretNames.add("RABBIT_URL");
        secretValues.add(settings.rabbitPassword().applyValue(pw -> "amqp://" + Urls.userInfo(RABBIT_USER, pw) + "@"
                + Labels.RABBITMQ + "." + ns + ".svc.cluster.local:5672/"));
        settings.apiPassword().ifPresent(v -> {
            secretNames.add("API_PASSWORD");
            secretValues.add(v);
        });
        settings.s3AccessKeyId().ifPresent(v -> {
            secretNames.add("S3_ACCESS_KEY_ID");
            secretValues.add(v);
        });
        settings.s3SecretAccessKey().ifPresent(v -> {
            secretNames.add("S3_SECRET_ACCESS_KEY");
            secretValues.add(v);
        });
        return Output.all(secretValues).applyValue(values -> {
            var data = new LinkedHashMap<>(plain);
            for (int i = 0; i < secretNames.size(); i++) {
                data.put(secretNames.get(i), values.get(i));
            }
            return Map.copyOf(data);
        });
    }

    public List<Secret> secrets() {
        return List.copyOf(secrets);
    }
}
