package labstacks.offline.check;

import com.pulumi.core.annotations.Export;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.plan.PlannedResource;

/** Rules about how resources are registered: imports, ignoreChanges, secrets, providers. */
final class PulumiRules {
    /** Property names that carry credentials; such a value must be a secret. */
    static final Pattern SECRET_NAME =
            Pattern.compile(
                    "(?i)(?!.*(path|file|name|ref|id|url|arn)$).*(password|passwd|secret|token|privatekey|apikey|bearerauth|kubeconfig|credentials?json|plaintextvalue).*");

    /** Annotations whose value names a Secret ({@code [namespace/]name}), as ingress-nginx reads them. */
    static final Set<String> SECRET_NAME_ANNOTATIONS =
            Set.of(
                    "nginx.ingress.kubernetes.io/auth-secret",
                    "nginx.ingress.kubernetes.io/auth-tls-secret",
                    "nginx.ingress.kubernetes.io/proxy-ssl-secret");

    private PulumiRules() {}

    static List<Rule> all() {
        return List.of(
                simple(
                        "pulumi-import-protected",
                        "every imported resource is protected",
                        resource ->
                                resource.importId() != null && !resource.protect()
                                        ? Optional.of(
                                                new String[] {
                                                    "is imported but not protected",
                                                    "add protect(true): it holds something this project did not create"
                                                })
                                        : Optional.empty()),
                Rule.of(
                        "pulumi-ignore-changes-real",
                        "every ignoreChanges name is a real property of the resource",
                        (ruleId, plan) -> {
                            var found = new ArrayList<Violation>();
                            for (var resource : plan.resources()) {
                                if (resource.ignoreChanges().isEmpty()) {
                                    continue;
                                }
                                var properties = properties(resource.type());
                                if (properties.isEmpty()) {
                                    found.add(
                                            Resources.violation(
                                                    ruleId,
                                                    resource,
                                                    "its class is not on the classpath, so"
                                                            + " ignoreChanges cannot be verified",
                                                    "check the SDK dependency"));
                                    continue;
                                }
                                for (var name : resource.ignoreChanges()) {
                                    var head = name.split("[.\\[]", 2)[0];
                                    if (!properties.get().contains(head)) {
                                        found.add(
                                                Resources.violation(
                                                        ruleId,
                                                        resource,
                                                        "ignores '"
                                                                + name
                                                                + "', which is not a property (a misspelled name ignores nothing)",
                                                        "use one of: "
                                                                + String.join(
                                                                        ", ", properties.get())));
                                    }
                                }
                            }
                            return found;
                        }),
                Rule.of(
                        "pulumi-no-plaintext-secret",
                        "values under credential-like names are secrets, in inputs and outputs",
                        (ruleId, plan) -> {
                            var found = new ArrayList<Violation>();
                            for (var resource : plan.resources()) {
                                var where = new ArrayList<String>();
                                plaintext("", resource.inputs(), where);
                                for (var path : where) {
                                    found.add(
                                            Resources.violation(
                                                    ruleId,
                                                    resource,
                                                    "input "
                                                            + path
                                                            + " is a credential in plain text",
                                                    "pass it as a secret Output (Output.ofSecret or a secret setting)"));
                                }
                            }
                            var where = new ArrayList<String>();
                            plaintext("", plan.outputs(), where);
                            for (var path : where) {
                                found.add(
                                        new Violation(
                                                ruleId,
                                                "pulumi:pulumi:Stack",
                                                plan.stack(),
                                                "output " + path + " is a credential in plain text",
                                                "export it as a secret Output"));
                            }
                            return found;
                        }),
                simple(
                        "pulumi-explicit-provider",
                        "no resource uses a default provider",
                        resource ->
                                resource.custom()
                                                && !resource.type().startsWith("pulumi:")
                                                && (resource.provider() == null
                                                        || resource.provider()
                                                                .startsWith("default"))
                                        ? Optional.of(
                                                new String[] {
                                                    "uses the default provider (ambient credentials and region)",
                                                    "create an explicit provider with the shared factories and pass it"
                                                })
                                        : Optional.empty()));
    }

    /** The property names a resource class exports, from its generated {@code @Export} fields. */
    static Optional<List<String>> properties(String type) {
        var parts = type.split(":");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String packageName;
        if (parts[0].equals("kubernetes")) {
            // kubernetes:<group>/<version>:<Kind>: the Java package uses the group's first label.
            var groupVersion = parts[1].split("/");
            packageName =
                    "com.pulumi.kubernetes."
                            + groupVersion[0].split("\\.")[0]
                            + "."
                            + groupVersion[1];
        } else {
            // <package>:<module>/<member>:<Type>: index is the package root.
            var module =
                    parts[1].contains("/")
                            ? parts[1].substring(0, parts[1].lastIndexOf('/'))
                            : parts[1];
            packageName = "com.pulumi." + parts[0] + (module.equals("index") ? "" : "." + module);
        }
        try {
            var type0 = Class.forName(packageName + "." + parts[2]);
            return Optional.of(
                    Arrays.stream(type0.getDeclaredFields())
                            .filter(f -> f.isAnnotationPresent(Export.class))
                            .map(f -> f.getAnnotation(Export.class).name())
                            .sorted()
                            .toList());
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static void plaintext(String path, Object value, List<String> found) {
        if (value instanceof PlanValues.Secret) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey("secretRef") || map.containsKey("secretKeyRef")) {
                // A reference to a Secret (name and key), not the credential itself.
                return;
            }
            map.forEach(
                    (k, v) -> {
                        var key = String.valueOf(k);
                        var here = path.isEmpty() ? key : path + "." + key;
                        if (SECRET_NAME.matcher(key).matches()
                                && v instanceof String s
                                && !s.isEmpty()
                                && !SECRET_NAME_ANNOTATIONS.contains(key)) {
                            found.add(here);
                        } else {
                            plaintext(here, v, found);
                        }
                    });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                plaintext(path + "." + i, list.get(i), found);
            }
        }
    }

    private static Rule simple(
            String id, String description, Function<PlannedResource, Optional<String[]>> problem) {
        return Rule.of(
                id,
                description,
                (ruleId, plan) -> {
                    var found = new ArrayList<Violation>();
                    for (var resource : plan.resources()) {
                        problem.apply(resource)
                                .ifPresent(
                                        p ->
                                                found.add(
                                                        Resources.violation(
                                                                id, resource, p[0], p[1])));
                    }
                    return found;
                });
    }
}
