package labstacks.constructs.kubernetes;

import static labstacks.constructs.kubernetes.DefaultDenyIngress.pods;
import static labstacks.constructs.kubernetes.DefaultDenyIngress.podsIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.resources.CustomResourceOptions;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import java.util.List;
import java.util.Map;
import labstacks.constructs.kubernetes.DefaultDenyIngress.Allow;
import labstacks.offline.schema.KubernetesSchema;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;

/** The default deny selects every pod and admits nothing; each allow rule opens exactly its pods, peers and ports. */
class DefaultDenyIngressTest {
    private static final String POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    private static final Map<String, String> DATABASE =
            Map.of("app.kubernetes.io/name", "shop", "app.kubernetes.io/component", "db");

    private static StackRun run(DefaultDenyIngress.Args args) {
        return ProgramHarness.component(
                        "policies",
                        stack -> new DefaultDenyIngress(args, CustomResourceOptions.Empty))
                .run()
                .assertSucceeded();
    }

    private static V1NetworkPolicy policy(StackRun run, String name) {
        return (V1NetworkPolicy) KubernetesSchema.validate(run.resource(POLICY, name));
    }

    /**
     * Kubernetes documentation, Network Policies, "Default deny all ingress traffic": an empty
     * {@code podSelector} selects every pod of the namespace and {@code policyTypes: [Ingress]} without rules
     * admits nothing; a rule's {@code ports} are the pod's (after a Service's translation), and a rule without
     * {@code from} admits every source.
     */
    @Test
    void theDefaultDenySelectsEveryPodAndAdmitsNothing() {
        var run = run(new DefaultDenyIngress.Args("shop", Map.of("team", "data"), List.of()));
        var deny = policy(run, "default-deny-ingress");
        assertEquals("shop", deny.getMetadata().getNamespace());
        assertEquals("default-deny-ingress", deny.getMetadata().getName());
        // What is sent, not the model (whose lists read empty when absent).
        var sent = run.resource(POLICY, "default-deny-ingress");
        assertEquals(
                Map.of(), sent.input("spec.podSelector"), "an empty selector selects every pod");
        assertEquals(List.of("Ingress"), deny.getSpec().getPolicyTypes());
        assertNull(
                sent.input("spec.ingress"),
                "an ingress rule, even an empty one, would admit something");
        assertEquals("data", deny.getMetadata().getLabels().get("team"));
        assertEquals(1, run.resources(POLICY).size());
    }

    @Test
    void anAllowRuleOpensItsTargetToItsPeersOnItsPorts() {
        var run =
                run(
                        new DefaultDenyIngress.Args(
                                "shop",
                                Map.of(),
                                List.of(
                                        new Allow(
                                                "db-clients",
                                                DATABASE,
                                                List.of(
                                                        podsIn(
                                                                Map.of(
                                                                        "app.kubernetes.io/name",
                                                                        "shop"),
                                                                "app.kubernetes.io/component",
                                                                List.of("api", "migration"))),
                                                List.of(5432)),
                                        new Allow(
                                                "api-internal",
                                                Map.of("app", "api"),
                                                List.of(
                                                        pods(Map.of("app", "api")),
                                                        pods(Map.of("app", "worker"))),
                                                List.of()))));
        var db = policy(run, "db-clients");
        assertEquals(DATABASE, db.getSpec().getPodSelector().getMatchLabels());
        assertEquals(List.of("Ingress"), db.getSpec().getPolicyTypes());
        var rule = db.getSpec().getIngress().get(0);
        var peer = rule.getFrom().get(0).getPodSelector();
        assertEquals(Map.of("app.kubernetes.io/name", "shop"), peer.getMatchLabels());
        assertEquals("app.kubernetes.io/component", peer.getMatchExpressions().get(0).getKey());
        assertEquals("In", peer.getMatchExpressions().get(0).getOperator());
        assertEquals(List.of("api", "migration"), peer.getMatchExpressions().get(0).getValues());
        assertNull(
                rule.getFrom().get(0).getNamespaceSelector(),
                "peers are pods of the policy's own namespace");
        assertEquals(1, rule.getPorts().size());
        assertEquals(5432, rule.getPorts().get(0).getPort().getIntValue());
        assertEquals("TCP", rule.getPorts().get(0).getProtocol());

        var internal = policy(run, "api-internal");
        var internalRule = internal.getSpec().getIngress().get(0);
        assertEquals(
                List.of(Map.of("app", "api"), Map.of("app", "worker")),
                internalRule.getFrom().stream()
                        .map(f -> f.getPodSelector().getMatchLabels())
                        .toList());
        assertNull(
                run.resource(POLICY, "api-internal").input("spec.ingress.0.ports"),
                "no ports: every port of the target is open to those peers");
        // Without labels the construct adds none of its own (the stack's standard labels may still
        // apply).
        var labels = internal.getMetadata().getLabels();
        assertFalse(labels != null && labels.containsKey("team"));
    }

    @Test
    void rulesThatWouldOpenMoreThanTheyNameAreRefused() {
        var everyPod =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new Allow(
                                        "open",
                                        Map.of(),
                                        List.of(pods(Map.of("app", "x"))),
                                        List.of(80)));
        assertTrue(everyPod.getMessage().contains("every pod"), everyPod.getMessage());
        var everyone =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Allow("open", Map.of("app", "x"), List.of(), List.of(80)));
        assertTrue(everyone.getMessage().contains("admits everyone"), everyone.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new Allow(
                                "bad-port",
                                Map.of("app", "x"),
                                List.of(pods(Map.of("app", "y"))),
                                List.of(0)));
        assertThrows(IllegalArgumentException.class, () -> podsIn(Map.of(), "app", List.of()));
        var allow =
                new Allow(
                        "twice",
                        Map.of("app", "x"),
                        List.of(pods(Map.of("app", "y"))),
                        List.of(80));
        assertThrows(
                IllegalArgumentException.class,
                () -> new DefaultDenyIngress.Args("shop", Map.of(), List.of(allow, allow)));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new DefaultDenyIngress.Args(
                                "shop",
                                Map.of(),
                                List.of(
                                        new Allow(
                                                DefaultDenyIngress.DEFAULT_DENY,
                                                Map.of("app", "x"),
                                                List.of(pods(Map.of("app", "y"))),
                                                List.of()))));
        assertThrows(
                IllegalArgumentException.class,
                () -> new DefaultDenyIngress.Args("Shop_NS", Map.of(), List.of()));
    }
}
