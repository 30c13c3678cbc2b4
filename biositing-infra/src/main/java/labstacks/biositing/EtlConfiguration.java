package labstacks.biositing;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compose project's {@code .env}: passwords and the URLs that embed them in a Secret, the rest in a
 * ConfigMap. Both feed every container through envFrom.
 */
public final class EtlConfiguration extends ComponentResource {
    public static final String TYPE = "labstacks:biositing:EtlConfiguration";
    static final String CONFIG_MAP = "etl-config";
    static final String SECRET = "etl-secrets";

    private final ConfigMap configMap;
    private final Secret secret;
    private final String namespace;

    public EtlConfiguration(String name, BiositingSettings settings, CustomResourceOptions k8s,
                            ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.namespace = settings.namespace();
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var host = Pods.DB_SERVICE;
        var port = settings.postgresPort();

        var plain = new LinkedHashMap<String, String>();
        plain.put("POSTGRES_HOST", host);
        plain.put("POSTGRES_PORT", Integer.toString(port));
        plain.put("POSTGRES_USER", settings.postgresUser());
        plain.put("POSTGRES_DB", settings.postgresDb());
        plain.put("PREFECT_API_URL", apiUrl());
        plain.put("PREFECT_UI_API_URL", settings.prefectUiApiUrl());
        plain.put("PREFECT_SERVER_API_HOST", settings.prefectServerApiHost());
        plain.put("PREFECT_SERVER_API_PORT", Integer.toString(Pods.PREFECT_PORT));
        plain.put("PREFECT_WORK_POOL_NAME", settings.workPool());
        this.configMap = new ConfigMap(CONFIG_MAP, ConfigMapArgs.builder()
                .metadata(Pods.metadata(CONFIG_MAP, namespace, "configuration"))
                .data(plain)
                .build(), child);

        var password = settings.postgresPassword();
        // The .env URLs embed the password, so they are secrets too; the host is the in-cluster service.
        Output<Map<String, String>> secretData = password.applyValue(pw -> {
            var data = new LinkedHashMap<String, String>();
            data.put("POSTGRES_PASSWORD", pw);
            // SQLAlchemy decodes a percent-encoded password; a raw '@', ':' or '/' would end it early.
            var inUrl = urlEncoded(pw);
            data.put("DATABASE_URL", "postgresql+psycopg2://" + settings.postgresUser() + ":" + inUrl + "@" + host + ":"
                    + port + "/" + settings.postgresDb());
            data.put("PREFECT_API_DATABASE_CONNECTION_URL", "postgresql+asyncpg://" + settings.postgresUser() + ":" + inUrl
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

    /** {@code text} with every byte outside RFC 3986's unreserved characters percent-encoded. */
    static String urlEncoded(String text) {
        var encoded = new StringBuilder();
        for (var b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            var c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    /** The in-cluster Prefect API, as the worker's compose override sets it. */
    static String apiUrl() {
        return "http://prefect-server:" + Pods.PREFECT_PORT + "/api";
    }

    String configMapName() {
        return CONFIG_MAP;
    }

    String secretName() {
        return SECRET;
    }

    public ConfigMap configMap() {
        return configMap;
    }

    public Secret secret() {
        return secret;
    }
}
