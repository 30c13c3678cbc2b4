package labstacks.moderate;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import labstacks.constructs.kubernetes.ObjectMetadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
    static final String RABBIT_USER = CodeLocationEnvironment.RABBIT_USER;

    /**
     * Inputs of {@link PlatformSecrets}: every value is a stack secret except the admin user and the public key.
     *
     * @param namespace               the namespace of every Secret
     * @param codeLocationSettings    the code location's environment ({@link CodeLocationEnvironment})
     * @param ingestionBotToken       the ingestion bot's JWT; empty until created in OpenMetadata
     * @param postgresPassword        the PostgreSQL superuser's password
     * @param dagsterDbPassword       PostgreSQL user dagster's password
     * @param keycloakDbPassword      PostgreSQL user keycloak's password
     * @param openMetadataDbPassword  PostgreSQL user openmetadata's password
     * @param keycloakAdminUser       the Keycloak admin user
     * @param keycloakAdminPassword   the Keycloak admin's password
     * @param rabbitPassword          RabbitMQ user rabbit's password
     * @param openMetadataFernetKey   OpenMetadata's Fernet key
     * @param openMetadataJwtPrivateKey base64 of OpenMetadata's private key (DER)
     * @param openMetadataJwtPublicKey  base64 of OpenMetadata's public key (DER)
     */
    public record Args(
            String namespace,
            Output<Map<String, String>> codeLocationSettings,
            Optional<Output<String>> ingestionBotToken,
            Output<String> postgresPassword,
            Output<String> dagsterDbPassword,
            Output<String> keycloakDbPassword,
            Output<String> openMetadataDbPassword,
            String keycloakAdminUser,
            Output<String> keycloakAdminPassword,
            Output<String> rabbitPassword,
            Output<String> openMetadataFernetKey,
            Output<String> openMetadataJwtPrivateKey,
            String openMetadataJwtPublicKey) {

        public Args {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(codeLocationSettings, "codeLocationSettings");
            Objects.requireNonNull(ingestionBotToken, "ingestionBotToken");
            Objects.requireNonNull(keycloakAdminUser, "keycloakAdminUser");
            Objects.requireNonNull(openMetadataJwtPublicKey, "openMetadataJwtPublicKey");
            for (var secret : List.of(postgresPassword, dagsterDbPassword, keycloakDbPassword, openMetadataDbPassword,
                    keycloakAdminPassword, rabbitPassword, openMetadataFernetKey, openMetadataJwtPrivateKey)) {
                Objects.requireNonNull(secret, "a password or key");
            }
        }
    }

    private final Map<String, Secret> secrets = new LinkedHashMap<>();

    public PlatformSecrets(String name, Args args, CustomResourceOptions k8s, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var ns = args.namespace();

        secret(DAGSTER_SECRETS, ns, args.codeLocationSettings(), child);
        secret(INGESTION_BOT_TOKEN, ns, args.ingestionBotToken().orElse(Output.of(""))
                .applyValue(token -> Map.of("OPEN_METADATA_TOKEN", token)), child);
        // Each application logs in as its own PostgreSQL user (PostgresAppUsers creates them), never as postgres.
        secret(DAGSTER_POSTGRES, ns, args.dagsterDbPassword().applyValue(pw -> Map.of("postgresql-password", pw)), child);
        secret(OPENMETADATA_POSTGRES, ns,
                args.openMetadataDbPassword().applyValue(pw -> Map.of("openmetadata-postgres-password", pw)), child);
        secret(OPENMETADATA_FERNET, ns, args.openMetadataFernetKey().applyValue(key -> Map.of("fernet-key", key)), child);
        secret(POSTGRES, ns, args.postgresPassword().applyValue(pw -> Map.of("POSTGRES_PASSWORD", pw)), child);
        secret(KEYCLOAK, ns, Output.all(args.keycloakAdminPassword(), args.keycloakDbPassword()).applyValue(pw -> Map.of(
                "KEYCLOAK_ADMIN", args.keycloakAdminUser(),
                "KEYCLOAK_ADMIN_PASSWORD", pw.get(0),
                "KC_DB_PASSWORD", pw.get(1))), child);
        secret(RABBITMQ, ns, args.rabbitPassword().applyValue(pw -> Map.of(
                "RABBITMQ_DEFAULT_USER", RABBIT_USER, "RABBITMQ_DEFAULT_PASS", pw)), child);

        // The DER keys are binary: they go in data (base64), as the openssl commands of the README write them.
        secrets.put(OPENMETADATA_JWT_KEYS, new Secret(OPENMETADATA_JWT_KEYS, SecretArgs.builder()
                .metadata(Labels.metadata(OPENMETADATA_JWT_KEYS, ns))
                .type("Opaque")
                .data(args.openMetadataJwtPrivateKey().applyValue(privateKey -> Map.of(
                        "om_privkey.der", privateKey,
                        "om_pubkey.der", args.openMetadataJwtPublicKey())).asSecret())
                .build(), child));
        registerOutputs(Map.of());
    }

    private void secret(String name, String namespace, Output<Map<String, String>> data, CustomResourceOptions options) {
        secrets.put(name, new Secret(name, SecretArgs.builder()
                .metadata(Labels.metadata(name, namespace))
                .type("Opaque")
                .stringData(data.asSecret())
                .build(), options));
    }

    /** Every Secret, in the order they register. */
    public List<Secret> secrets() {
        return List.copyOf(secrets.values());
    }

    /**
     * The object name of the Secret {@code name} (one of this class's constants), as an output: a workload given
     * it waits for the Secret.
     */
    public Output<String> name(String name) {
        var secret = secrets.get(name);
        if (secret == null) {
            throw new IllegalArgumentException("no platform Secret " + name + "; there are " + secrets.keySet());
        }
        return ObjectMetadata.nameOf(secret.metadata());
    }
}
