package labstacks.shared.program;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

/** The options of a component's child: the caller's options, with the component as parent. */
public final class ChildOptions {

    private ChildOptions() {
    }

    public static CustomResourceOptions of(Resource parent, CustomResourceOptions base) {
        return CustomResourceOptions.merge(base, CustomResourceOptions.builder().parent(parent).build());
    }
}
