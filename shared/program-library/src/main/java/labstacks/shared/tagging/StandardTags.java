package labstacks.shared.tagging;

import java.util.Map;
import java.util.TreeMap;

/**
 * The tags every AWS resource and the labels every Kubernetes object of a stack carries, so that cost
 * reports, {@code kubectl get -l} and audits can tell which project, stack, system and environment
 * a resource belongs to.
 *
 * @param project     the Pulumi project
 * @param stack       the stack
 * @param environment the stack's environment ({@code labstacks:environment})
 * @param system      tags the system adds ({@code system} and any of its own)
 * @param extra       tags the stack adds ({@code labstacks:tags})
 */
public record StandardTags(
        String project,
        String stack,
        String environment,
        Map<String, String> system,
        Map<String, String> extra) {

    public static final String MANAGED_BY = "pulumi";

    /** Prefix of the project's own Kubernetes labels. */
    public static final String LABEL_PREFIX = "labstacks.dev/";

    public StandardTags {
        system = Map.copyOf(system);
        extra = Map.copyOf(extra);
    }

    /**
     * AWS tags: {@code project}, {@code stack}, {@code managed-by}, {@code environment}, then the
     * system's and the stack's own. The standard four cannot be overridden.
     */
    public Map<String, String> awsTags() {
        var tags = new TreeMap<String, String>();
        tags.putAll(extra);
        tags.putAll(system);
        tags.put("project", project);
        tags.put("stack", stack);
        tags.put("managed-by", MANAGED_BY);
        tags.put("environment", environment);
        return Map.copyOf(tags);
    }

    /**
     * Kubernetes labels: the recommended {@code app.kubernetes.io/part-of}, {@code instance} and
     * {@code managed-by}, and the project's own under {@value #LABEL_PREFIX}. {@code name} and
     * {@code component} are per workload and set by the component that owns it.
     */
    public Map<String, String> kubernetesLabels() {
        var labels = new TreeMap<String, String>();
        extra.forEach((k, v) -> labels.put(LABEL_PREFIX + k, v));
        system.forEach((k, v) -> labels.put(LABEL_PREFIX + k, v));
        labels.put(LABEL_PREFIX + "project", project);
        labels.put(LABEL_PREFIX + "environment", environment);
        labels.put("app.kubernetes.io/part-of", system.getOrDefault("system", project));
        labels.put("app.kubernetes.io/instance", stack);
        labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
        return Map.copyOf(labels);
    }
}
