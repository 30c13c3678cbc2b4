package labstacks.offline.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import labstacks.shared.program.Urns;
import pulumirpc.Resource.RegisterResourceRequest;

/** The aliases a program sent with a registration, resolved to URNs. */
final class RegistrationAliases {

    private RegistrationAliases() {}

    /**
     * The aliases of a registration as URNs in engine form. pulumi-java 1.36.1 sends every alias in
     * {@code RegisterResourceRequest.aliases} ({@code AliasSerializer}): an explicit URN as is, anything
     * else as a spec whose empty fields mean "as the resource itself" and whose parent is the resource's
     * parent unless the spec names one or says there is none. The engine resolves specs the same way.
     */
    static List<String> of(String ownUrn, RegisterResourceRequest request) {
        var own = Urns.parse(Urns.engineForm(ownUrn));
        var result = new LinkedHashSet<String>();
        for (var alias : request.getAliasesList()) {
            if (!alias.getUrn().isEmpty()) {
                result.add(Urns.engineForm(alias.getUrn()));
                continue;
            }
            if (!alias.hasSpec()) {
                continue;
            }
            var spec = alias.getSpec();
            var name = spec.getName().isEmpty() ? request.getName() : spec.getName();
            var type = spec.getType().isEmpty() ? request.getType() : spec.getType();
            var stack = spec.getStack().isEmpty() ? own.stack() : spec.getStack();
            var project = spec.getProject().isEmpty() ? own.project() : spec.getProject();
            String parent;
            if (spec.getNoParent()) {
                parent = null;
            } else if (!spec.getParentUrn().isEmpty()) {
                parent = spec.getParentUrn();
            } else {
                parent = request.getParent().isEmpty() ? null : request.getParent();
            }
            result.add(Urns.create(stack, project, parent, type, name));
        }
        result.remove(own.urn());
        return new ArrayList<>(result);
    }
}
