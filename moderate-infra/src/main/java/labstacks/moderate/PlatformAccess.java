package labstacks.moderate;

import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.Ingress;
import com.pulumi.kubernetes.networking.v1.IngressArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressPathArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressRuleValueArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressServiceBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressSpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressTLSArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.ServiceBackendPortArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import labstacks.shared.program.ChildOptions;

/**
 * How people reach the three UIs, and the only ingress the default-deny policy lets through to them.
 * With {@code ingress}: one Ingress per host with TLS, and NetworkPolicies admitting only pods of the
 * ingress controller's namespace. With {@code node-port}: one NodePort Service per UI on fixed ports; node
 * ports arrive with the node's address as source (kube-proxy masquerades them), which no pod selector
 * matches, so those ports admit any source.
 */
public final class PlatformAccess extends ComponentResource {
    public static final String TYPE = "labstacks:moderate:PlatformAccess";

    /**
     * One UI: the Service that serves it, its port, the pods behind it and their port.
     *
     * @param name        Ingress, NetworkPolicy and NodePort Service name stem
     * @param service     the Service the ingress controller forwards to
     * @param servicePort its port
     * @param pods        the pod labels (the chart's selector labels for chart pods)
     * @param podPort     the container port NetworkPolicies must open
     */
    record Ui(
            String name, String service, int servicePort, Map<String, String> pods, int podPort) {}

    static final String DAGSTER_WEBSERVER_SERVICE = "dagster-dagster-webserver";

    /** Pod labels from the charts' selectorLabels helpers; see ChartContracts for their provenance. */
    static List<Ui> uis() {
        var dagsterPods = new LinkedHashMap<String, String>();
        dagsterPods.put(Labels.NAME, "dagster");
        dagsterPods.put(Labels.INSTANCE, Labels.DAGSTER);
        dagsterPods.put("component", "dagster-webserver");
        return List.of(
                new Ui(
                        Labels.KEYCLOAK,
                        Labels.KEYCLOAK,
                        8080,
                        Labels.service(Labels.KEYCLOAK),
                        8080),
                new Ui(
                        Labels.OPENMETADATA,
                        Labels.OPENMETADATA,
                        8585,
                        Map.of(
                                Labels.NAME,
                                Labels.OPENMETADATA,
                                Labels.INSTANCE,
                                Labels.OPENMETADATA),
                        8585),
                new Ui(
                        "dagster-webserver",
                        DAGSTER_WEBSERVER_SERVICE,
                        80,
                        Map.copyOf(dagsterPods),
                        80));
    }

    /**
     * Inputs of {@link PlatformAccess}.
     *
     * @param namespace the platform's namespace
     * @param exposure  how browsers reach the UIs: {@link NodePorts} or {@link Ingresses}
     * @param kubernetes The options of every Kubernetes object the component makes: the explicit provider and what they start after. The component adds itself as their parent (ChildOptions).
     */
    public record Args(String namespace, Exposure exposure, CustomResourceOptions kubernetes) {
        public Args {
            Objects.requireNonNull(kubernetes, "kubernetes");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(exposure, "exposure");
        }
    }

    /** How browsers reach the UIs. */
    public sealed interface Exposure permits NodePorts, Ingresses {}

    /**
     * A node port per UI on a node address browsers and pods both reach.
     *
     * @param keycloak     Keycloak's node port
     * @param openMetadata OpenMetadata's node port
     * @param dagster      the Dagster webserver's node port
     */
    public record NodePorts(int keycloak, int openMetadata, int dagster) implements Exposure {
        public NodePorts {
            for (var port : List.of(keycloak, openMetadata, dagster)) {
                if (port < 30000 || port > 32767) {
                    throw new IllegalArgumentException(
                            port + " is outside the default node port range 30000-32767");
                }
            }
        }

        List<Integer> inOrder() {
            return List.of(keycloak, openMetadata, dagster);
        }
    }

