package labstacks.offline.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offline plan of one stack: the resource tree a {@code pulumi preview} would show, the stack
 * outputs and the packages, plus what went wrong.
 *
 * @param project   the Pulumi project
 * @param stack     the stack
 * @param program   the program the stack runs
 * @param resources resources in tree order (parents before children, siblings by type then name)
 * @param outputs   the stack outputs, secrets wrapped as {@link PlanValues.Secret}
 * @param packages  provider packages by name
 * @param warnings  warnings for the user (missing credentials and the program's own)
 * @param errors    what the program threw or logged as errors; a plan with errors is not usable
 */
public record Plan(
        String project,
        String stack,
        String program,
        List<PlannedResource> resources,
        Map<String, Object> outputs,
        List<PlannedPackage> packages,
        List<String> warnings,
        List<String> errors) {

    public Plan {
        resources = List.copyOf(resources);
        packages = List.copyOf(packages);
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }

    public boolean succeeded() {
        return errors.isEmpty();
    }

    /** The resource of that type and logical name. */
    public Optional<PlannedResource> find(String type, String name) {
        return resources.stream()
                .filter(r -> r.type().equals(type) && r.name().equals(name))
                .findFirst();
    }

    /**
     * Where the stack deploys, one line per explicit provider that names a place: its Kubernetes context (or that it
     * names none, so the machine's current context decides) and its AWS region. A reviewer reads here which cluster
     * a deployment would touch.
     */
    public List<String> targets() {
        var targets = new ArrayList<String>();
        for (var provider : resources) {
            if (provider.type().equals("pulumi:providers:kubernetes")) {
                var context = provider.input("context");
                var kubeconfig =
                        provider.input("kubeconfig") != null
                                ? ", from the kubeconfig the stack gives"
                                : "";
                targets.add(
                        context instanceof String name && !name.isBlank()
                                ? "kubernetes context "
                                        + name
                                        + kubeconfig
                                        + " (provider "
                                        + provider.name()
                                        + ")"
                                : "kubernetes: no context, so whatever context is current where it runs"
                                        + kubeconfig
                                        + " (provider "
                                        + provider.name()
                                        + ")");
            } else if (provider.type().equals("pulumi:providers:aws")
                    && provider.input("region") instanceof String region) {
                targets.add("aws region " + region + " (provider " + provider.name() + ")");
            }
        }
        return targets;
    }

    /** All resources of a type. */
    public List<PlannedResource> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }
}
