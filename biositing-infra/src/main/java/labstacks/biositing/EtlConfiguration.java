package labstacks.biositing;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.shared.program.ChildOptions;
import labstacks.shared.text.PercentEncoding;

/**
 * The compose project's {@code .env}: passwords and the URLs that embed them in a Secret, the rest in a
 * ConfigMap. Both feed every container through envFrom.
 */
public final class EtlConfiguration extends ComponentResource {
    public static final String TYPE = "labstacks:biositing:EtlConfiguration";
    static final String CONFIG_MAP = "etl-config";
    static final String SECRET = "etl-secrets";

    /**
     * Inputs of {@link EtlConfiguration}: the {@code .env} values the stack settings hold; build with {@link
     * #builder()}. Fields without a default are required.
     */
    public static final class Args {
        private final String namespace;
        private final String postgresUser;
        private final String postgresDb;
        private final Output<String> postgresPassword;
        private final int postgresPort;
        private final String prefectUiApiUrl;
        private final String prefectServerApiHost;
        private final String workPool;
        private final CustomResourceOptions kubernetes;

        private Args(Builder builder) {
            this.namespace = Objects.requireNonNull(builder.namespace, "namespace");
            this.postgresUser = Objects.requireNonNull(builder.postgresUser, "postgresUser");
            this.postgresDb = Objects.requireNonNull(builder.postgresDb, "postgresDb");
            this.postgresPassword =
                    Objects.requireNonNull(builder.postgresPassword, "postgresPassword");
            this.postgresPort = builder.postgresPort;
            this.prefectUiApiUrl =
                    Objects.requireNonNull(builder.prefectUiApiUrl, "prefectUiApiUrl");
            this.prefectServerApiHost =
                    Objects.requireNonNull(builder.prefectServerApiHost, "prefectServerApiHost");
            this.workPool = Objects.requireNonNull(builder.workPool, "workPool");
            this.kubernetes = Objects.requireNonNull(builder.kubernetes, "kubernetes");
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The namespace of both objects. */
        public String namespace() {
            return namespace;
        }

        /** POSTGRES_USER, also the user of both database URLs. */
        public String postgresUser() {
            return postgresUser;
        }

        /** POSTGRES_DB, the application database of DATABASE_URL. */
        public String postgresDb() {
            return postgresDb;
        }

        /** POSTGRES_PASSWORD (secret), also in both URLs. */
        public Output<String> postgresPassword() {
            return postgresPassword;
        }

        /** The database Service's port, in POSTGRES_PORT and both URLs. */
        public int postgresPort() {
            return postgresPort;
        }

        /** PREFECT_UI_API_URL, the API address the browser uses. */
        public String prefectUiApiUrl() {
            return prefectUiApiUrl;
        }

        /** PREFECT_SERVER_API_HOST. */
        public String prefectServerApiHost() {
            return prefectServerApiHost;
        }

        /** PREFECT_WORK_POOL_NAME. */
        public String workPool() {
            return workPool;
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
            private String postgresUser;
            private String postgresDb;
            private Output<String> postgresPassword;
            private int postgresPort;
            private String prefectUiApiUrl;
            private String prefectServerApiHost;
            private String workPool;
            private CustomResourceOptions kubernetes;

            private Builder() {}

            /** See {@link Args#namespace()}. */
            public Builder namespace(String value) {
                this.namespace = value;
                return this;
            }

            /** See {@link Args#postgresUser()}. */
            public Builder postgresUser(String value) {
                this.postgresUser = value;
                return this;
            }

            /** See {@link Args#postgresDb()}. */
            public Builder postgresDb(String value) {
                this.postgresDb = value;
                return this;
            }

            /** See {@link Args#postgresPassword()}. */
            public Builder postgresPassword(Output<String> value) {
                this.postgresPassword = value;
                return this;
            }

            /** See {@link Args#postgresPort()}. */
            public Builder postgresPort(int value) {
                this.postgresPort = value;
                return this;
            }

            /** See {@link Args#prefectUiApiUrl()}. */
            public Builder prefectUiApiUrl(String value) {
                this.prefectUiApiUrl = value;
                return this;
            }

            /** See {@link Args#prefectServerApiHost()}. */
            public Builder prefectServerApiHost(String value) {
                this.prefectServerApiHost = value;
                return this;
            }

            /** See {@link Args#workPool()}. */
            public Builder workPool(String value) {
                this.workPool = value;
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

        /** The fields from the stack's settings; the caller adds {@link Builder#kubernetes}. */
        static Builder of(BiositingSettings settings) {
            return builder()
                    .namespace(settings.namespace())
                    .postgresUser(settings.postgresUser())
                    .postgresDb(settings.postgresDb())
                    .postgresPassword(settings.postgresPassword())
                    .postgresPort(settings.postgresPort())
                    .prefectUiApiUrl(settings.prefectUiApiUrl())
                    .prefectServerApiHost(settings.prefectServerApiHost())
                    .workPool(settings.workPool());
        }
    }

    private final ConfigMap configMap;
    private final Secret secret;

    public EtlConfiguration(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var namespace = args.namespace();
        var child = ChildOptions.of(this, args.kubernetes());
        var host = Pods.databaseHost(namespace);
        var port = args.postgresPort();
        var user = args.postgresUser();
        var database = args.postgresDb();

        var plain = new LinkedHashMap<String, String>();
        plain.put("POSTGRES_HOST", host);
        plain.put("POSTGRES_PORT", Integer.toString(port));
        plain.put("POSTGRES_USER", user);
        plain.put("POSTGRES_DB", database);
        plain.put("PREFECT_API_URL", apiUrl());
        plain.put("PREFECT_UI_API_URL", args.prefectUiApiUrl());
        plain.put("PREFECT_SERVER_API_HOST", args.prefectServerApiHost());
        plain.put("PREFECT_SERVER_API_PORT", Integer.toString(Pods.PREFECT_PORT));
        plain.put("PREFECT_WORK_POOL_NAME", args.workPool());
        this.configMap =
                new ConfigMap(
                        CONFIG_MAP,
                        ConfigMapArgs.builder()
                                .metadata(Pods.metadata(CONFIG_MAP, namespace, "configuration"))
                                .data(plain)
                                .build(),
                        child);

        // The .env URLs embed the password, so they are secrets too; the host is the Service's
        // cluster name.
        Output<Map<String, String>> secretData =
                args.postgresPassword()
                        .applyValue(
                                pw -> {
                                    var data = new LinkedHashMap<String, String>();
                                    data.put("POSTGRES_PASSWORD", pw);
                                    // SQLAlchemy decodes a percent-encoded password; a raw '@', ':'
                                    // or '/' would end it early.
                                    var inUrl = PercentEncoding.component(pw);
                                    data.put(
                                            "DATABASE_URL",
                                            "postgresql+psycopg2://"
                                                    + user
                                                    + ":"
                                                    + inUrl
                                                    + "@"
                                                    + host
                                                    + ":"
                                                    + port
                                                    + "/"
                                                    + database);
                                    data.put(
                                            "PREFECT_API_DATABASE_CONNECTION_URL",
                                            "postgresql+asyncpg://"
                                                    + user
                                                    + ":"
                                                    + inUrl
                                                    + "@"
                                                    + host
                                                    + ":"
                                                    + port
                                                    + "/prefect_db");
                                    return Map.copyOf(data);
                                })
                        .asSecret();
        this.secret =
                new Secret(
                        SECRET,
                        SecretArgs.builder()
                                .metadata(Pods.metadata(SECRET, namespace, "configuration"))
                                .type("Opaque")
                                .stringData(secretData)
                                .build(),
                        child);
        registerOutputs(Map.of("configMap", Output.of(CONFIG_MAP), "secret", Output.of(SECRET)));
    }

    /**
     * The in-cluster Prefect API, as the worker's compose override sets it. (The ConfigMap is written before the
     * server exists, so it names the Service by its fixed name; workloads take {@link PrefectServer#apiUrl()}.)
     */
    static String apiUrl() {
        return apiUrl(PrefectServer.NAME);
    }

    static String apiUrl(String service) {
        return "http://" + service + ":" + Pods.PREFECT_PORT + "/api";
    }

    /** The {@code .env} as envFrom through both objects' outputs: a workload given it waits for both. */
    public List<EnvFromSourceArgs> envFrom() {
        return Pods.dotEnv(
                ObjectMetadata.nameOf(configMap.metadata()),
                ObjectMetadata.nameOf(secret.metadata()));
    }

    /**
     * The {@code .env} as envFrom by the objects' fixed names, without a dependency: for the workloads that start
     * after the database, which already waits for both objects (an output here would add dependencies the plan
     * shows, and issue 17 keeps the plan byte-identical).
     */
    static List<EnvFromSourceArgs> envFromByName() {
        return Pods.dotEnv(Output.of(CONFIG_MAP), Output.of(SECRET));
    }

    public ConfigMap configMap() {
        return configMap;
    }

    public Secret secret() {
        return secret;
    }
}
