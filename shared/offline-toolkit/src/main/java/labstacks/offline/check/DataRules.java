package labstacks.offline.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import labstacks.offline.plan.Plan;
import labstacks.offline.plan.PlannedResource;
import labstacks.shared.config.StackIdentity;

/**
 * Rules about the resources that hold data: what {@code pulumi destroy}, a replacement or a removal from the program
 * would do to them. Whether a stack is production or local is read from its name, which
 * {@code labstacks:environment} must agree with ({@link StackIdentity}).
 */
final class DataRules {
    static final String NAMESPACE = "kubernetes:core/v1:Namespace";
    static final String CLAIM = "kubernetes:core/v1:PersistentVolumeClaim";
    static final String STATEFUL_SET = "kubernetes:apps/v1:StatefulSet";
    static final Set<String> BUCKETS = Set.of("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2");

    private DataRules() {}

    /** The Pulumi-option rule: production data is protected and retained. */
    static Rule protectedInProduction() {
        return Rule.of(
                "pulumi-data-protected",
                "in a production stack, every resource that holds data (S3"
                        + " buckets, volume claims, StatefulSets with claims, namespaces holding them) is protected and"
                        + " retained",
                (ruleId, plan) -> {
                    var found = new ArrayList<Violation>();
                    if (!StackIdentity.isProductionStack(plan.stack())) {
                        return found;
                    }
                    var holding = namespacesHoldingData(plan);
                    for (var resource : plan.resources()) {
                        var holds =
                                BUCKETS.contains(resource.type())
                                        || resource.type().equals(CLAIM)
                                        || ownsClaims(resource)
                                        || resource.type().equals(NAMESPACE)
                                                && holding.containsKey(namespaceName(resource));
                        if (holds && !(resource.protect() && resource.retainOnDelete())) {
                            found.add(
                                    Resources.violation(
                                            ruleId,
                                            resource,
                                            "holds data in production but is "
                                                    + missing(resource)
                                                    + ": pulumi destroy or a replacement would delete it",
                                            "register it with protect(true) and retainOnDelete(true)"
                                                    + (resource.type().startsWith("kubernetes:")
                                                            ? " (DataRetention.KEEP)"
                                                            : "")));
                        }
                    }
                    return found;
                });
    }

    /** The Kubernetes rule: a namespace with volumes in it outlives destroy and renames. */
    static Rule namespaceKeepsVolumes() {
        return Rule.of(
                "k8s-namespace-keeps-volumes",
                "outside local stacks, a namespace that volumes live in is"
                        + " protected and retained (deleting a namespace deletes every claim in it)",
                (ruleId, plan) -> {
                    var found = new ArrayList<Violation>();
                    if (StackIdentity.isLocalStack(plan.stack())) {
                        return found;
                    }
                    var holding = namespacesHoldingData(plan);
                    for (var namespace : plan.ofType(NAMESPACE)) {
                        var volumes = holding.get(namespaceName(namespace));
                        if (volumes != null
                                && !(namespace.protect() && namespace.retainOnDelete())) {
                            found.add(
                                    Resources.violation(
                                            ruleId,
                                            namespace,
                                            "namespace '"
                                                    + namespaceName(namespace)
                                                    + "' is "
                                                    + missing(namespace)
                                                    + ", but "
                                                    + String.join(", ", volumes)
                                                    + " live in it: deleting or replacing it (pulumi destroy, a changed name)"
                                                    + " deletes every claim in it",
                                            "register the Namespace with protect(true) and retainOnDelete(true), under a logical"
                                                    + " name that no setting changes"));
                        }
                    }
                    return found;
                });
    }

    /** A StatefulSet that claims volumes per replica. */
    static boolean ownsClaims(PlannedResource resource) {
        return resource.type().equals(STATEFUL_SET)
                && !Resources.list(Resources.input(resource, "spec.volumeClaimTemplates"))
                        .isEmpty();
    }

    /** The namespaces that volumes live in, each with what lives there ("StatefulSet postgres"). */
    static Map<String, List<String>> namespacesHoldingData(Plan plan) {
        var holding = new LinkedHashMap<String, List<String>>();
        for (var resource : plan.resources()) {
            if (resource.type().equals(CLAIM) || ownsClaims(resource)) {
                var kind = resource.type().substring(resource.type().lastIndexOf(':') + 1);
                holding.computeIfAbsent(
                                Resources.text(resource, "metadata.namespace"),
                                k -> new ArrayList<>())
                        .add(kind + " " + resource.name());
            }
        }
        return holding;
    }

    private static String namespaceName(PlannedResource namespace) {
        var name = Resources.text(namespace, "metadata.name");
        return name.isEmpty() ? namespace.name() : name;
    }

    private static String missing(PlannedResource resource) {
        if (!resource.protect() && !resource.retainOnDelete()) {
            return "neither protected nor retained";
        }
        return resource.protect() ? "not retained (retainOnDelete)" : "not protected";
    }
}
