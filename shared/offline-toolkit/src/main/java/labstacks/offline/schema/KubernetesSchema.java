package labstacks.offline.schema;

import io.kubernetes.client.openapi.JSON;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import labstacks.offline.plan.Plan;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.plan.PlannedResource;

/**
 * Validates what a program sends for a Kubernetes object against the official API schema, through the
 * generated models of {@code io.kubernetes:client-java-api}: their Gson rejects unknown fields, missing
 * required fields and wrong JSON types. (It does not check DNS names, quantities or enum values.)
 */
public final class KubernetesSchema {

    private KubernetesSchema() {}

    /**
     * The object as the API server would receive it: {@code apiVersion} and {@code kind} from the type
     * token ({@code kubernetes:apps/v1:Deployment} is {@code apps/v1} {@code Deployment}), secrets revealed.
     */
    public static Map<String, Object> manifest(PlannedResource resource) {
        var parts = resource.type().split(":");
        if (parts.length != 3 || !parts[0].equals("kubernetes")) {
            throw new IllegalArgumentException(
                    resource.type() + " is not a Kubernetes object type");
        }
        var groupVersion =
                parts[1].startsWith("core/") ? parts[1].substring("core/".length()) : parts[1];
        var manifest = new LinkedHashMap<String, Object>();
        manifest.put("apiVersion", groupVersion);
        manifest.put("kind", parts[2]);
        @SuppressWarnings("unchecked")
        var inputs = (Map<String, Object>) PlanValues.reveal(resource.inputs());
        inputs.forEach(
                (key, value) -> {
                    if (!key.equals("apiVersion") && !key.equals("kind")) {
                        manifest.put(key, value);
                    }
                });
        return manifest;
    }

    /** Parses the object into its official model class; throws naming the object and the schema error. */
    public static Object validate(PlannedResource resource) {
        var kind = resource.type().substring(resource.type().lastIndexOf(':') + 1);
        var version = resource.type().split(":")[1];
        version = version.substring(version.indexOf('/') + 1);
        var className =
                "io.kubernetes.client.openapi.models."
                        + Character.toUpperCase(version.charAt(0))
                        + version.substring(1)
                        + kind;
        Class<?> model;
        try {
            model = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no official model " + className + " for " + resource.type());
        }
        var gson = new JSON().getGson();
        try {
            return gson.fromJson(gson.toJsonTree(manifest(resource)), model);
        } catch (RuntimeException e) {
            throw new AssertionError(
                    resource.type()
                            + " "
                            + resource.name()
                            + " does not match the Kubernetes schema: "
                            + e.getMessage(),
                    e);
        }
    }

    /** Validates every Kubernetes object of a run; returns how many there were. */
    public static int validateAll(Plan run) {
        var failures = new ArrayList<String>();
        var count = 0;
        for (var resource : run.resources()) {
            // Helm releases are Pulumi's own resource, not an API object; the charts render their
            // objects.
            if (resource.custom()
                    && resource.type().startsWith("kubernetes:")
                    && !resource.type().startsWith("kubernetes:helm.sh/")) {
                count++;
                try {
                    validate(resource);
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
        return count;
    }
}
