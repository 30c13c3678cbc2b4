package labstacks.megatests;

import com.pulumi.core.Alias;
import com.pulumi.deployment.Deployment;
import labstacks.shared.program.Urns;

/**
 * Where nf-core's Python program (nf-core/ops {@code pulumi/AWSMegatests} on main, stack
 * {@code nf-core/AWSMegatests/prod}) kept each resource: every one at the stack root, under the logical
 * names listed in the components. After {@code pulumi stack rename nf-core/labstacks/megatests-prod}
 * the state holds them under this project and stack; an alias with the old name and no parent maps
 * each new URN onto its old state entry, so nothing is created, replaced or deleted.
 */
final class FormerNames {

    private FormerNames() {
    }

    /**
     * The resource was {@code oldName} of the same type at the stack root (project and stack: this one's,
     * after the rename). An explicit URN, so what the engine receives is exactly what the plan shows, and
     * because a spec cannot say it here: in pulumi-java 1.36.1 {@code Alias.builder().name(n).noParent().build()}
     * returns {@code Alias.noParent()} and drops the name ({@code com.pulumi.core.Alias$Builder.build}).
     */
    static Alias atStackRoot(String type, String oldName) {
        var deployment = Deployment.getInstance();
        return Alias.withUrn(Urns.create(deployment.getStackName(), deployment.getProjectName(), null, type, oldName));
    }
}
