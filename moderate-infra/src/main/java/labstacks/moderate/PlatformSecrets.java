package labstacks.moderate;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.shared.program.ChildOptions;

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
     * Inputs of {@link PlatformSecrets}: every value is a stack secret except the admin user and the public
     * key; build with {@link #builder()}. Fields without a default are required.
     */
    public static final class Args {
        private final String namespace;
        private final Output<Map<String, String>> codeLocationSettings;
        private final Optional<Output<String>> ingestionBotToken;
        private final Output<String> postgresPassword;
        private final Output<String> dagsterDbPassword;
        private final Output<String> keycloakDbPassword;
        private final Output<String> openMetadataDbPassword;
        private final String keycloakAdminUser;
        private final Output<String> keycloakAdminPassword;
        private final Output<String> rabbitPassword;
        private final Output<String> openMetadataFernetKey;
        private final Output<String> openMetadataJwtPrivateKey;
        private final String openMetadataJwtPublicKey;
        private final CustomResourceOptions kubernetes;

        private Args(Builder builder) {
            this.namespace = Objects.requireNonNull(builder.namespace, "namespace");
            this.codeLocationSettings =
                    Objects.requireNonNull(builder.codeLocationSettings, "codeLocationSettings");
            this.ingestionBotToken =
                    Objects.requireNonNull(builder.ingestionBotToken, "ingestionBotToken");
            this.postgresPassword =
                    Objects.requireNonNull(builder.postgresPassword, "postgresPassword");
            this.dagsterDbPassword =
                    Objects.requireNonNull(builder.dagsterDbPassword, "dagsterDbPassword");
            this.keycloakDbPassword =
                    Objects.requireNonNull(builder.keycloakDbPassword, "keycloakDbPassword");
            this.openMetadataDbPassword =
                    Objects.requireNonNull(
                            builder.openMetadataDbPassword, "openMetadataDbPassword");
            this.keycloakAdminUser =
                    Objects.requireNonNull(builder.keycloakAdminUser, "keycloakAdminUser");
            this.keycloakAdminPassword =
                    Objects.requireNonNull(builder.keycloakAdminPassword, "keycloakAdminPassword");
            this.rabbitPassword = Objects.requireNonNull(builder.rabbitPassword, "rabbitPassword");
            this.openMetadataFernetKey =
                    Objects.requireNonNull(builder.openMetadataFernetKey, "openMetadataFernetKey");
            this.openMetadataJwtPrivateKey =
                    Objects.requireNonNull(
                            builder.openMetadataJwtPrivateKey, "openMetadataJwtPrivateKey");
            this.openMetadataJwtPublicKey =
                    Objects.requireNonNull(
                            builder.openMetadataJwtPublicKey, "openMetadataJwtPublicKey");
            this.kubernetes = Objects.requireNonNull(builder.kubernetes, "kubernetes");
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The namespace of every Secret. */
        public String namespace() {
            return namespace;
        }

        /** The code location's environment ({@link CodeLocationEnvironment}). */
        public Output<Map<String, String>> codeLocationSettings() {
            return codeLocationSettings;
        }

        /** The ingestion bot's JWT; empty until created in OpenMetadata. */
        public Optional<Output<String>> ingestionBotToken() {
            return ingestionBotToken;
        }

        /** The PostgreSQL superuser's password. */
        public Output<String> postgresPassword() {
            return postgresPassword;
        }

        /** PostgreSQL user dagster's password. */
        public Output<String> dagsterDbPassword() {
            return dagsterDbPassword;
        }

        /** PostgreSQL user keycloak's password. */
        public Output<String> keycloakDbPassword() {
            return keycloakDbPassword;
        }

        /** PostgreSQL user openmetadata's password. */
        public Output<String> openMetadataDbPassword() {
            return openMetadataDbPassword;
        }

        /** The Keycloak admin user. */
        public String keycloakAdminUser() {
            return keycloakAdminUser;
        }

        /** The Keycloak admin's password. */
        public Output<String> keycloakAdminPassword() {
            return keycloakAdminPassword;
        }

        /** RabbitMQ user rabbit's password. */
        public Output<String> rabbitPassword() {
            return rabbitPassword;
        }

        /** OpenMetadata's Fernet key. */
        public Output<String> openMetadataFernetKey() {
            return openMetadataFernetKey;
        }

        /** Base64 of OpenMetadata's private key (DER). */
        public Output<String> openMetadataJwtPrivateKey() {
            return openMetadataJwtPrivateKey;
        }

        /** Base64 of OpenMetadata's public key (DER). */
        public String openMetadataJwtPublicKey() {
            return openMetadataJwtPublicKey;
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
            private Output<Map<String, String>> codeLocationSettings;
            private Optional<Output<String>> ingestionBotToken;
            private Output<String> postgresPassword;
            private Output<String> dagsterDbPassword;
            private Output<String> keycloakDbPassword;
            private Output<String> openMetadataDbPassword;
            private String keycloakAdminUser;
            private Output<String> keycloakAdminPassword;
            private Output<String> rabbitPassword;
            private Output<String> openMetadataFernetKey;
            private Output<String> openMetadataJwtPrivateKey;
            private String openMetadataJwtPublicKey;
            private CustomResourceOptions kubernetes;

            private Builder() {}

            /** See {@link Args#namespace()}. */
            public Builder namespace(String value) {
                this.namespace = value;
                return this;
            }

            /** See {@link Args#codeLocationSettings()}. */
            public Builder codeLocationSettings(Output<Map<String, String>> value) {
                this.codeLocationSettings = value;
                return this;
            }

            /** See {@link Args#ingestionBotToken()}. */
            public Builder ingestionBotToken(Optional<Output<String>> value) {
                this.ingestionBotToken = value;
                return this;
            }

            /** See {@link Args#postgresPassword()}. */
            public Builder postgresPassword(Output<String> value) {
                this.postgresPassword = value;
                return this;
            }

            /** See {@link Args#dagsterDbPassword()}. */
            public Builder dagsterDbPassword(Output<String> value) {
                this.dagsterDbPassword = value;
                return this;
            }

            /** See {@link Args#keycloakDbPassword()}. */
            public Builder keycloakDbPassword(Output<String> value) {
                this.keycloakDbPassword = value;
                return this;
            }

            /** See {@link Args#openMetadataDbPassword()}. */
            public Builder openMetadataDbPassword(Output<String> value) {
                this.openMetadataDbPassword = value;
                return this;
            }

            /** See {@link Args#keycloakAdminUser()}. */
            public Builder keycloakAdminUser(String value) {
                this.keycloakAdminUser = value;
                return this;
            }

            /** See {@link Args#keycloakAdminPassword()}. */
            public Builder keycloakAdminPassword(Output<String> value) {
                this.keycloakAdminPassword = value;
                return this;
            }

            /** See {@link Args#rabbitPassword()}. */
            public Builder rabbitPassword(Output<String> value) {
                this.rabbitPassword = value;
                return this;
            }

            /** See {@link Args#openMetadataFernetKey()}. */
            public Builder openMetadataFernetKey(Output<String> value) {
                this.openMetadataFernetKey = value;
                return this;
            }

            /** See {@link Args#openMetadataJwtPrivateKey()}. */
            public Builder openMetadataJwtPrivateKey(Output<String> value) {
                this.openMetadataJwtPrivateKey = value;
                return this;
            }

            /** See {@link Args#openMetadataJwtPublicKey()}. */
            public Builder openMetadataJwtPublicKey(String value) {
                this.openMetadataJwtPublicKey = value;
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

    private final Map<String, Secret> secrets = new LinkedHashMap<>();

    public PlatformSecrets(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = ChildOptions.of(this, args.kubernetes());
        var ns = args.namespace();

        secret(DAGSTER_SECRETS, ns, args.codeLocationSettings(), child);
        secret(
                INGESTION_BOT_TOKEN,
                ns,
                args.ingestionBotToken()
                        .orElse(Output.of(""))
                        .applyValue(token -> Map.of("OPEN_METADATA_TOKEN", token)),
                child);
        // Each application logs in as its own PostgreSQL user (PostgresAppUsers creates them),
        // never as postgres.
        secret(
                DAGSTER_POSTGRES,
                ns,
                args.dagsterDbPassword().applyValue(pw -> Map.of("postgresql-password", pw)),
                child);
        secret(
                OPENMETADATA_POSTGRES,
                ns,
                args.openMetadataDbPassword()
                        .applyValue(pw -> Map.of("openmetadata-postgres-password", pw)),
                child);
        secret(
                OPENMETADATA_FERNET,
                ns,
                args.openMetadataFernetKey().applyValue(key -> Map.of("fernet-key", key)),
                child);
        secret(
                POSTGRES,
                ns,
                args.postgresPassword().applyValue(pw -> Map.of("POSTGRES_PASSWORD", pw)),
                child);
        secret(
                KEYCLOAK,
                ns,
                Output.all(args.keycloakAdminPassword(), args.keycloakDbPassword())
                        .applyValue(
                                pw ->
                                        Map.of(
                                                "KEYCLOAK_ADMIN", args.keycloakAdminUser(),
                                                "KEYCLOAK_ADMIN_PASSWORD", pw.get(0),
                                                "KC_DB_PASSWORD", pw.get(1))),
                child);
        secret(
                RABBITMQ,
                ns,
                args.rabbitPassword()
                        .applyValue(
                                pw ->
                                        Map.of(
                                                "RABBITMQ_DEFAULT_USER",
                                                RABBIT_USER,
                                                "RABBITMQ_DEFAULT_PASS",
                                                pw)),
                child);

        // The DER keys are binary: they go in data (base64), as the openssl commands of the README
        // write them.
        secrets.put(
                OPENMETADATA_JWT_KEYS,
                new Secret(
                        OPENMETADATA_JWT_KEYS,
                        SecretArgs.builder()
                                .metadata(Labels.metadata(OPENMETADATA_JWT_KEYS, ns))
                                .type("Opaque")
                                .data(
                                        args.openMetadataJwtPrivateKey()
                                                .applyValue(
                                                        privateKey ->
                                                                Map.of(
                                                                        "om_privkey.der",
                                                                        privateKey,
                                                                        "om_pubkey.der",
                                                                        args
                                                                                .openMetadataJwtPublicKey()))
                                                .asSecret())
                                .build(),
                        child));
        registerOutputs(Map.of());
    }

    private void secret(
            String name,
            String namespace,
            Output<Map<String, String>> data,
            CustomResourceOptions options) {
        secrets.put(
                name,
                new Secret(
                        name,
                        SecretArgs.builder()
                                .metadata(Labels.metadata(name, namespace))
                                .type("Opaque")
                                .stringData(data.asSecret())
                                .build(),
                        options));
    }

    /** Every Secret, in the order they register. */
    public List<Secret> secrets() {
        return List.copyOf(secrets.values());
    }

    /** {@code dagster-secrets}: the code location's environment. */
    public Output<String> dagsterSecrets() {
        return name(DAGSTER_SECRETS);
    }

    /** {@code openmetadata-ingestion-bot-token}: the ingestion bot's token. */
    public Output<String> ingestionBotToken() {
        return name(INGESTION_BOT_TOKEN);
    }

    /** {@code dagster-postgresql-secret}: PostgreSQL user dagster's password. */
    public Output<String> dagsterPostgres() {
        return name(DAGSTER_POSTGRES);
    }

    /** {@code openmetadata-postgres-secrets}: PostgreSQL user openmetadata's password. */
    public Output<String> openMetadataPostgres() {
        return name(OPENMETADATA_POSTGRES);
    }

    /** {@code openmetadata-jwt-keys}: OpenMetadata's key pair. */
    public Output<String> openMetadataJwtKeys() {
        return name(OPENMETADATA_JWT_KEYS);
    }

    /** {@code openmetadata-fernet-key}: OpenMetadata's Fernet key. */
    public Output<String> openMetadataFernet() {
        return name(OPENMETADATA_FERNET);
    }

    /** {@code postgres-credentials}: the PostgreSQL superuser's password ({@code POSTGRES_PASSWORD}). */
    public Output<String> postgres() {
        return name(POSTGRES);
    }

    /** {@code keycloak-credentials}: the Keycloak admin and Keycloak's database password. */
    public Output<String> keycloak() {
        return name(KEYCLOAK);
    }

    /** {@code rabbitmq-credentials}: RabbitMQ's user and password. */
    public Output<String> rabbitmq() {
        return name(RABBITMQ);
    }

    /**
     * The object name of the Secret {@code name}, as an output: a workload given it waits for the Secret. Every
     * constant names one the constructor registered, so the accessors above never miss.
     */
    private Output<String> name(String name) {
        return ObjectMetadata.nameOf(secrets.get(name).metadata());
    }
}
