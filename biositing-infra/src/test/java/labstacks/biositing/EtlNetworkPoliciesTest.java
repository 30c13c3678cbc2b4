package labstacks.biositing;

import static labstacks.biositing.ComponentRuns.NAMESPACE;
import static labstacks.biositing.ComponentRuns.model;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compose network made strict: the database and the Prefect API each open only to their compose neighbours. */
class EtlNetworkPoliciesTest {
    private static final String POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

    @Test
    void theDatabaseAndTheApiOpenOnlyToTheirClientsOnThePodsPorts() {
        var run =
                ComponentRuns.run(
                        stack ->
                                new EtlNetworkPolicies(
                                        "network",
                                        new EtlNetworkPolicies.Args(
                                                NAMESPACE, CustomResourceOptions.Empty),
                                        ComponentResourceOptions.Empty));
        for (var name :
                List.of("default-deny-ingress", "database-clients", "prefect-api-clients")) {
            var policy = model(run, POLICY, name, V1NetworkPolicy.class);
            assertEquals(NAMESPACE, policy.getMetadata().getNamespace(), name);
            assertEquals(
                    "network",
                    policy.getMetadata().getLabels().get("app.kubernetes.io/component"),
                    name);
            assertEquals("network", run.resource(POLICY, name).parent(), name);
        }
        assertEquals(
                Map.of(), run.resource(POLICY, "default-deny-ingress").input("spec.podSelector"));

        var database = model(run, POLICY, "database-clients", V1NetworkPolicy.class);
        assertEquals(
                Map.of(
                        "app.kubernetes.io/name",
                        "ca-biositing",
                        "app.kubernetes.io/component",
                        "database"),
                database.getSpec().getPodSelector().getMatchLabels());
        var peers = database.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector();
        assertEquals(Map.of("app.kubernetes.io/name", "ca-biositing"), peers.getMatchLabels());
        // The compose services that use DATABASE_URL or the connection URL: setup-db,
        // prefect-server, prefect-worker.
        assertEquals(
                List.of("migration", "prefect-server", "prefect-worker"),
                peers.getMatchExpressions().get(0).getValues());
        // The pod's port: PostgreSQL listens on 5432 whatever port the db Service publishes.
        assertEquals(
                5432,
                database.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntValue());

        var api = model(run, POLICY, "prefect-api-clients", V1NetworkPolicy.class);
        assertEquals(
                "prefect-server",
                api.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/component"));
        assertEquals(
                List.of("prefect-worker", "flow-deployment"),
                api.getSpec()
                        .getIngress()
                        .get(0)
                        .getFrom()
                        .get(0)
                        .getPodSelector()
                        .getMatchExpressions()
                        .get(0)
                        .getValues());
        assertEquals(
                4200, api.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntValue());
    }
}
