package labstacks.offline.plan;

import java.util.List;
import java.util.Map;
import labstacks.shared.program.Urns;

/**
 * One resource as the engine would receive it: what it is, where it sits, its inputs and its options.
 *
 * @param urn                     the resource's URN
 * @param type                    the type token, for example {@code aws:s3/bucketV2:BucketV2}
 * @param name                    the logical name
 * @param custom                  a provider-managed resource, not a component
 * @param parentUrn               the parent's URN; null for the stack
 * @param parent                  the parent's logical name; null for the stack
 * @param providerUrn             the explicit provider's URN; null for components and default providers
 * @param provider                the explicit provider's logical name
 * @param id                      the id the offline run assigned (the import id when importing)
 * @param inputs                  the inputs, with secrets as {@link PlanValues.Secret}
 * @param outputs                 the outputs registered by a component; empty otherwise
 * @param protect                 protect
 * @param importId                the import id; null when created
 * @param ignoreChanges           ignoreChanges
 * @param dependsOn               logical names of the resources this one depends on (explicit and through inputs)
 * @param deleteBeforeReplace     deleteBeforeReplace
 * @param retainOnDelete          retainOnDelete
 * @param additionalSecretOutputs additionalSecretOutputs
 * @param replaceOnChanges        replaceOnChanges
 * @param customTimeouts          create/update/delete timeouts that are set
 * @param version                 the provider package version the resource asks for
 * @param packageRef              the parameterized package reference, empty when none
 * @param aliases                 the URNs the resource answers to besides its own (engine form, see {@link Urns})
 * @param dependencies            the URNs of the resources this one depends on (engine form, sorted): what
 *                                {@code dependsOn} names, as the plan JSON writes it
 */
public record PlannedResource(
        String urn,
        String type,
        String name,
        boolean custom,
        String parentUrn,
        String parent,
        String providerUrn,
        String provider,
        String id,
        Map<String, Object> inputs,
        Map<String, Object> outputs,
        boolean protect,
        String importId,
        List<String> ignoreChanges,
        List<String> dependsOn,
        boolean deleteBeforeReplace,
        boolean retainOnDelete,
        List<String> additionalSecretOutputs,
        List<String> replaceOnChanges,
        Map<String, String> customTimeouts,
        String version,
        String packageRef,
        List<String> aliases,
        List<String> dependencies) {

    public PlannedResource {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    /** A resource whose dependencies are known by name only (tests that build resources by hand). */
    public PlannedResource(
            String urn,
            String type,
            String name,
            boolean custom,
            String parentUrn,
            String parent,
            String providerUrn,
            String provider,
            String id,
            Map<String, Object> inputs,
            Map<String, Object> outputs,
            boolean protect,
            String importId,
            List<String> ignoreChanges,
            List<String> dependsOn,
            boolean deleteBeforeReplace,
            boolean retainOnDelete,
            List<String> additionalSecretOutputs,
            List<String> replaceOnChanges,
            Map<String, String> customTimeouts,
            String version,
            String packageRef,
            List<String> aliases) {
        this(
                urn,
                type,
                name,
                custom,
                parentUrn,
                parent,
                providerUrn,
                provider,
                id,
                inputs,
                outputs,
                protect,
                importId,
                ignoreChanges,
                dependsOn,
                deleteBeforeReplace,
                retainOnDelete,
                additionalSecretOutputs,
                replaceOnChanges,
                customTimeouts,
                version,
                packageRef,
                aliases,
                List.of());
    }

    /** A resource without aliases (the form before aliases were planned). */
    public PlannedResource(
            String urn,
            String type,
            String name,
            boolean custom,
            String parentUrn,
            String parent,
            String providerUrn,
            String provider,
            String id,
            Map<String, Object> inputs,
            Map<String, Object> outputs,
            boolean protect,
            String importId,
            List<String> ignoreChanges,
            List<String> dependsOn,
            boolean deleteBeforeReplace,
            boolean retainOnDelete,
            List<String> additionalSecretOutputs,
            List<String> replaceOnChanges,
            Map<String, String> customTimeouts,
            String version,
            String packageRef) {
        this(
                urn,
                type,
                name,
                custom,
                parentUrn,
                parent,
                providerUrn,
                provider,
                id,
                inputs,
                outputs,
                protect,
                importId,
                ignoreChanges,
                dependsOn,
                deleteBeforeReplace,
                retainOnDelete,
                additionalSecretOutputs,
                replaceOnChanges,
                customTimeouts,
                version,
                packageRef,
                List.of(),
                List.of());
    }

    /**
     * What a {@code pulumi up} would do with it: {@code import} or {@code create}; {@code provider} for a
     * provider (configuration held by the engine, nothing in the cloud) and {@code stack} for the stack.
     */
    public String operation() {
        if (importId != null) {
            return "import";
        }
        if (type.startsWith("pulumi:providers:")) {
            return "provider";
        }
        return type.equals("pulumi:pulumi:Stack") ? "stack" : "create";
    }

    /** An input by dotted path ({@code versioningConfiguration.status}, {@code rules.0.id}); secrets stay wrapped. */
    public Object input(String path) {
        Object current = inputs;
        for (var part : path.split("\\.")) {
            if (current instanceof PlanValues.Secret secret) {
                current = secret.value();
            }
            if (current instanceof Map<?, ?> map) {
                current = map.get(part);
            } else if (current instanceof List<?> list
                    && part.matches("\\d+")
                    && Integer.parseInt(part) < list.size()) {
                current = list.get(Integer.parseInt(part));
            } else {
                return null;
            }
        }
        return current;
    }
}
