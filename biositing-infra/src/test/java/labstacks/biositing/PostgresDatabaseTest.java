package labstacks.biositing;

import static labstacks.biositing.ComponentRuns.NAMESPACE;
import static labstacks.biositing.ComponentRuns.POSTGIS;
import static labstacks.biositing.ComponentRuns.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;

/** The compose db service from the component's own inputs. */
class PostgresDatabaseTest {
    private static final String STATEFUL_SET = "kubernetes:apps/v1:StatefulSet";
    private static final String SERVICE = "kubernetes:core/v1:Service";

    private static StackRun run() {
        return ComponentRuns.run(
                stack -> {
                    var database =
                            new PostgresDatabase(
                                    "database",
                                    PostgresDatabase.Args.builder()
                                            .namespace(NAMESPACE)
                                            .image(POSTGIS)
                                            .servicePort(6543)
                                            .storage("7Gi")
                                            .storageClass(Optional.of("standard-rwo"))
                                            .environment(ComponentRuns.environment())
                                            .kubernetes(CustomResourceOptions.Empty)
                                            .build(),
                                    ComponentResourceOptions.Empty);
                    stack.pulumi().export("service", database.serviceName());
                });
    }

    @Test
    void clientsReachTheConfiguredPortAndThePodKeepsPostgresqlsOwn() {
        var run = run();
        var client = model(run, SERVICE, "db", V1Service.class);
        assertEquals(6543, client.getSpec().getPorts().get(0).getPort());
        assertEquals("postgres", client.getSpec().getPorts().get(0).getTargetPort().getStrValue());
        var headless = model(run, SERVICE, "db-headless", V1Service.class);
        assertEquals("None", headless.getSpec().getClusterIP());
        assertEquals(5432, headless.getSpec().getPorts().get(0).getPort());
        var set = model(run, STATEFUL_SET, "db", V1StatefulSet.class);
        assertEquals("db-headless", set.getSpec().getServiceName());
        assertEquals(
                5432,
                set.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getPorts()
                        .get(0)
                        .getContainerPort());
        assertEquals("db", run.output("service"));
        assertEquals(
                "db",
                run.resource("labstacks:biositing:PostgresDatabase", "database")
                        .outputs()
                        .get("service"));
    }

    @Test
    void thePodRunsPostgisAsItsOwnUserWithItsVolumeInitScriptAndSharedMemory() {
        var run = run();
        var set = model(run, STATEFUL_SET, "db", V1StatefulSet.class);
        assertEquals(NAMESPACE, set.getMetadata().getNamespace());
        var claim = set.getSpec().getVolumeClaimTemplates().get(0);
        assertEquals("pgdata", claim.getMetadata().getName());
        assertEquals(
                "7Gi",
                claim.getSpec().getResources().getRequests().get("storage").toSuffixedString());
        assertEquals("standard-rwo", claim.getSpec().getStorageClassName());
        var pod = set.getSpec().getTemplate().getSpec();
        assertEquals("db", pod.getServiceAccountName());
        assertEquals(
                false,
                run.resource("kubernetes:core/v1:ServiceAccount", "db")
                        .input("automountServiceAccountToken"));
        assertEquals(
                999L, pod.getSecurityContext().getRunAsUser(), "postgis/postgis's postgres user");
        var postgres = pod.getContainers().get(0);
        assertEquals(POSTGIS, postgres.getImage());
        assertEquals("/var/lib/postgresql/data/pgdata", postgres.getEnv().get(0).getValue());
        var initdb =
                pod.getVolumes().stream()
                        .filter(v -> v.getName().equals("initdb"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("postgres-initdb", initdb.getConfigMap().getName());
        var shm =
                pod.getVolumes().stream()
                        .filter(v -> v.getName().equals("dshm"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("Memory", shm.getEmptyDir().getMedium());
        // The compose health check (docker-compose.yml at v2026.4.6), then a patient start and a
        // slow liveness.
        var check = List.of("sh", "-c", "pg_isready -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"");
        assertEquals(check, postgres.getReadinessProbe().getExec().getCommand());
        assertEquals(check, postgres.getStartupProbe().getExec().getCommand());
        assertEquals(
                300,
                postgres.getStartupProbe().getPeriodSeconds()
                        * postgres.getStartupProbe().getFailureThreshold());
        assertEquals(check, postgres.getLivenessProbe().getExec().getCommand());
        @SuppressWarnings("unchecked")
        var script =
                (Map<String, Object>)
                        run.resource("kubernetes:core/v1:ConfigMap", "postgres-initdb")
                                .input("data");
        assertTrue(((String) script.get("create_prefect_db.sql")).contains("prefect_db"));
    }

    @Test
    void theStatefulSetWaitsForEverythingItNamesThroughItsInputs() {
        var set = run().resource(STATEFUL_SET, "db");
        // Its account (db), headless Service, init script and the .env it was given: no explicit
        // dependsOn.
        assertTrue(
                set.dependsOn()
                        .containsAll(List.of("db", "db-headless", "postgres-initdb", "test-env")),
                set.dependsOn().toString());
        assertEquals("database", set.parent());
    }
}