    /**
     * An Ingress with TLS per UI through the cluster's ingress controller.
     *
     * @param keycloakHost        Keycloak's public host name
     * @param openMetadataHost    OpenMetadata's public host name
     * @param dagsterHost         the Dagster webserver's public host name
     * @param className           the IngressClass of the controller
     * @param controllerNamespace the namespace of the controller's pods, the only source admitted to the UIs
     * @param clusterIssuer       the cert-manager ClusterIssuer issuing one {@code <ui>-tls} Secret per host
     * @param tlsSecret           with no issuer: the existing TLS Secret covering the three hosts
     * @param dagsterAnnotations  further annotations of the Dagster Ingress (its login)
     * @param http01Solvers       whether the issuer answers ACME HTTP-01 challenges, whose solver pods the
     *                            ingress controller must reach
     */
    public record Ingresses(
            String keycloakHost,
            String openMetadataHost,
            String dagsterHost,
            String className,
            String controllerNamespace,
            Optional<String> clusterIssuer,
            Optional<String> tlsSecret,
            Map<String, String> dagsterAnnotations,
            boolean http01Solvers)
            implements Exposure {

        public Ingresses(
                String keycloakHost,
                String openMetadataHost,
                String dagsterHost,
                String className,
                String controllerNamespace,
                Optional<String> clusterIssuer,
                Optional<String> tlsSecret,
                Map<String, String> dagsterAnnotations) {
            this(
                    keycloakHost,
                    openMetadataHost,
                    dagsterHost,
                    className,
                    controllerNamespace,
                    clusterIssuer,
                    tlsSecret,
                    dagsterAnnotations,
                    false);
        }

        public Ingresses {
            Objects.requireNonNull(keycloakHost, "keycloakHost");
            Objects.requireNonNull(openMetadataHost, "openMetadataHost");
            Objects.requireNonNull(dagsterHost, "dagsterHost");
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(controllerNamespace, "controllerNamespace");
            if (clusterIssuer.isEmpty() && tlsSecret.isEmpty()) {
                throw new IllegalArgumentException(
                        "an Ingress with TLS needs a cert-manager ClusterIssuer or a TLS Secret");
            }
            dagsterAnnotations = Map.copyOf(dagsterAnnotations);
            if (http01Solvers && clusterIssuer.isEmpty()) {
                throw new IllegalArgumentException(
                        "HTTP-01 solvers come from a cert-manager issuer, and none is named");
            }
        }

        List<String> inOrder() {
            return List.of(keycloakHost, openMetadataHost, dagsterHost);
        }

        /** The TLS Secret of one UI's host: issued per host, or the one shared Secret. */
        String tlsSecretOf(Ui ui) {
            return clusterIssuer.isPresent() ? ui.name() + "-tls" : tlsSecret.orElseThrow();
        }
    }

    public PlatformAccess(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = ChildOptions.of(this, args.kubernetes());
        var ns = args.namespace();
        var uis = uis();
        if (args.exposure() instanceof Ingresses ingresses) {
            var hosts = ingresses.inOrder();
            for (int i = 0; i < uis.size(); i++) {
                ingress(uis.get(i), hosts.get(i), ns, ingresses, child);
                admit(
                        uis.get(i),
                        uis.get(i).name() + "-from-ingress-controller",
                        NetworkPolicyPeerArgs.builder()
                                .namespaceSelector(
                                        LabelSelectorArgs.builder()
                                                .matchLabels(
                                                        Map.of(
                                                                "kubernetes.io/metadata.name",
                                                                ingresses.controllerNamespace()))
                                                .build())
                                .build(),
                        ns,
                        child);
            }
            if (ingresses.http01Solvers()) {
                http01Solvers(ns, ingresses.controllerNamespace(), child);
            }
        } else if (args.exposure() instanceof NodePorts nodePorts) {
            var ports = nodePorts.inOrder();
            for (int i = 0; i < uis.size(); i++) {
                nodePort(uis.get(i), ports.get(i), ns, child);
                admit(uis.get(i), uis.get(i).name() + "-from-node-port", null, ns, child);
            }
        }
        registerOutputs(Map.of());
    }

    static String nodePortServiceName(Ui ui) {
        return ui.name() + "-node-port";
    }

    private static void ingress(
            Ui ui,
            String host,
            String namespace,
            Ingresses ingresses,
            CustomResourceOptions options) {
        var annotations = new LinkedHashMap<String, String>();
        ingresses
                .clusterIssuer()
                .ifPresent(issuer -> annotations.put("cert-manager.io/cluster-issuer", issuer));
        if (ui.name().equals(Labels.KEYCLOAK) && ingresses.className().equals("nginx")) {
            // Keycloak's OAuth2 callbacks carry large headers; production needed these against
            // 502s.
            annotations.put("nginx.ingress.kubernetes.io/proxy-buffering", "on");
            annotations.put("nginx.ingress.kubernetes.io/proxy-buffer-size", "2048k");
            annotations.put("nginx.ingress.kubernetes.io/proxy-buffers-number", "4");
            annotations.put("nginx.ingress.kubernetes.io/proxy-max-temp-file-size", "2048m");
        }
        if (ui.name().equals("dagster-webserver")) {
            annotations.putAll(ingresses.dagsterAnnotations());
        }
        new Ingress(
                ui.name(),
                IngressArgs.builder()
                        .metadata(
                                ObjectMetaArgs.builder()
                                        .name(ui.name())
                                        .namespace(namespace)
                                        .annotations(annotations)
                                        .build())
                        .spec(
                                IngressSpecArgs.builder()
                                        .ingressClassName(ingresses.className())
                                        .tls(
                                                IngressTLSArgs.builder()
                                                        .hosts(host)
                                                        .secretName(ingresses.tlsSecretOf(ui))
                                                        .build())
                                        .rules(
                                                IngressRuleArgs.builder()
                                                        .host(host)
                                                        .http(
                                                                HTTPIngressRuleValueArgs.builder()
                                                                        .paths(
                                                                                HTTPIngressPathArgs
                                                                                        .builder()
                                                                                        .path("/")
                                                                                        .pathType(
                                                                                                "Prefix")
                                                                                        .backend(
                                                                                                IngressBackendArgs
                                                                                                        .builder()
                                                                                                        .service(
                                                                                                                IngressServiceBackendArgs
                                                                                                                        .builder()
                                                                                                                        .name(
                                                                                                                                ui
                                                                                                                                        .service())
                                                                                                                        .port(
                                                                                                                                ServiceBackendPortArgs
                                                                                                                                        .builder()
                                                                                                                                        .number(
                                                                                                                                                ui
                                                                                                                                                        .servicePort())
                                                                                                                                        .build())
                                                                                                                        .build())
                                                                                                        .build())
                                                                                        .build())
                                                                        .build())
                                                        .build())
                                        .build())
                        .build(),
                options);
    }

