package labstacks.biositing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import java.net.URI;
import java.util.List;
import labstacks.offline.schema.KubernetesSchema;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pipeline's database URLs survive the rewrite upstream's engine applies before every ETL load, on any
 * container runtime, and still name the planned database Service.
 *
 * <p>The rule, from sustainability-software-lab/ca-biositing,
 * {@code src/ca_biositing/pipeline/ca_biositing/pipeline/utils/engine.py} at tag {@code v2026.4.6} (commit
 * e3ed4de), {@code _get_database_url}: {@code db_url = settings.database_url}; when
 * {@code not os.path.exists("/.dockerenv") and not os.getenv("INSTANCE_CONNECTION_NAME")},
 * {@code db_url = db_url.replace("@db:", "@localhost:")}. {@code settings.database_url}
 * ({@code src/ca_biositing/datamodels/ca_biositing/datamodels/config.py} at the same tag) is DATABASE_URL when set,
 * else a URL built from POSTGRES_HOST/PORT. {@code /.dockerenv} exists only in containers Docker creates, so on a
 * containerd node (GKE, EKS, AKS, minikube with containerd) the rewrite always fires.
 */
class UpstreamEngineRuleTest {
    private static final String PASSWORD = "pw@with:url/chars%";

    /** engine.py's rule, with the two facts about the process it looks at. */
    static String upstreamRewrite(
            String databaseUrl, boolean dockerenvExists, boolean instanceConnectionName) {
        if (!dockerenvExists && !instanceConnectionName) {
            return databaseUrl.replace("@db:", "@localhost:");
        }
        return databaseUrl;
    }

    private static StackRun run(String stack) {
        return ProgramHarness.forStackFile(new BiositingProgram(), stack)
                .secret("biositing:postgresPassword", PASSWORD)
                .run()
                .assertSucceeded();
    }

    private static String host(String url) {
        // SQLAlchemy URLs carry a driver after '+', which java.net.URI accepts as part of the
        // scheme.
        return URI.create(url).getHost();
    }

    @ParameterizedTest
    @ValueSource(strings = {"biositing-local", "biositing-prod"})
    void everyPlannedUrlStillNamesTheDatabaseServiceAfterUpstreamsRewrite(String stack) {
        var run = run(stack);
        var service =
                (V1Service)
                        KubernetesSchema.validate(run.resource("kubernetes:core/v1:Service", "db"));
        var serviceHost =
                service.getMetadata().getName()
                        + "."
                        + service.getMetadata().getNamespace()
                        + ".svc.cluster.local";
        var secret =
                ((V1Secret)
                                KubernetesSchema.validate(
                                        run.resource("kubernetes:core/v1:Secret", "etl-secrets")))
                        .getStringData();
        var config =
                ((V1ConfigMap)
                                KubernetesSchema.validate(
                                        run.resource("kubernetes:core/v1:ConfigMap", "etl-config")))
                        .getData();
        var port = service.getSpec().getPorts().get(0).getPort();
        // Without DATABASE_URL, config.py builds the URL from POSTGRES_HOST and POSTGRES_PORT.
        var fromParts =
                "postgresql://"
                        + config.get("POSTGRES_USER")
                        + ":x@"
                        + config.get("POSTGRES_HOST")
                        + ":"
                        + config.get("POSTGRES_PORT")
                        + "/"
                        + config.get("POSTGRES_DB");
        var urls =
                List.of(
                        secret.get("DATABASE_URL"),
                        secret.get("PREFECT_API_DATABASE_CONNECTION_URL"),
                        fromParts);
        for (var url : urls) {
            for (var dockerenv : List.of(false, true)) {
                var rewritten = upstreamRewrite(url, dockerenv, false);
                assertEquals(
                        serviceHost,
                        host(rewritten),
                        stack
                                + " /.dockerenv="
                                + dockerenv
                                + ": "
                                + rewritten.replace(PASSWORD, "***"));
                assertEquals(port, URI.create(rewritten).getPort());
            }
        }
    }

    @Test
    void theRuleAsWrittenHereSendsTheBareComposeHostToLocalhost() {
        // So the test above could fail: the URL shape this stack used before is rewritten away from
        // the Service.
        var compose = "postgresql+psycopg2://biocirv_user:pw@db:5432/biocirv_db";
        assertEquals("localhost", host(upstreamRewrite(compose, false, false)));
        assertEquals("db", host(upstreamRewrite(compose, true, false)));
        assertEquals("db", host(upstreamRewrite(compose, false, true)));
        assertNotEquals(compose, upstreamRewrite(compose, false, false));
    }
}
