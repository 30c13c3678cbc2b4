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
    record Ui(String name, String service, int servicePort, Map<String, String> pods, int podPort) {
    }

    static final String DAGSTER_WEBSERVER_SERVICE = "dagster-dagster-webserver";

    /** Pod labels from the charts' selectorLabels helpers; see ChartContracts for their provenance. */
    static List<Ui> uis() {
        var dagsterPods = new LinkedHashMap<String, String>();
        dagsterPods.put(Labels.NAME, "dagster");
        dagsterPods.put(Labels.INSTANCE, Labels.DAGSTER);
        dagsterPods.put("component", "dagster-webserver");
        return List.of(
                new Ui(Labels.KEYCLOAK, Labels.KEYCLOAK, 8080, Labels.service(Labels.KEYCLOAK), 8080),
                new Ui(Labels.OPENMETADATA, Labels.OPENMETADATA, 8585,
                        Map.of(Labels.NAME, Labels.OPENMETADATA, Labels.INSTANCE, Labels.OPENMETADATA), 8585),
                new Ui("dagster-webserver", DAGSTER_WEBSERVER_SERVICE, 80, Map.copyOf(dagsterPods), 80));
    }

    public PlatformAccess(String name, ModerateSettings settings, CustomResourceOptions k8s, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var ns = settings.namespace();
        var uis = uis();
        if (settings.access() == PublicAccess.INGRESS) {
            var hosts = List.of(settings.keycloakHostname().orElseThrow(), settings.openMetadataHostname().orElseThrow(),
                    settings.dagsterHostname().orElseThrow());
            for (int i = 0; i < uis.size(); i++) {
                ingress(uis.get(i), hosts.get(i), settings, child);
                admit(uis.get(i), uis.get(i).name() + "-from-ingress-controller", NetworkPolicyPeerArgs.builder()
                        .namespaceSelector(LabelSelectorArgs.builder().matchLabels(Map.of(
                                "kubernetes.io/metadata.name", settings.ingressControllerNamespace())).build())
                        .build(), ns, child);
            }
        } else {
            var ports = List.of(settings.keycloakNodePort(), settings.openMetadataNodePort(), settings.dagsterNodePort());
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

    private static void ingress(Ui ui, String host, ModerateSettings settings, CustomResourceOptions options) {
        var annotations = new LinkedHashMap<String, String>();
        settings.certManagerClusterIssuer().ifPresent(issuer -> annotations.put("cert-manager.io/cluster-issuer", issuer));
        if (ui.name().equals(Labels.KEYCLOAK) && settings.ingressClassName().equals("nginx")) {
            // Keycloak's OAuth2 callbacks carry large headers; production needed these against 502s.
            annotations.put("nginx.ingress.kubernetes.io/proxy-buffering", "on");
            annotations.put("nginx.ingress.kubernetes.io/proxy-buffer-size", "2048k");
            annotations.put("nginx.ingress.kubernetes.io/proxy-buffers-number", "4");
            annotations.put("nginx.ingress.kubernetes.io/proxy-max-temp-file-size", "2048m");
        }
        if (ui.name().equals("dagster-webserver")) {
            settings.dagsterIngressAnnotations().ifPresent(annotations::putAll);
        }
        var secret = settings.certManagerClusterIssuer().isPresent() ? ui.name() + "-tls" : settings.tlsSecretName().orElseThrow();
        new Ingress(ui.name(), IngressArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(ui.name()).namespace(settings.namespace())
                        .annotations(annotations).build())
                .spec(IngressSpecArgs.builder()
                        .ingressClassName(settings.ingressClassName())
                        .tls(IngressTLSArgs.builder().hosts(host).secretName(secret).build())
                        .rules(IngressRuleArgs.builder()
                                .host(host)
                                .http(HTTPIngressRuleValueArgs.builder()
                                        .paths(HTTPIngressPathArgs.builder()
                                                .path("/")
                                                .pathType("Prefix")
                                                .backend(IngressBackendArgs.builder()
                                                        .service(IngressServiceBackendArgs.builder()
                                                                .name(ui.service())
                                                                .port(ServiceBackendPortArgs.builder()
                                                                        .number(ui.servicePort()).build())
                                                                .build())
                                                        .build())
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build(), options);
    }

    private static void nodePort(Ui ui, int port, String namespace, CustomResourceOptions options) {
        new Service(nodePortServiceName(ui), ServiceArgs.builder()
                .metadata(Labels.metadata(nodePortServiceName(ui), namespace))
                .spec(ServiceSpecArgs.builder()
                        .type("NodePort")
                        .selector(ui.pods())
                        .ports(ServicePortArgs.builder().name("http").protocol("TCP").port(ui.servicePort())
                                .targetPort(ui.podPort()).nodePort(port).build())
                        .build())
                .build(), options);
    }

    /** A policy admitting {@code from} (any source when null) to the UI's pods on its port only. */
    private static void admit(Ui ui, String name, NetworkPolicyPeerArgs from, String namespace, CustomResourceOptions options) {
        var rule = NetworkPolicyIngressRuleArgs.builder()
                .ports(NetworkPolicyPortArgs.builder().protocol("TCP").port(ui.podPort()).build());
        if (from != null) {
            rule.from(from);
        }
        new NetworkPolicy(name, NetworkPolicyArgs.builder()
                .metadata(Labels.metadata(name, namespace))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder().matchLabels(ui.pods()).build())
                        .policyTypes("Ingress")
                        .ingress(rule.build())
                        .build())
                .build(), options);
    }
}
