package labstacks.biositing;

import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorRequirementArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * The compose {@code prefect-network}, made strict: nothing reaches a pod of the namespace unless a
 * rule lets it; the database only from the migration Job, the server and the worker; the Prefect API
 * only from the worker and the flow-deployment Job. (Port-forwarding goes through the kubelet and is
 * not affected.)
 */
public final class EtlNetworkPolicies extends ComponentResource {
    public static final String TYPE = "labstacks:biositing:EtlNetworkPolicies";
    static final List<String> DATABASE_CLIENTS = List.of(Pods.MIGRATION, Pods.PREFECT_SERVER, Pods.PREFECT_WORKER);
    static final List<String> PREFECT_CLIENTS = List.of(Pods.PREFECT_WORKER, Pods.FLOW_DEPLOYMENT);

    public EtlNetworkPolicies(String name, BiositingSettings settings, CustomResourceOptions k8s,
                              ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.merge(k8s, CustomResourceOptions.builder().parent(this).build());
        var namespace = settings.namespace();

        new NetworkPolicy("default-deny-ingress", NetworkPolicyArgs.builder()
                .metadata(Pods.metadata("default-deny-ingress", namespace, "network"))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder().build())
                        .policyTypes("Ingress")
                        .build())
                .build(), child);
        // A NetworkPolicy port is the pod's port, not the Service's: PostgreSQL listens on 5432 whatever
        // biositing:postgresPort maps it to.
        allow("database-clients", namespace, Pods.DATABASE, DATABASE_CLIENTS, 5432, child);
        allow("prefect-api-clients", namespace, Pods.PREFECT_SERVER, PREFECT_CLIENTS, Pods.PREFECT_PORT, child);
        registerOutputs(Map.of());
    }

    private static void allow(String name, String namespace, String target, List<String> clients, int port,
                              CustomResourceOptions options) {
        new NetworkPolicy(name, NetworkPolicyArgs.builder()
                .metadata(Pods.metadata(name, namespace, "network"))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder().matchLabels(Pods.selector(target)).build())
                        .policyTypes("Ingress")
                        .ingress(NetworkPolicyIngressRuleArgs.builder()
                                .from(NetworkPolicyPeerArgs.builder().podSelector(LabelSelectorArgs.builder()
                                        .matchLabels(Map.of("app.kubernetes.io/name", Pods.APP))
                                        .matchExpressions(LabelSelectorRequirementArgs.builder()
                                                .key("app.kubernetes.io/component").operator("In").values(clients)
                                                .build())
                                        .build()).build())
                                .ports(NetworkPolicyPortArgs.builder().protocol("TCP").port(port).build())
                                .build())
                        .build())
                .build(), options);
    }
}
