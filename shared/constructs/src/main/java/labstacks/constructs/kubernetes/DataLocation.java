package labstacks.constructs.kubernetes;

import java.util.Optional;
import labstacks.shared.config.StackConfig;
import labstacks.shared.config.StackSettings;
import labstacks.shared.program.Preflight;

/**
 * Where a Kubernetes stack's volumes are: their namespace and storage class. Both are physical names of the data:
 * a new namespace means a new Namespace object and the removal of the old one with every claim in it, a new
 * storage class means new claims (storageClassName cannot change on a claim, so the provider replaces it). The
 * offline plan cannot see the deployed state, so a stack that keeps its data (every one but local) holds them at
 * the values its volumes were created with, the program's defaults, and refuses another value unless the
 * override setting says the move is deliberate: a new stack, or data moved by hand (the module README).
 * Protection stays on regardless: even with the override the engine refuses to replace or delete the protected
 * Namespace and claims, so an existing stack's data cannot go by this route.
 *
 * @param namespaceKey     the namespace setting, for example {@code moderate:namespace}
 * @param defaultNamespace the namespace the stacks' volumes were created in
 * @param namespace        the namespace the settings name
 * @param storageClassKey  the storage class setting
 * @param storageClass     the storage class the settings name; empty for the cluster's default
 * @param overrideKey      the boolean setting that allows other values
 * @param override         its value
 * @param volumes          what the volumes hold, for the message, for example {@code PostgreSQL 50Gi}
 */
public record DataLocation(
        String namespaceKey,
        String defaultNamespace,
        String namespace,
        String storageClassKey,
        Optional<String> storageClass,
        String overrideKey,
        boolean override,
        String volumes) {

    /** Reports a namespace or storage class that moves a data-keeping stack's volumes, unless overridden. */
    public void check(StackConfig config, Preflight report) {
        var environment = config.get("labstacks:environment").orElse("");
        if (override || StackSettings.LOCAL_ENVIRONMENT.equals(environment)) {
            return;
        }
        var fix =
                "to create a new stack there, or after moving the data yourself (see the module README, \"Moving the"
                        + " data\"), add "
                        + overrideKey
                        + ": true to "
                        + config.stackFile();
        if (!namespace.equals(defaultNamespace)) {
            report.problem(
                    namespaceKey,
                    "is "
                            + namespace
                            + ", but this "
                            + environment
                            + " stack keeps its data ("
                            + volumes
                            + ") in the namespace "
                            + defaultNamespace
                            + ": another namespace would replace the"
                            + " Namespace, and deleting the old one deletes every volume in it",
                    "remove " + namespaceKey + " or set it to " + defaultNamespace + "; " + fix);
        }
        storageClass.ifPresent(
                name ->
                        report.problem(
                                storageClassKey,
                                "is "
                                        + name
                                        + ", but this "
                                        + environment
                                        + " stack's volumes ("
                                        + volumes
                                        + ") were created with the cluster's default storage class:"
                                        + " a claim's class cannot change, so the provider would replace the claims and their data",
                                "remove " + storageClassKey + "; " + fix));
    }
}
