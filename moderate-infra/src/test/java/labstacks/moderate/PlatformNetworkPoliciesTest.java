package labstacks.moderate;

import static labstacks.moderate.ComponentRuns.NAMESPACE;
import static labstacks.moderate.ComponentRuns.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.resources.ComponentResourceOptions;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;

/** Nothing reaches a pod of the namespace but the flows the platform needs, each on its own ports. */
class PlatformNetworkPoliciesTest {
    private static final String POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

    private static StackRun run() {
        return ComponentRuns.run(
                "network",
                k8s ->
                        new PlatformNetworkPolicies(
                                "network",
                                new PlatformNetworkPolicies.Args(NAMESPACE, k8s),
                                ComponentResourceOptions.Empty));
    }

    private static List<Map<String, String>> peers(V1NetworkPolicy policy) {
        return policy.getSpec().getIngress().get(0).getFrom().stream()
                .map(p -> p.getPodSelector().getMatchLabels())
                .toList();
    }

    @Test
    void everyPodIsDeniedIngressUnlessAFlowAdmitsIt() {
        var run = run();
        var deny = model(run, POLICY, "default-deny-ingress", V1NetworkPolicy.class);
        assertEquals(NAMESPACE, deny.getMetadata().getNamespace());
        assertTrue(
                deny.getSpec().getPodSelector().getMatchLabels() == null
                        || deny.getSpec().getPodSelector().getMatchLabels().isEmpty(),
                "selects every pod");
        assertEquals(List.of("Ingress"), deny.getSpec().getPolicyTypes());
        assertTrue(
                deny.getSpec().getIngress() == null || deny.getSpec().getIngress().isEmpty(),
                "admits nothing");
        var names = run.resources(POLICY).stream().map(r -> r.name()).collect(Collectors.toSet());
        var expected =
                PlatformNetworkPolicies.flows().stream()
                        .map(PlatformNetworkPolicies.Flow::name)
                        .collect(Collectors.toSet());
        expected.add("default-deny-ingress");
        assertEquals(expected, names);
        run.resources(POLICY).forEach(r -> assertEquals("network", r.parent(), r.name()));
    }

    @Test
    void eachDependencyAdmitsOnlyItsClientsOnItsPort() {
        var run = run();
        // Who talks to whom, from the charts' and the services' own configuration (see
        // ChartContracts).
        var expected =
                Map.of(
                        "postgres-clients",
                                List.of(
                                        List.of(
                                                Map.of(Labels.INSTANCE, "dagster"),
                                                Map.of(Labels.INSTANCE, "openmetadata"),
                                                Map.of(Labels.NAME, "keycloak"),
                                                Map.of(Labels.NAME, "postgres-app-users"),
                                                Map.of(Labels.NAME, "postgres-backup")),
                                        List.of(5432)),
                        "elasticsearch-clients",
                                List.of(
                                        List.of(Map.of(Labels.INSTANCE, "openmetadata")),
                                        List.of(9200)),
                        "keycloak-clients",
                                List.of(
                                        List.of(
                                                Map.of(Labels.INSTANCE, "dagster"),
                                                Map.of(Labels.INSTANCE, "openmetadata"),
                                                Map.of(Labels.NAME, "keycloak-init")),
                                        List.of(8080)),
                        "rabbitmq-clients",
                                List.of(List.of(Map.of(Labels.INSTANCE, "dagster")), List.of(5672)),
                        "openmetadata-clients",
                                List.of(
                                        List.of(
                                                Map.of(Labels.INSTANCE, "dagster"),
                                                Map.of(Labels.INSTANCE, "openmetadata")),
                                        List.of(8585)));
        expected.forEach(
                (name, facts) -> {
                    var policy = model(run, POLICY, name, V1NetworkPolicy.class);
                    assertEquals(facts.get(0), peers(policy), name);
                    assertEquals(
                            facts.get(1),
                            policy.getSpec().getIngress().get(0).getPorts().stream()
                                    .map(p -> p.getPort().getIntValue())
                                    .toList(),
                            name);
                    policy.getSpec()
                            .getIngress()
                            .get(0)
                            .getPorts()
                            .forEach(p -> assertEquals("TCP", p.getProtocol(), name));
                });
        assertEquals(
                Labels.service(Labels.POSTGRES),
                model(run, POLICY, "postgres-clients", V1NetworkPolicy.class)
                        .getSpec()
                        .getPodSelector()
                        .getMatchLabels());
        // Dagster's own pods (webserver, daemon, code location, runs) reach each other on any port.
        var dagster = model(run, POLICY, "dagster-internal", V1NetworkPolicy.class);
        assertEquals(
                Map.of(Labels.INSTANCE, "dagster"),
                dagster.getSpec().getPodSelector().getMatchLabels());
        assertEquals(List.of(Map.of(Labels.INSTANCE, "dagster")), peers(dagster));
        var ports = dagster.getSpec().getIngress().get(0).getPorts();
        assertTrue(ports == null || ports.isEmpty(), "every port: " + ports);
    }
}
