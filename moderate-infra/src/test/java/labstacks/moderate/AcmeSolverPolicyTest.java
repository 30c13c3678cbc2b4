package labstacks.moderate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import labstacks.offline.schema.KubernetesSchema;
import labstacks.offline.testing.StackRun;
import labstacks.shared.config.ConfigProblem;
import labstacks.shared.config.StackConfigException;
import org.junit.jupiter.api.Test;

/**
 * With an HTTP-01 issuer, the ingress controller reaches cert-manager's solver pods through the namespace's
 * default deny. The solver pod's labels and port are cert-manager's: {@code acme.cert-manager.io/http01-solver:
 * "true"} (pkg/apis/acme/v1/types.go, SolverIdentificationLabelKey), with {@code acme.cert-manager.io/http-domain}
 * and {@code http-token} beside it, listening on 8089 (pkg/issuer/acme/http/http.go, acmeSolverListenPort).
 * The traffic is judged by the NetworkPolicy rules of the Kubernetes API reference (networking/v1): a pod selected
 * by any ingress policy takes only what one of them admits; a peer with a namespaceSelector alone matches every pod
 * of the namespaces it selects; a rule's ports are the pod's ports.
 */
class AcmeSolverPolicyTest {
    private static final Map<String, String> SOLVER =
            Map.of(
                    "acme.cert-manager.io/http01-solver",
                    "true",
                    "acme.cert-manager.io/http-domain",
                    "1234",
                    "acme.cert-manager.io/http-token",
                    "5678");
    private static final Map<String, String> CONTROLLER_POD =
            Map.of("app.kubernetes.io/name", "ingress-nginx");

    private static StackRun prod(String challenge) {
        return ModerateProgramTest.prodHarness()
                .config("moderate:acmeChallenge", challenge)
                .run()
                .assertSucceeded();
    }

    private static List<V1NetworkPolicy> policies(StackRun run) {
        return run.resources("kubernetes:networking.k8s.io/v1:NetworkPolicy").stream()
                .map(r -> (V1NetworkPolicy) KubernetesSchema.validate(r))
                .toList();
    }

    private static boolean matches(V1LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("matchExpressions are not judged here: " + selector);
        }
        var wanted =
                selector.getMatchLabels() == null
                        ? Map.<String, String>of()
                        : selector.getMatchLabels();
        return wanted.entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static boolean peerMatches(
            V1NetworkPolicyPeer peer,
            String policyNamespace,
            String sourceNamespace,
            Map<String, String> sourcePod) {
        var namespaceLabels = Map.of("kubernetes.io/metadata.name", sourceNamespace);
        if (peer.getNamespaceSelector() != null) {
            return matches(peer.getNamespaceSelector(), namespaceLabels)
                    && (peer.getPodSelector() == null || matches(peer.getPodSelector(), sourcePod));
        }
        return peer.getPodSelector() != null
                && policyNamespace.equals(sourceNamespace)
                && matches(peer.getPodSelector(), sourcePod);
    }

    /** Whether a TCP connection from {@code sourcePod} in {@code sourceNamespace} reaches {@code port} of the pod. */
    static boolean admitted(
            List<V1NetworkPolicy> policies,
            Map<String, String> pod,
            String sourceNamespace,
            Map<String, String> sourcePod,
            int port) {
        var selecting =
                policies.stream()
                        .filter(
                                p ->
                                        p.getSpec().getPolicyTypes().contains("Ingress")
                                                && matches(p.getSpec().getPodSelector(), pod))
                        .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream()
                .anyMatch(
                        p ->
                                p.getSpec().getIngress() != null
                                        && p.getSpec().getIngress().stream()
                                                .anyMatch(
                                                        rule ->
                                                                (rule.getPorts() == null
                                                                                || rule
                                                                                        .getPorts()
                                                                                        .stream()
                                                                                        .anyMatch(
                                                                                                pp ->
                                                                                                        "TCP"
                                                                                                                        .equals(
                                                                                                                                pp
                                                                                                                                        .getProtocol())
                                                                                                                && pp.getPort()
                                                                                                                                .getIntValue()
                                                                                                                        == port))
                                                                        && (rule.getFrom() == null
                                                                                || rule
                                                                                        .getFrom()
                                                                                        .stream()
                                                                                        .anyMatch(
                                                                                                peer ->
                                                                                                        peerMatches(
                                                                                                                peer,
                                                                                                                p.getMetadata()
                                                                                                                        .getNamespace(),
                                                                                                                sourceNamespace,
                                                                                                                sourcePod)))));
    }

    @Test
    void anHttp01IssuerGetsItsSolverPodsAdmittedFromTheIngressControllerOnly() {
        var http01 = policies(prod("http-01"));
        assertTrue(
                admitted(http01, SOLVER, "ingress-nginx", CONTROLLER_POD, 8089),
                "controller -> solver:8089");
        assertFalse(
                admitted(http01, SOLVER, "ingress-nginx", CONTROLLER_POD, 8080),
                "only the solver's port");
        assertFalse(
                admitted(http01, SOLVER, "default", CONTROLLER_POD, 8089),
                "only the controller's namespace");
        assertFalse(
                admitted(
                        http01,
                        SOLVER,
                        "moderate",
                        Map.of("app.kubernetes.io/instance", "dagster"),
                        8089),
                "not the platform's own pods");
        // The policy opens nothing else: Keycloak still takes the controller on 8080 only, as
        // before.
        var keycloak = Labels.service(Labels.KEYCLOAK);
        assertTrue(admitted(http01, keycloak, "ingress-nginx", CONTROLLER_POD, 8080));
        assertFalse(admitted(http01, keycloak, "ingress-nginx", CONTROLLER_POD, 8089));
    }

    @Test
    void aDns01IssuerAdmitsNoSolverAndTheChallengeMustBeNamed() {
        var dns01 = policies(ModerateProgramTest.prodRun());
        assertFalse(
                admitted(dns01, SOLVER, "ingress-nginx", CONTROLLER_POD, 8089),
                "the stack file's dns-01");
        assertTrue(
                dns01.stream()
                        .noneMatch(
                                p ->
                                        p.getMetadata()
                                                .getName()
                                                .equals(PlatformAccess.HTTP01_SOLVER_POLICY)));
        var unnamed =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ModerateProgramTest.prodHarness()
                                        .without("moderate:acmeChallenge")
                                        .run());
        assertEquals(
                List.of("moderate:acmeChallenge"),
                unnamed.problems().stream().map(ConfigProblem::key).toList());
    }
}
