package labstacks.constructs.kubernetes;

import com.pulumi.core.Alias;
import com.pulumi.deployment.Deployment;
import com.pulumi.resources.CustomResourceOptions;
import labstacks.shared.config.StackSettings;
import labstacks.shared.program.StackContext;
import labstacks.shared.program.Urns;

/**
 * What {@code pulumi destroy}, a replacement or a removal from the program may do to the objects that hold a
 * stack's data: the Namespace (deleting it deletes every claim in it, and dynamic volumes default to reclaim
 * policy Delete), the StatefulSets with volume claim templates and standalone PersistentVolumeClaims.
 *
 * <p>Every stack but a {@code local} one keeps them: {@code protect} makes the engine refuse to delete or
 * replace them (a destroy, or a change the provider can only make by replacing, stops with an error instead),
 * {@code retainOnDelete} leaves them in the cluster when they do leave the program or the state. A local stack
 * (minikube) is disposable: {@code pulumi destroy} there cleans up everything, as a developer expects.
 */
public enum DataRetention {
    /** Protected and retained: a non-local stack. */
    KEEP,
    /** Neither: a local stack, whose data is a developer's test data. */
    DISPOSABLE;

    /** The retention of the stack's environment ({@code labstacks:environment}, which its name must agree with). */
    public static DataRetention of(StackContext stack) {
        var environment = stack.config().get("labstacks:environment").orElse("");
        return StackSettings.LOCAL_ENVIRONMENT.equals(environment) ? DISPOSABLE : KEEP;
    }

    /** Whether the data objects are protected and retained. */
    public boolean keeps() {
        return this == KEEP;
    }

    /** {@code options} with protect and retainOnDelete for a stack that keeps its data; unchanged otherwise. */
    public CustomResourceOptions apply(CustomResourceOptions options) {
        if (!keeps()) {
            return options;
        }
        return CustomResourceOptions.merge(
                options,
                CustomResourceOptions.builder().protect(true).retainOnDelete(true).build());
    }

    /**
     * The options of a stack's Namespace, registered under the fixed logical name {@code logicalName} whatever
     * namespace the settings name: a setting's value as the logical name would turn a changed setting into a new
     * resource and a delete of the old Namespace with every volume in it. Where the namespace differs from the
     * logical name (a stack made before the name was fixed registered it under the namespace), an alias maps the
     * state entry of that name onto this resource, so its URN still matches.
     */
    public CustomResourceOptions namespaceOptions(
            CustomResourceOptions options, String logicalName, String namespace) {
        var kept = apply(options);
        if (logicalName.equals(namespace)) {
            return kept;
        }
        var deployment = Deployment.getInstance();
        var former =
                Alias.withUrn(
                        Urns.create(
                                deployment.getStackName(),
                                deployment.getProjectName(),
                                null,
                                NAMESPACE_TYPE,
                                namespace));
        return CustomResourceOptions.merge(
                kept, CustomResourceOptions.builder().aliases(former).build());
    }

    /** The type token of a Namespace. */
    public static final String NAMESPACE_TYPE = "kubernetes:core/v1:Namespace";
}
