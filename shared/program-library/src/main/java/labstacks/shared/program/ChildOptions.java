package labstacks.shared.program;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

/**
 * The options of a component's child resources: the options the component's Args carry (provider, what to
 * start after) with the component as parent, so the child's URN and its place in the state sit under it.
 */
public final class ChildOptions {

    private ChildOptions() {}

    /** {@code base} with {@code parent} as the parent of the resource these options register. */
    public static CustomResourceOptions of(Resource parent, CustomResourceOptions base) {
        return CustomResourceOptions.merge(
                base, CustomResourceOptions.builder().parent(parent).build());
    }
}
