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
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.shared.text.PercentEncoding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The compose project's {@code .env}: passwords and the URLs that embed them in a Secret, the rest in a
 * ConfigMap. Both feed every container through envFrom.
 */
public final class EtlConfiguration extends ComponentResource {
    public static final String TYPE = "labstacks:biositing:EtlConfiguration";
    static final String CONFIG_MAP = "etl-config";
    static final String SECRET = "etl-secrets";

    /**
     * Inputs of {@link EtlConfiguration}: the {@code .env} values the stack settings hold.
     *
     * @param namespace            the namespace of both objects
     * @param postgresUser         POSTGRES_USER, also the user of both database URLs
     * @param postgresDb           POSTGRES_DB, the application database of DATABASE_URL
     * @param postgresPassword     POSTGRES_PASSWORD (secret), also in both URLs
     * @param postgresPort         the database Service's port, in POSTGRES_PORT and both URLs
     * @param prefectUiApiUrl      PREFECT_UI_API_URL, the API address the browser uses
     * @param prefectServerApiHost PREFECT_SERVER_API_HOST
     * @param workPool             PREFECT_WORK_POOL_NAME
     */
    public record Args(String namespace, String postgresUser, String postgresDb, Output<String> postgresPassword,
                       int postgresPort, String prefectUiApiUrl, String prefectServerApiHost, String workPool) {
        public Args {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(postgresUser, "postgresUser");
            Objects.requireNonNull(postgresDb, "postgresDb");
            Objects.requireNonNull(postgresPassword, "postgresPassword");
            Objects.requireNonNull(prefectUiApiUrl, "prefectUiApiUrl");
            Objects.requireNonNull(prefectServerApiHost, "prefectServerApiHost");
            Objects.requireNonNull(workPool, "workPool");
        }

        static Args of(BiositingSettings settings) {
            return new Args(settings.namespace(), settings.postgresUser(), settings.postgresDb(),
                    settings.postgresPassword(), settings.postgresPort(), settings.prefectUiApiUrl(),
                    settings.prefectServerApiHost(), settings.workPool());
        }
    }

    private final ConfigMap configMap;
    private final Secret secret;

    public EtlConfiguration(String name, Args args, CustomResourceOptions k8s, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var namespace = args.namespace();
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
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
        this.configMap = new ConfigMap(CONFIG_MAP, ConfigMapArgs.builder()
                .metadata(Pods.metadata(CONFIG_MAP, namespace, "configuration"))
                .data(plain)
                .build(), child);

        // The .env URLs embed the password, so they are secrets too; the host is the Service's cluster name.
        Output<Map<String, String>> secretData = args.postgresPassword().applyValue(pw -> {
            var data = new LinkedHashMap<String, String>();
            data.put("POSTGRES_PASSWORD", pw);
            // SQLAlchemy decodes a percent-encoded password; a raw '@', ':' or '/' would end it early.
            var inUrl = PercentEncoding.component(pw);
            data.put("DATABASE_URL", "postgresql+psycopg2://" + user + ":" + inUrl + "@" + host + ":"
                    + port + "/" + database);
            data.put("PREFECT_API_DATABASE_CONNECTION_URL", "postgresql+asyncpg://" + user + ":" + inUrl
                    + "@" + host + ":" + port + "/prefect_db");
            return Map.copyOf(data);
        }).asSecret();
        this.secret = new Secret(SECRET, SecretArgs.builder()
                .metadata(Pods.metadata(SECRET, namespace, "configuration"))
                .type("Opaque")
                .stringData(secretData)
                .build(), child);
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
        return Pods.dotEnv(ObjectMetadata.nameOf(configMap.metadata()), ObjectMetadata.nameOf(secret.metadata()));
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
