package labstacks.constructs.kubernetes;

import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorRequirementArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.CustomResourceOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A namespace where nothing reaches a pod unless a rule lets it: the {@value #DEFAULT_DENY} NetworkPolicy
 * selects every pod for ingress and allows nothing, then one NetworkPolicy per {@link Allow} admits named
 * clients to named pods on named ports. (Port-forwarding goes through the kubelet and is not affected.)
 *
 * <p>Not a component: the policies register under whatever parent the options name, so a program that
 * adopts this construct keeps its URNs.
 */
public final class DefaultDenyIngress {
    /** The name of the policy that denies all ingress. */
    public static final String DEFAULT_DENY = "default-deny-ingress";

    /**
     * Inputs of {@link DefaultDenyIngress}.
     *
     * @param namespace the namespace the policies apply to
     * @param labels    labels of the NetworkPolicy objects themselves; empty for none
     * @param allows    the flows admitted on top of the default deny, each its own NetworkPolicy
     */
    public record Args(String namespace, Map<String, String> labels, List<Allow> allows) {
        public Args {
            ObjectMetadata.requireName("namespace", namespace);
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            allows = List.copyOf(allows);
            var names = new HashSet<String>();
            names.add(DEFAULT_DENY);
            for (var allow : allows) {
                if (!names.add(allow.name())) {
                    throw new IllegalArgumentException("two NetworkPolicies named " + allow.name());
                }
            }
        }
    }

    /**
     * One admitted flow.
     *
     * @param name   the NetworkPolicy's name (resource and object)
     * @param target the labels of the pods this policy opens
     * @param from   the pods admitted, each a selector (see {@link #pods} and {@link #podsIn}); every peer is
     *               a pod selector of the same namespace
     * @param ports  the pods' TCP ports that are opened (the container port, not a Service's port); empty
     *               opens all ports to those peers
     */
    public record Allow(
            String name,
            Map<String, String> target,
            List<LabelSelectorArgs> from,
            List<Integer> ports) {
        public Allow {
            ObjectMetadata.requireName("an allow rule's name", name);
            if (target.isEmpty()) {
                throw new IllegalArgumentException(
                        name + ": an empty target would open every pod of the namespace");
            }
            if (from.isEmpty()) {
                throw new IllegalArgumentException(
                        name + ": no peers; a rule without peers admits everyone");
            }
            for (var port : ports) {
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException(
                            name + ": port " + port + " is not a TCP port");
                }
            }
            target = Collections.unmodifiableMap(new LinkedHashMap<>(target));
            from = List.copyOf(from);
            ports = List.copyOf(ports);
        }
    }

    private final NetworkPolicy defaultDeny;
    private final Map<String, NetworkPolicy> allowed;

    /** Registers the default deny and then every allow rule, all with {@code options}. */
    public DefaultDenyIngress(Args args, CustomResourceOptions options) {
        Objects.requireNonNull(options, "options");
        this.defaultDeny =
                new NetworkPolicy(
                        DEFAULT_DENY,
                        NetworkPolicyArgs.builder()
                                .metadata(
                                        ObjectMetadata.of(
                                                DEFAULT_DENY, args.namespace(), args.labels()))
                                .spec(
                                        NetworkPolicySpecArgs.builder()
                                                .podSelector(LabelSelectorArgs.builder().build())
                                                .policyTypes("Ingress")
                                                .build())
                                .build(),
                        options);
        var policies = new LinkedHashMap<String, NetworkPolicy>();
        for (var allow : args.allows()) {
            policies.put(allow.name(), allow(allow, args, options));
        }
        this.allowed = Collections.unmodifiableMap(policies);
    }

    private static NetworkPolicy allow(Allow allow, Args args, CustomResourceOptions options) {
        var rule =
                NetworkPolicyIngressRuleArgs.builder()
                        .from(
                                allow.from().stream()
                                        .map(
                                                peer ->
                                                        NetworkPolicyPeerArgs.builder()
                                                                .podSelector(peer)
                                                                .build())
                                        .toList());
        if (!allow.ports().isEmpty()) {
            var ports = new ArrayList<NetworkPolicyPortArgs>();
            allow.ports()
                    .forEach(
                            port ->
                                    ports.add(
                                            NetworkPolicyPortArgs.builder()
                                                    .protocol("TCP")
                                                    .port(port)
                                                    .build()));
            rule.ports(ports);
        }
        return new NetworkPolicy(
                allow.name(),
                NetworkPolicyArgs.builder()
                        .metadata(ObjectMetadata.of(allow.name(), args.namespace(), args.labels()))
                        .spec(
                                NetworkPolicySpecArgs.builder()
                                        .podSelector(
                                                LabelSelectorArgs.builder()
                                                        .matchLabels(allow.target())
                                                        .build())
                                        .policyTypes("Ingress")
                                        .ingress(rule.build())
                                        .build())
                        .build(),
                options);
    }

    /** The pods carrying all of {@code labels}. */
    public static LabelSelectorArgs pods(Map<String, String> labels) {
        return LabelSelectorArgs.builder().matchLabels(labels).build();
    }

    /** The pods carrying all of {@code labels} whose label {@code key} is one of {@code values}. */
    public static LabelSelectorArgs podsIn(
            Map<String, String> labels, String key, List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException(
                    key + ": an In requirement needs at least one value");
        }
        return LabelSelectorArgs.builder()
                .matchLabels(labels)
                .matchExpressions(
                        LabelSelectorRequirementArgs.builder()
                                .key(key)
                                .operator("In")
                                .values(values)
                                .build())
                .build();
    }

    /** The policy that selects every pod and admits nothing. */
    public NetworkPolicy defaultDeny() {
        return defaultDeny;
    }

    /** The allow rules' policies by name, in the order of {@link Args#allows}. */
    public Map<String, NetworkPolicy> allowed() {
        return allowed;
    }
}
