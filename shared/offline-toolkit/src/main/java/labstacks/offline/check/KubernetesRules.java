package labstacks.offline.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import labstacks.offline.plan.Plan;
import labstacks.offline.plan.PlannedResource;
import labstacks.offline.schema.KubernetesSchema;

/** Rules for the Kubernetes objects a plan registers (Helm releases are checked through their values only). */
final class KubernetesRules {
    static final Set<String> WORKLOADS =
            Set.of(
                    "kubernetes:apps/v1:Deployment",
                    "kubernetes:apps/v1:StatefulSet",
                    "kubernetes:apps/v1:DaemonSet",
                    "kubernetes:batch/v1:Job",
                    "kubernetes:batch/v1:CronJob");
    static final Set<String> LONG_RUNNING =
            Set.of(
                    "kubernetes:apps/v1:Deployment",
                    "kubernetes:apps/v1:StatefulSet",
                    "kubernetes:apps/v1:DaemonSet");
    private static final Pattern PINNED =
            Pattern.compile(".+(:(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]*|@sha256:[a-f0-9]{64})");
    private static final Pattern SECRET_KEY =
            Pattern.compile("(?i).*(password|secret|token|private_?key|api_?key|credentials).*");

    private KubernetesRules() {}

    /** A container with where it sits. */
    record Container(
            PlannedResource workload,
            String path,
            Map<String, Object> spec,
            Map<String, Object> podSpec,
            boolean init) {
        String name() {
            return String.valueOf(spec.get("name"));
        }
    }

    static List<Container> containers(Plan plan) {
        var result = new ArrayList<Container>();
        for (var workload : plan.resources()) {
            if (!WORKLOADS.contains(workload.type())) {
                continue;
            }
            var podPath =
                    switch (workload.type()) {
                        case "kubernetes:batch/v1:CronJob" -> "spec.jobTemplate.spec.template.spec";
                        default -> "spec.template.spec";
                    };
            var podSpec = Resources.map(Resources.input(workload, podPath));
            for (var kind : List.of("containers", "initContainers")) {
                var list = Resources.list(podSpec.get(kind));
                for (int i = 0; i < list.size(); i++) {
                    result.add(
                            new Container(
                                    workload,
                                    podPath + "." + kind + "." + i,
                                    Resources.map(list.get(i)),
                                    podSpec,
                                    kind.equals("initContainers")));
                }
            }
        }
        return result;
    }

