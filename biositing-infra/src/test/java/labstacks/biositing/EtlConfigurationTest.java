package labstacks.biositing;

import static labstacks.biositing.ComponentRuns.NAMESPACE;
import static labstacks.biositing.ComponentRuns.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Pod;
import com.pulumi.kubernetes.core.v1.PodArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Secret;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import labstacks.offline.plan.PlanJson;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;

/** The .env from the component's own inputs: plain values in the ConfigMap, the password and its URLs in the Secret. */
class EtlConfigurationTest {
    private static final String PASSWORD = "s3cret/for:tests";
    private static final String CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
    private static final String SECRET = "kubernetes:core/v1:Secret";

    private static EtlConfiguration.Args args() {
        return EtlConfiguration.Args.builder()
                .namespace(NAMESPACE)
                .postgresUser("biocirv_user")
                .postgresDb("etl_db")
                .postgresPassword(Output.ofSecret(PASSWORD))
                .postgresPort(6543)
                .prefectUiApiUrl("http://localhost:4200/api")
                .prefectServerApiHost("0.0.0.0")
                .workPool("night_pool")
                .kubernetes(CustomResourceOptions.Empty)
                .build();
    }

    /** The configuration and a pod that reads the .env through {@code envFrom}. */
    private static StackRun run(Function<EtlConfiguration, List<EnvFromSourceArgs>> environment) {
        return ComponentRuns.run(
                stack -> {
                    var configuration =
                            new EtlConfiguration(
                                    "configuration", args(), ComponentResourceOptions.Empty);
                    new Pod(
                            "reader",
                            PodArgs.builder()
                                    .metadata(
                                            ObjectMetaArgs.builder()
                                                    .name("reader")
                                                    .namespace(NAMESPACE)
                                                    .build())
                                    .spec(
                                            PodSpecArgs.builder()
                                                    .containers(
                                                            ContainerArgs.builder()
                                                                    .name("reader")
                                                                    .image("busybox:1.36")
                                                                    .envFrom(
                                                                            environment.apply(
                                                                                    configuration))
                                                                    .build())
                                                    .build())
                                    .build());
                });
    }

    @Test
    void everyPlainSettingLandsInTheConfigMapAndNoPasswordDoes() {
        var run = run(EtlConfiguration::envFrom);
        var config = model(run, CONFIG_MAP, "etl-config", V1ConfigMap.class);
        assertEquals(NAMESPACE, config.getMetadata().getNamespace());
        var data = config.getData();
        assertEquals("db." + NAMESPACE + ".svc.cluster.local", data.get("POSTGRES_HOST"));
        assertEquals("6543", data.get("POSTGRES_PORT"));
        assertEquals("biocirv_user", data.get("POSTGRES_USER"));
        assertEquals("etl_db", data.get("POSTGRES_DB"));
        assertEquals("http://prefect-server:4200/api", data.get("PREFECT_API_URL"));
        assertEquals("http://localhost:4200/api", data.get("PREFECT_UI_API_URL"));
        assertEquals("0.0.0.0", data.get("PREFECT_SERVER_API_HOST"));
        assertEquals("4200", data.get("PREFECT_SERVER_API_PORT"));
        assertEquals("night_pool", data.get("PREFECT_WORK_POOL_NAME"));
        assertFalse(data.toString().contains("s3cret"));
        assertEquals("configuration", run.resource(CONFIG_MAP, "etl-config").parent());
    }

    @Test
    void theSecretHoldsThePasswordAndBothUrlsWithItEncoded() {
        var run = run(EtlConfiguration::envFrom);
        var sent = run.resource(SECRET, "etl-secrets");
        assertInstanceOf(
                PlanValues.Secret.class,
                sent.inputs().get("stringData"),
                "stringData is sent as a secret");
        var data = model(run, SECRET, "etl-secrets", V1Secret.class).getStringData();
        assertEquals(PASSWORD, data.get("POSTGRES_PASSWORD"));
        assertEquals(
                "postgresql+psycopg2://biocirv_user:s3cret%2Ffor%3Atests@db.etl-test.svc.cluster.local:6543/etl_db",
                data.get("DATABASE_URL"));
        assertEquals(
                "postgresql+asyncpg://biocirv_user:s3cret%2Ffor%3Atests@db.etl-test.svc.cluster.local:6543/prefect_db",
                data.get("PREFECT_API_DATABASE_CONNECTION_URL"));
        assertFalse(
                PlanJson.write(run.plan()).contains("s3cret"),
                "the password never appears in the plan");
    }

    @Test
    void aWorkloadGivenTheOutputsWaitsForBothObjectsOneGivenTheNamesDoesNot() {
        var waits = run(EtlConfiguration::envFrom).resource("kubernetes:core/v1:Pod", "reader");
        assertTrue(
                waits.dependsOn().containsAll(List.of("etl-config", "etl-secrets")),
                waits.dependsOn().toString());
        assertEquals(
                List.of("etl-config", "etl-secrets"),
                names(waits.input("spec.containers.0.envFrom")));

        var byName =
                run(c -> EtlConfiguration.envFromByName())
                        .resource("kubernetes:core/v1:Pod", "reader");
        assertFalse(byName.dependsOn().contains("etl-config"), byName.dependsOn().toString());
        assertEquals(
                List.of("etl-config", "etl-secrets"),
                names(byName.input("spec.containers.0.envFrom")));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> names(Object envFrom) {
        return ((List<Map<String, Map<String, Object>>>) envFrom)
                .stream().map(source -> source.values().iterator().next().get("name")).toList();
    }
}
