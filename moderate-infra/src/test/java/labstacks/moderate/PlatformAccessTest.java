package labstacks.moderate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.resources.ComponentResourceOptions;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import labstacks.offline.plan.PlanJson;
import labstacks.offline.schema.KubernetesSchema;
import labstacks.offline.testing.StackRun;
import labstacks.shared.config.ConfigProblem;
import labstacks.shared.config.StackConfigException;
import org.junit.jupiter.api.Test;

/** How people reach Keycloak, OpenMetadata and Dagster in each stack, and that every URL agrees. */
class PlatformAccessTest {

    private static <T> T model(StackRun run, String type, String name, Class<T> model) {
        return model.cast(KubernetesSchema.validate(run.resource(type, name)));
    }

    private static final String INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
    private static final String POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

    @Test
    void prodServesEachUiOnItsHostWithTlsFromCertManager() {
        var run = ModerateProgramTest.prodRun();
        var expected =
                Map.of(
                        "keycloak", List.of("keycloak.moderate.cloud", "keycloak", 8080),
                        "openmetadata", List.of("metadata.moderate.cloud", "openmetadata", 8585),
                        "dagster-webserver",
                                List.of("dagster.moderate.cloud", "dagster-dagster-webserver", 80));
        expected.forEach(
                (name, facts) -> {
                    var ingress = model(run, INGRESS, name, V1Ingress.class);
                    assertEquals("nginx", ingress.getSpec().getIngressClassName(), name);
                    var rule = ingress.getSpec().getRules().get(0);
                    assertEquals(facts.get(0), rule.getHost(), name);
                    var backend = rule.getHttp().getPaths().get(0).getBackend().getService();
                    assertEquals(facts.get(1), backend.getName(), name);
                    assertEquals(facts.get(2), backend.getPort().getNumber(), name);
                    assertEquals("/", rule.getHttp().getPaths().get(0).getPath());
                    assertEquals(
                            List.of(facts.get(0)),
                            ingress.getSpec().getTls().get(0).getHosts(),
                            name);
                    assertEquals(
                            name + "-tls", ingress.getSpec().getTls().get(0).getSecretName(), name);
                    assertEquals(
                            "letsencrypt-prod",
                            ingress.getMetadata()
                                    .getAnnotations()
                                    .get("cert-manager.io/cluster-issuer"),
                            name);
                });
        // Keycloak's OAuth2 callbacks need large proxy buffers behind nginx (upstream commit
        // 088229b).
        assertEquals(
                "2048k",
                model(run, INGRESS, "keycloak", V1Ingress.class)
                        .getMetadata()
                        .getAnnotations()
                        .get("nginx.ingress.kubernetes.io/proxy-buffer-size"));
        assertTrue(
                run.resources("kubernetes:core/v1:Service").stream()
                        .noneMatch(s -> "NodePort".equals(s.input("spec.type"))),
                "production exposes nothing on node ports");
    }

    @Test
    void prodAdmitsOnlyTheIngressControllersNamespaceToTheUiPods() {
        var run = ModerateProgramTest.prodRun();
        var expected =
                Map.of(
                        "keycloak-from-ingress-controller",
                                List.of(
                                        Map.of(
                                                "app.kubernetes.io/name",
                                                "keycloak",
                                                "app.kubernetes.io/component",
                                                "moderate-dependency"),
                                        8080),
                        "openmetadata-from-ingress-controller",
                                List.of(
                                        Map.of(
                                                "app.kubernetes.io/name",
                                                "openmetadata",
                                                "app.kubernetes.io/instance",
                                                "openmetadata"),
                                        8585),
                        "dagster-webserver-from-ingress-controller",
                                List.of(
                                        Map.of(
                                                "app.kubernetes.io/name",
                                                "dagster",
                                                "app.kubernetes.io/instance",
                                                "dagster",
                                                "component",
                                                "dagster-webserver"),
                                        80));
        expected.forEach(
                (name, facts) -> {
                    var policy = model(run, POLICY, name, V1NetworkPolicy.class).getSpec();
                    assertEquals(facts.get(0), policy.getPodSelector().getMatchLabels(), name);
                    assertEquals(List.of("Ingress"), policy.getPolicyTypes());
                    var rule = policy.getIngress().get(0);
                    assertEquals(1, rule.getFrom().size(), name);
                    assertEquals(
                            Map.of("kubernetes.io/metadata.name", "ingress-nginx"),
                            rule.getFrom().get(0).getNamespaceSelector().getMatchLabels(),
                            name);
                    assertEquals(null, rule.getFrom().get(0).getPodSelector(), name);
                    assertEquals(
                            facts.get(1), rule.getPorts().get(0).getPort().getIntValue(), name);
                });
    }