    private static void nodePort(Ui ui, int port, String namespace, CustomResourceOptions options) {
        new Service(
                nodePortServiceName(ui),
                ServiceArgs.builder()
                        .metadata(Labels.metadata(nodePortServiceName(ui), namespace))
                        .spec(
                                ServiceSpecArgs.builder()
                                        .type("NodePort")
                                        .selector(ui.pods())
                                        .ports(
                                                ServicePortArgs.builder()
                                                        .name("http")
                                                        .protocol("TCP")
                                                        .port(ui.servicePort())
                                                        .targetPort(ui.podPort())
                                                        .nodePort(port)
                                                        .build())
                                        .build())
                        .build(),
                options);
    }

    /**
     * cert-manager's HTTP-01 solver pods, which it starts in the Ingress's namespace for each challenge, carry the
     * label {@code acme.cert-manager.io/http01-solver: "true"} (cert-manager pkg/apis/acme/v1/types.go,
     * SolverIdentificationLabelKey) and listen on 8089 (pkg/issuer/acme/http/http.go, acmeSolverListenPort). The
     * namespace's default deny would keep the ingress controller, and so Let's Encrypt, from them.
     */
    static final String HTTP01_SOLVER_POLICY = "acme-http01-solvers-from-ingress-controller";

    static final Map<String, String> HTTP01_SOLVER_LABELS =
            Map.of("acme.cert-manager.io/http01-solver", "true");
    static final int HTTP01_SOLVER_PORT = 8089;

    private static void http01Solvers(
            String namespace, String controllerNamespace, CustomResourceOptions options) {
        new NetworkPolicy(
                HTTP01_SOLVER_POLICY,
                NetworkPolicyArgs.builder()
                        .metadata(Labels.metadata(HTTP01_SOLVER_POLICY, namespace))
                        .spec(
                                NetworkPolicySpecArgs.builder()
                                        .podSelector(
                                                LabelSelectorArgs.builder()
                                                        .matchLabels(HTTP01_SOLVER_LABELS)
                                                        .build())
                                        .policyTypes("Ingress")
                                        .ingress(
                                                NetworkPolicyIngressRuleArgs.builder()
                                                        .from(
                                                                NetworkPolicyPeerArgs.builder()
                                                                        .namespaceSelector(
                                                                                LabelSelectorArgs
                                                                                        .builder()
                                                                                        .matchLabels(
                                                                                                Map
                                                                                                        .of(
                                                                                                                "kubernetes.io/metadata.name",
                                                                                                                controllerNamespace))
                                                                                        .build())
                                                                        .build())
                                                        .ports(
                                                                NetworkPolicyPortArgs.builder()
                                                                        .protocol("TCP")
                                                                        .port(HTTP01_SOLVER_PORT)
                                                                        .build())
                                                        .build())
                                        .build())
                        .build(),
                options);
    }

    /** A policy admitting {@code from} (any source when null) to the UI's pods on its port only. */
    private static void admit(
            Ui ui,
            String name,
            NetworkPolicyPeerArgs from,
            String namespace,
            CustomResourceOptions options) {
        var rule =
                NetworkPolicyIngressRuleArgs.builder()
                        .ports(
                                NetworkPolicyPortArgs.builder()
                                        .protocol("TCP")
                                        .port(ui.podPort())
                                        .build());
        if (from != null) {
            rule.from(from);
        }
        new NetworkPolicy(
                name,
                NetworkPolicyArgs.builder()
                        .metadata(Labels.metadata(name, namespace))
                        .spec(
                                NetworkPolicySpecArgs.builder()
                                        .podSelector(
                                                LabelSelectorArgs.builder()
                                                        .matchLabels(ui.pods())
                                                        .build())
                                        .policyTypes("Ingress")
                                        .ingress(rule.build())
                                        .build())
                        .build(),
                options);
    }
}
