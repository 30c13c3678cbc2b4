package labstacks.megatests;

import com.pulumi.core.Alias;
import com.pulumi.deployment.Deployment;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import labstacks.shared.program.Urns;

/**
 * Where nf-core's Python program (nf-core/ops {@code pulumi/AWSMegatests} on main, stack
 * {@code nf-core/AWSMegatests/prod}) kept each resource: every one at the stack root, under the logical
 * names listed in the components. After {@code pulumi stack rename nf-core/labstacks/megatests-prod}
 * the state holds them under this project and stack; an alias with the old name and no parent maps
 * each new URN onto its old state entry, so nothing is created, replaced or deleted.
 */
final class FormerNames {

    private FormerNames() {}

    /**
     * The options every child of a megatests component starts from: its parent, its explicit provider and,
     * when the Python program made it, an alias to the name it had there. Callers add what the resource
     * needs besides (protect, import, timeouts) and build.
     *
     * @param formerName the logical name the resource had at the stack root of the Python program's stack;
     *                   null for a resource that program never made (no alias)
     */
    static CustomResourceOptions.Builder child(
            Resource parent, ProviderResource provider, String type, String formerName) {
        var options = CustomResourceOptions.builder().parent(parent).provider(provider);
        return formerName == null ? options : options.aliases(atStackRoot(type, formerName));
    }

    /**
     * The resource was {@code oldName} of the same type at the stack root (project and stack: this one's,
     * after the rename). An explicit URN, so what the engine receives is exactly what the plan shows, and
     * because a spec cannot say it here: in pulumi-java 1.36.1 {@code Alias.builder().name(n).noParent().build()}
     * returns {@code Alias.noParent()} and drops the name ({@code com.pulumi.core.Alias$Builder.build}).
     */
    private static Alias atStackRoot(String type, String oldName) {
        var deployment = Deployment.getInstance();
        return Alias.withUrn(
                Urns.create(
                        deployment.getStackName(),
                        deployment.getProjectName(),
                        null,
                        type,
                        oldName));
    }
}