    static List<Rule> all() {
        return List.of(
                containerRule(
                        "k8s-pinned-image",
                        "images are pinned to a tag (not latest) or digest",
                        c -> {
                            var image = String.valueOf(c.spec().get("image"));
                            return PINNED.matcher(image).matches()
                                    ? null
                                    : new String[] {
                                        "container " + c.name() + " uses unpinned image " + image,
                                        "pin a version tag or a sha256 digest"
                                    };
                        }),
                containerRule(
                        "k8s-resources",
                        "containers set CPU and memory requests and limits",
                        c -> {
                            var resources = Resources.map(c.spec().get("resources"));
                            var requests = Resources.map(resources.get("requests"));
                            var limits = Resources.map(resources.get("limits"));
                            return requests.keySet().containsAll(List.of("cpu", "memory"))
                                            && limits.keySet().containsAll(List.of("cpu", "memory"))
                                    ? null
                                    : new String[] {
                                        "container "
                                                + c.name()
                                                + " lacks CPU/memory requests or limits",
                                        "set resources.requests and resources.limits for cpu and memory"
                                    };
                        }),
                containerRule(
                        "k8s-probes",
                        "long-running containers have a liveness or readiness probe",
                        c ->
                                c.init()
                                                || !LONG_RUNNING.contains(c.workload().type())
                                                || c.spec().containsKey("livenessProbe")
                                                || c.spec().containsKey("readinessProbe")
                                        ? null
                                        : new String[] {
                                            "container "
                                                    + c.name()
                                                    + " has no liveness or readiness probe",
                                            "add a readinessProbe (and a livenessProbe where a restart helps)"
                                        }),
                containerRule(
                        "k8s-non-root",
                        "containers run as non-root without privilege escalation",
                        c -> {
                            var pod = Resources.map(c.podSpec().get("securityContext"));
                            var own = Resources.map(c.spec().get("securityContext"));
                            var nonRoot =
                                    Boolean.TRUE.equals(
                                            own.getOrDefault(
                                                    "runAsNonRoot", pod.get("runAsNonRoot")));
                            var noEscalation =
                                    Boolean.FALSE.equals(own.get("allowPrivilegeEscalation"));
                            return nonRoot && noEscalation
                                    ? null
                                    : new String[] {
                                        "container "
                                                + c.name()
                                                + (nonRoot ? "" : " may run as root")
                                                + (noEscalation
                                                        ? ""
                                                        : " allows privilege escalation"),
                                        "set runAsNonRoot (pod or container) and allowPrivilegeEscalation false, or declare why the image needs root"
                                    };
                        }),
                workloadRule(
                        "k8s-service-account",
                        "workloads run under their own service account",
                        (plan, workload, podSpec) -> {
                            var account =
                                    String.valueOf(
                                            podSpec.getOrDefault("serviceAccountName", "default"));
                            return account.equals("default")
                                    ? new String[] {
                                        "runs under the namespace's default service account",
                                        "create a ServiceAccount for it (automountServiceAccountToken false unless it calls the API)"
                                    }
                                    : null;
                        }),
                Rule.of(
                        "k8s-secrets-in-secrets",
                        "credentials live in Secrets: not in ConfigMaps or literal env values",
                        (ruleId, plan) -> {
                            var found = new ArrayList<Violation>();
                            for (var map : plan.ofType("kubernetes:core/v1:ConfigMap")) {
                                for (var key :
                                        Resources.map(Resources.input(map, "data")).keySet()) {
                                    if (SECRET_KEY.matcher(key).matches()) {
                                        found.add(
                                                Resources.violation(
                                                        ruleId,
                                                        map,
                                                        "ConfigMap key "
                                                                + key
                                                                + " looks like a credential",
                                                        "move it to a Secret"));
                                    }
                                }
                            }
                            for (var c : containers(plan)) {
                                for (var env : Resources.list(c.spec().get("env"))) {
                                    var e = Resources.map(env);
                                    if (e.containsKey("value")
                                            && SECRET_KEY
                                                    .matcher(String.valueOf(e.get("name")))
                                                    .matches()
                                            && !isMountedFile(
                                                    String.valueOf(e.get("value")), c.spec())) {
                                        found.add(
                                                Resources.violation(
                                                        ruleId,
                                                        c.workload(),
                                                        "container "
                                                                + c.name()
                                                                + " sets "
                                                                + e.get("name")
                                                                + " as a literal value",
                                                        "read it with valueFrom.secretKeyRef or envFrom a Secret"));
                                    }
                                }
                            }
                            return found;
                        }),
                Rule.of(
                        "k8s-default-deny",
                        "every namespace with workloads has a default-deny ingress NetworkPolicy",
                        (ruleId, plan) -> {
                            var denied = new HashSet<String>();
                            for (var policy :
                                    plan.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy")) {
                                var selector =
                                        Resources.map(Resources.input(policy, "spec.podSelector"));
                                var types =
                                        Resources.list(Resources.input(policy, "spec.policyTypes"));
                                if (selector.isEmpty()
                                        && types.contains("Ingress")
                                        && Resources.list(Resources.input(policy, "spec.ingress"))
                                                .isEmpty()) {
                                    denied.add(Resources.text(policy, "metadata.namespace"));
                                }
                            }
                            var found = new ArrayList<Violation>();
                            var reported = new HashSet<String>();
                            for (var workload : plan.resources()) {
                                var namespace = Resources.text(workload, "metadata.namespace");
                                if (WORKLOADS.contains(workload.type())
                                        && !denied.contains(namespace)
                                        && reported.add(namespace)) {
                                    found.add(
                                            Resources.violation(
                                                    ruleId,
                                                    workload,
                                                    "namespace '"
                                                            + namespace
                                                            + "' has no default-deny ingress NetworkPolicy",
                                                    "add one with an empty podSelector and policyTypes [Ingress]"));
                                }
                            }
                            return found;
                        }),
                Rule.of(
                        "k8s-schema",
                        "every object matches the official Kubernetes schema for its kind",
                        (ruleId, plan) -> {
                            var found = new ArrayList<Violation>();
                            for (var resource : plan.resources()) {
                                if (resource.custom()
                                        && resource.type().startsWith("kubernetes:")
                                        && !resource.type().startsWith("kubernetes:helm.sh/")) {
                                    try {
                                        KubernetesSchema.validate(resource);
                                    } catch (AssertionError e) {
                                        found.add(
                                                Resources.violation(
                                                        ruleId,
                                                        resource,
                                                        e.getMessage(),
                                                        "fix the field the message names (client-java-api model)"));
                                    }
                                }
                            }
                            return found;
                        }));
    }

    /** An absolute path without {@code .} or {@code ..} segments. */
    private static final Pattern ABSOLUTE_PATH =
            Pattern.compile("(/[A-Za-z0-9_@+-][A-Za-z0-9._@+-]*)+/?");

    /**
     * Whether {@code value} names a file on one of the container's own volume mounts: a path such as
     * {@code GOOGLE_APPLICATION_CREDENTIALS=/var/run/secrets/key.json}, which tells the program where a
     * mounted credential is, not the credential itself.
     */
    static boolean isMountedFile(String value, Map<String, Object> container) {
        if (!ABSOLUTE_PATH.matcher(value).matches()) {
            return false;
        }
        for (var mount : Resources.list(container.get("volumeMounts"))) {
            var mountPath = String.valueOf(Resources.map(mount).get("mountPath"));
            if (mountPath.equals("/")) {
                continue;
            }
            var directory = mountPath.endsWith("/") ? mountPath : mountPath + "/";
            if (value.equals(mountPath) || value.startsWith(directory)) {
                return true;
            }
        }
        return false;
    }

    private static Rule containerRule(
            String id, String description, Function<Container, String[]> problem) {
        return Rule.of(
                id,
                description,
                (ruleId, plan) -> {
                    var found = new ArrayList<Violation>();
                    for (var c : containers(plan)) {
                        var p = problem.apply(c);
                        if (p != null) {
                            found.add(Resources.violation(id, c.workload(), p[0], p[1]));
                        }
                    }
                    return found;
                });
    }

    interface WorkloadProblem {
        String[] apply(Plan plan, PlannedResource workload, Map<String, Object> podSpec);
    }

    private static Rule workloadRule(String id, String description, WorkloadProblem problem) {
        return Rule.of(
                id,
                description,
                (ruleId, plan) -> {
                    var found = new ArrayList<Violation>();
                    for (var workload : plan.resources()) {
                        if (WORKLOADS.contains(workload.type())) {
                            var path =
                                    workload.type().endsWith(":CronJob")
                                            ? "spec.jobTemplate.spec.template.spec"
                                            : "spec.template.spec";
                            var p =
                                    problem.apply(
                                            plan,
                                            workload,
                                            Resources.map(Resources.input(workload, path)));
                            if (p != null) {
                                found.add(Resources.violation(id, workload, p[0], p[1]));
                            }
                        }
                    }
                    return found;
                });
    }
}