    @Test
    void prodUrlsAllComeFromTheHostSettings() {
        var run = ModerateProgramTest.prodRun();
        var keycloak =
                model(run, "kubernetes:apps/v1:StatefulSet", "keycloak", V1StatefulSet.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0);
        assertEquals(List.of("start", "--hostname=keycloak.moderate.cloud"), keycloak.getArgs());
        var om = run.resource("kubernetes:helm.sh/v3:Release", "openmetadata");
        assertEquals(
                "https://keycloak.moderate.cloud/realms/moderate",
                om.input("values.openmetadata.config.authentication.authority"));
        assertEquals(
                "https://metadata.moderate.cloud/callback",
                om.input("values.openmetadata.config.authentication.callbackUrl"));
        var realmJob =
                model(run, "kubernetes:batch/v1:Job", "keycloak-init", V1Job.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnv();
        assertTrue(
                realmJob.stream()
                        .anyMatch(
                                e ->
                                        e.getName().equals("OPEN_METADATA_ROOT_URL")
                                                && e.getValue()
                                                        .equals("https://metadata.moderate.cloud")),
                "redirect URIs are https://metadata.moderate.cloud/*");
        // Another host setting moves every URL with it.
        var moved =
                ModerateProgramTest.prodHarness()
                        .config("moderate:openMetadataHostname", "catalog.example.org")
                        .run()
                        .assertSucceeded();
        assertEquals(
                "https://catalog.example.org/callback",
                moved.resource("kubernetes:helm.sh/v3:Release", "openmetadata")
                        .input("values.openmetadata.config.authentication.callbackUrl"));
        assertEquals(
                "catalog.example.org",
                model(moved, INGRESS, "openmetadata", V1Ingress.class)
                        .getSpec()
                        .getRules()
                        .get(0)
                        .getHost());
        assertEquals("https://catalog.example.org", moved.output("openmetadata_url"));
    }

    @Test
    void aPublicDagsterNeedsALoginInFront() {
        var run = ModerateProgramTest.prodHarness().run().assertSucceeded();
        assertEquals(
                "basic",
                model(run, INGRESS, "dagster-webserver", V1Ingress.class)
                        .getMetadata()
                        .getAnnotations()
                        .get("nginx.ingress.kubernetes.io/auth-type"));
        // Without an auth annotation the webserver, which runs jobs with dagster-secrets, would be
        // public.
        var open =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ModerateProgramTest.prodHarness()
                                        .without("moderate:dagsterIngressAnnotations")
                                        .run());
        assertEquals(
                List.of("moderate:dagsterIngressAnnotations"),
                open.problems().stream().map(ConfigProblem::key).toList());
        var decorative =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ModerateProgramTest.prodHarness()
                                        .config(
                                                "moderate:dagsterIngressAnnotations",
                                                "{\"nginx.ingress.kubernetes.io/proxy-body-size\": \"8m\"}")
                                        .run());
        assertEquals(
                List.of("moderate:dagsterIngressAnnotations"),
                decorative.problems().stream().map(ConfigProblem::key).toList());
    }

    /**
     * Moving prod off the retired ingress-nginx takes settings only. The Traefik annotation key is Traefik's own:
     * annotationsPrefix "traefik.ingress.kubernetes.io/" plus the router's "middlewares" option
     * (traefik/traefik pkg/provider/kubernetes/ingress/annotations.go, RouterIng).
     */
    @Test
    void prodMovesToTraefikWithSettingsOnly() {
        var middleware = "moderate-dagster-login@kubernetescrd";
        var run =
                ModerateProgramTest.prodHarness()
                        .config("moderate:ingressClassName", "traefik")
                        .config("moderate:ingressControllerNamespace", "traefik")
                        .config(
                                "moderate:dagsterIngressAnnotations",
                                "{\"traefik.ingress.kubernetes.io/router.middlewares\": \""
                                        + middleware
                                        + "\"}")
                        .run()
                        .assertSucceeded();
        var dagster = model(run, INGRESS, "dagster-webserver", V1Ingress.class);
        assertEquals("traefik", dagster.getSpec().getIngressClassName());
        assertEquals(
                Map.of("traefik.ingress.kubernetes.io/router.middlewares", middleware),
                Map.of(
                        "traefik.ingress.kubernetes.io/router.middlewares",
                        dagster.getMetadata()
                                .getAnnotations()
                                .get("traefik.ingress.kubernetes.io/router.middlewares")));
        assertFalse(
                dagster.getMetadata().getAnnotations().keySet().stream()
                        .anyMatch(k -> k.startsWith("nginx.")),
                dagster.getMetadata().getAnnotations().toString());
        var keycloak = model(run, INGRESS, "keycloak", V1Ingress.class);
        assertEquals("traefik", keycloak.getSpec().getIngressClassName());
        var keycloakAnnotations =
                keycloak.getMetadata().getAnnotations() == null
                        ? Map.<String, String>of()
                        : keycloak.getMetadata().getAnnotations();
        assertFalse(
                keycloakAnnotations.keySet().stream().anyMatch(k -> k.startsWith("nginx.")),
                "nginx's proxy buffers are nginx's only: " + keycloakAnnotations);
        for (var name : List.of("keycloak", "openmetadata", "dagster-webserver")) {
            var rule =
                    model(run, POLICY, name + "-from-ingress-controller", V1NetworkPolicy.class)
                            .getSpec()
                            .getIngress()
                            .get(0);
            assertEquals(
                    Map.of("kubernetes.io/metadata.name", "traefik"),
                    rule.getFrom().get(0).getNamespaceSelector().getMatchLabels(),
                    name);
        }
        // Two middlewares in a chain are accepted as well.
        ModerateProgramTest.prodHarness()
                .config(
                        "moderate:dagsterIngressAnnotations",
                        "{\"traefik.ingress.kubernetes.io/router.middlewares\": \"moderate-https@kubernetescrd, "
                                + middleware
                                + "\"}")
                .run()
                .assertSucceeded();
    }

    @Test
    void aTraefikMiddlewareAnnotationThatNamesNothingIsRefused() {
        for (var value : List.of("", "  ", ",", "moderate-login@kubernetescrd,", "two words")) {
            var refused =
                    assertThrows(
                            StackConfigException.class,
                            () ->
                                    ModerateProgramTest.prodHarness()
                                            .config("moderate:ingressClassName", "traefik")
                                            .config(
                                                    "moderate:dagsterIngressAnnotations",
                                                    "{\"traefik.ingress.kubernetes.io/router.middlewares\": \""
                                                            + value
                                                            + "\"}")
                                            .run(),
                            value);
            assertEquals(
                    List.of("moderate:dagsterIngressAnnotations"),
                    refused.problems().stream().map(ConfigProblem::key).toList(),
                    value);
            assertTrue(
                    refused.problems().get(0).toString().contains("authenticates nobody"),
                    refused.problems().toString());
        }
        // Another Traefik router option puts no login in front.
        var other =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ModerateProgramTest.prodHarness()
                                        .config(
                                                "moderate:dagsterIngressAnnotations",
                                                "{\"traefik.ingress.kubernetes.io/router.entrypoints\": \"websecure\"}")
                                        .run());
        assertTrue(
                other.problems().get(0).toString().contains("has no authentication annotation"),
                other.problems().toString());
        // An empty nginx auth-type is refused too.
        var emptyType =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ModerateProgramTest.prodHarness()
                                        .config(
                                                "moderate:dagsterIngressAnnotations",
                                                "{\"nginx.ingress.kubernetes.io/auth-type\": \"\","
                                                        + " \"nginx.ingress.kubernetes.io/auth-secret\": \"dagster-basic-auth\"}")
                                        .run());
        assertEquals(1, emptyType.problems().size(), emptyType.problems().toString());
        assertTrue(
                emptyType.problems().get(0).toString().contains("empty value"),
                emptyType.problems().toString());
    }

    @Test
    void anExistingTlsSecretReplacesTheIssuer() {
        var run =
                ModerateProgramTest.prodHarness()
                        .without("moderate:certManagerClusterIssuer")
                        .config("moderate:tlsSecretName", "moderate-wildcard")
                        .config(
                                "moderate:dagsterIngressAnnotations",
                                "{\"nginx.ingress.kubernetes.io/auth-url\": \"https://auth.example/oauth2/auth\"}")
                        .run()
                        .assertSucceeded();
        for (var name : List.of("keycloak", "openmetadata", "dagster-webserver")) {
            var ingress = model(run, INGRESS, name, V1Ingress.class);
            assertEquals(
                    "moderate-wildcard", ingress.getSpec().getTls().get(0).getSecretName(), name);
            assertFalse(
                    ingress.getMetadata().getAnnotations() != null
                            && ingress.getMetadata()
                                    .getAnnotations()
                                    .containsKey("cert-manager.io/cluster-issuer"),
                    name);
        }
        assertEquals(
                "https://auth.example/oauth2/auth",
                model(run, INGRESS, "dagster-webserver", V1Ingress.class)
                        .getMetadata()
                        .getAnnotations()
                        .get("nginx.ingress.kubernetes.io/auth-url"));
    }

    @Test
    void localUsesOneNodeAddressForBrowsersAndPods() {
        var run = ModerateProgramTest.localRun();
        var ports =
                Map.of(
                        "keycloak-node-port",
                        List.of(30080, 8080, "keycloak"),
                        "openmetadata-node-port",
                        List.of(30585, 8585, "openmetadata"),
                        "dagster-webserver-node-port",
                        List.of(30181, 80, "dagster"));
        ports.forEach(
                (name, facts) -> {
                    var service =
                            model(run, "kubernetes:core/v1:Service", name, V1Service.class)
                                    .getSpec();
                    assertEquals("NodePort", service.getType(), name);
                    assertEquals(facts.get(0), service.getPorts().get(0).getNodePort(), name);
                    assertEquals(
                            facts.get(1),
                            service.getPorts().get(0).getTargetPort().getIntValue(),
                            name);
                    assertEquals(
                            facts.get(2),
                            service.getSelector().get("app.kubernetes.io/name"),
                            name);
                });
        var keycloak =
                model(run, "kubernetes:apps/v1:StatefulSet", "keycloak", V1StatefulSet.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0);
        assertTrue(
                keycloak.getEnv().stream()
                        .anyMatch(
                                e ->
                                        e.getName().equals("KC_HOSTNAME_URL")
                                                && e.getValue()
                                                        .equals("http://192.168.49.2:30080")),
                "Keycloak's issuer is the node address");
        var om = run.resource("kubernetes:helm.sh/v3:Release", "openmetadata");
        assertEquals(
                "http://192.168.49.2:30080/realms/moderate",
                om.input("values.openmetadata.config.authentication.authority"));
        // Node ports arrive from the node's address, so their policies cannot name pods.
        var policy =
                model(run, POLICY, "keycloak-from-node-port", V1NetworkPolicy.class)
                        .getSpec()
                        .getIngress()
                        .get(0);
        assertTrue(policy.getFrom() == null || policy.getFrom().isEmpty(), "any source");
        assertEquals(8080, policy.getPorts().get(0).getPort().getIntValue());
    }

    @Test
    void nothingServerSideFetchesFromLocalhost() {
        var run = ModerateProgramTest.localRun();
        var plan = PlanJson.write(run.plan());
        // The only localhost left is the Dagster port-forward hint in the outputs; no object names
        // it.
        for (var resource : run.resources()) {
            if (resource.custom()) {
                assertFalse(
                        resource.inputs().toString().contains("localhost:80")
                                || resource.inputs().toString().contains("localhost:8585")
                                || resource.inputs().toString().contains("//localhost"),
                        resource.type() + " " + resource.name());
            }
        }
        assertTrue(
                plan.contains(
                        "http://keycloak.moderate.svc.cluster.local:8080/realms/moderate/protocol/openid-connect/certs"));
    }

    @Test
    void accessSettingsAreCheckedTogether() {
        var noNode =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ModerateProgramTest.localHarness()
                                        .without("moderate:nodeAddress")
                                        .run());
        assertEquals(
                List.of("moderate:nodeAddress"),
                noNode.problems().stream().map(ConfigProblem::key).toList());
        assertTrue(noNode.problems().get(0).fix().contains("minikube ip"));

        var loopback =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ModerateProgramTest.localHarness()
                                        .config("moderate:nodeAddress", "localhost")
                                        .run());
        assertEquals(
                List.of("moderate:nodeAddress"),
                loopback.problems().stream().map(ConfigProblem::key).toList());

        var mixed =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ModerateProgramTest.localHarness()
                                        .config("moderate:keycloakMode", "start")
                                        .config("moderate:keycloakHostname", "keycloak.example.org")
                                        .run());
        assertEquals(
                List.of("moderate:keycloakMode"),
                mixed.problems().stream().map(ConfigProblem::key).toList());

        var ingress =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                ModerateProgramTest.prodHarness()
                                        .without("moderate:dagsterHostname")
                                        .without("moderate:certManagerClusterIssuer")
                                        .run());
        assertEquals(
                List.of("moderate:openMetadataHostname", "moderate:certManagerClusterIssuer"),
                ingress.problems().stream().map(ConfigProblem::key).toList());
    }

    // ---- the component on its own ----

    private static StackRun component(PlatformAccess.Exposure exposure) {
        return ComponentRuns.run(
                "access",
                k8s ->
                        new PlatformAccess(
                                "access",
                                new PlatformAccess.Args(ComponentRuns.NAMESPACE, exposure, k8s),
                                ComponentResourceOptions.Empty));
    }

    @Test
    void nodePortsPublishEachUiOnItsPortAndOpenOnlyThatPort() {
        var run = component(new PlatformAccess.NodePorts(31001, 31002, 31003));
        var expected =
                Map.of(
                        "keycloak-node-port",
                        List.of(31001, 8080),
                        "openmetadata-node-port",
                        List.of(31002, 8585),
                        "dagster-webserver-node-port",
                        List.of(31003, 80));
        expected.forEach(
                (name, ports) -> {
                    var service = model(run, "kubernetes:core/v1:Service", name, V1Service.class);
                    assertEquals(ComponentRuns.NAMESPACE, service.getMetadata().getNamespace());
                    assertEquals("NodePort", service.getSpec().getType(), name);
                    assertEquals(
                            ports.get(0), service.getSpec().getPorts().get(0).getNodePort(), name);
                    assertEquals(
                            ports.get(1),
                            service.getSpec().getPorts().get(0).getTargetPort().getIntValue(),
                            name);
                });
        for (var ui : PlatformAccess.uis()) {
            var policy =
                    model(run, POLICY, ui.name() + "-from-node-port", V1NetworkPolicy.class)
                            .getSpec();
            assertEquals(ui.pods(), policy.getPodSelector().getMatchLabels(), ui.name());
            assertEquals(
                    List.of(ui.podPort()),
                    policy.getIngress().get(0).getPorts().stream()
                            .map(p -> p.getPort().getIntValue())
                            .toList(),
                    ui.name());
        }
        assertTrue(run.resources(INGRESS).isEmpty(), "no Ingress with node ports");
    }

    @Test
    void ingressesServeEachHostWithItsOwnOrTheSharedTlsSecret() {
        var issued =
                component(
                        new PlatformAccess.Ingresses(
                                "login.example.org",
                                "meta.example.org",
                                "runs.example.org",
                                "traefik",
                                "edge",
                                Optional.of("acme"),
                                Optional.empty(),
                                Map.of("example.org/auth", "on")));
        var keycloak = model(issued, INGRESS, "keycloak", V1Ingress.class);
        assertEquals("traefik", keycloak.getSpec().getIngressClassName());
        assertEquals("login.example.org", keycloak.getSpec().getRules().get(0).getHost());
        assertEquals("keycloak-tls", keycloak.getSpec().getTls().get(0).getSecretName());
        assertEquals(
                "acme",
                keycloak.getMetadata().getAnnotations().get("cert-manager.io/cluster-issuer"));
        assertFalse(
                keycloak.getMetadata()
                        .getAnnotations()
                        .containsKey("nginx.ingress.kubernetes.io/proxy-buffer-size"),
                "nginx's buffer annotations only for nginx");
        var dagster = model(issued, INGRESS, "dagster-webserver", V1Ingress.class);
        assertEquals("on", dagster.getMetadata().getAnnotations().get("example.org/auth"));
        assertEquals("runs.example.org", dagster.getSpec().getRules().get(0).getHost());
        var policy =
                model(issued, POLICY, "openmetadata-from-ingress-controller", V1NetworkPolicy.class)
                        .getSpec();
        assertEquals(
                Map.of("kubernetes.io/metadata.name", "edge"),
                policy.getIngress()
                        .get(0)
                        .getFrom()
                        .get(0)
                        .getNamespaceSelector()
                        .getMatchLabels());
        assertTrue(
                issued.resources("kubernetes:core/v1:Service").isEmpty(),
                "no node port with Ingresses");

        var shared =
                component(
                        new PlatformAccess.Ingresses(
                                "login.example.org",
                                "meta.example.org",
                                "runs.example.org",
                                "nginx",
                                "edge",
                                Optional.empty(),
                                Optional.of("wildcard"),
                                Map.of()));
        for (var name : List.of("keycloak", "openmetadata", "dagster-webserver")) {
            assertEquals(
                    "wildcard",
                    model(shared, INGRESS, name, V1Ingress.class)
                            .getSpec()
                            .getTls()
                            .get(0)
                            .getSecretName(),
                    name);
        }
    }

    @Test
    void anExposureWithoutTlsOrOutsideTheNodePortRangeIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new PlatformAccess.Ingresses(
                                "a.example",
                                "b.example",
                                "c.example",
                                "nginx",
                                "edge",
                                Optional.empty(),
                                Optional.empty(),
                                Map.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new PlatformAccess.NodePorts(8080, 30585, 30181));
    }
}
