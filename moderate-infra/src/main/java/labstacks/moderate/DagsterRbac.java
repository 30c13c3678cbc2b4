package labstacks.moderate;

import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.rbac.v1.Role;
import com.pulumi.kubernetes.rbac.v1.RoleArgs;
import com.pulumi.kubernetes.rbac.v1.RoleBinding;
import com.pulumi.kubernetes.rbac.v1.RoleBindingArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.PolicyRuleArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.RoleRefArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.SubjectArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.shared.program.ChildOptions;

/**
 * The identity Dagster's code location, run launcher, runs and the matrix-profile jobs they start all use:
 * one ServiceAccount whose Role allows launching and watching Jobs in this namespace and nothing else.
 */
public final class DagsterRbac extends ComponentResource {
    public static final String TYPE = "labstacks:moderate:DagsterRbac";
    static final String SERVICE_ACCOUNT = "dagster";
    static final String ROLE = "dagster-run-launcher";

    /** apiGroup, resource, verbs: launching Jobs, watching them and their pods, reading logs of failed ones. */
    static final List<Rule> RULES =
            List.of(
                    new Rule("batch", "jobs", List.of("create", "delete", "get", "list", "watch")),
                    new Rule("batch", "jobs/status", List.of("get")),
                    new Rule("", "pods", List.of("get", "list", "watch")),
                    new Rule("", "pods/log", List.of("get")),
                    // dagster-k8s reports a failed run's pod warning events; the chart's own Role
                    // grants them too.
                    new Rule("", "events", List.of("get", "list", "watch")));

    /** One RBAC rule. */
    record Rule(String apiGroup, String resource, List<String> verbs) {}

    private final ServiceAccount serviceAccount;

    /**
     * Inputs of {@link DagsterRbac}.
     *
     * @param namespace the namespace Dagster launches its runs in, the only one the Role covers
     * @param kubernetes The options of every Kubernetes object the component makes: the explicit provider and what they start after. The component adds itself as their parent (ChildOptions).
     */
    public record Args(String namespace, CustomResourceOptions kubernetes) {
        public Args {
            Objects.requireNonNull(kubernetes, "kubernetes");
            Objects.requireNonNull(namespace, "namespace");
        }
    }

    public DagsterRbac(String name, Args args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var namespace = args.namespace();
        var child = ChildOptions.of(this, args.kubernetes());
        this.serviceAccount =
                new ServiceAccount(
                        SERVICE_ACCOUNT,
                        ServiceAccountArgs.builder()
                                .metadata(Labels.metadata(SERVICE_ACCOUNT, namespace))
                                // Run pods call the API with it (the K8sRunLauncher and the
                                // matrix-profile jobs).
                                .automountServiceAccountToken(true)
                                .build(),
                        child);
        var role =
                new Role(
                        ROLE,
                        RoleArgs.builder()
                                .metadata(Labels.metadata(ROLE, namespace))
                                .rules(
                                        RULES.stream()
                                                .map(
                                                        rule ->
                                                                PolicyRuleArgs.builder()
                                                                        .apiGroups(rule.apiGroup())
                                                                        .resources(rule.resource())
                                                                        .verbs(rule.verbs())
                                                                        .build())
                                                .toList())
                                .build(),
                        child);
        new RoleBinding(
                ROLE,
                RoleBindingArgs.builder()
                        .metadata(Labels.metadata(ROLE, namespace))
                        // Both names through the objects' outputs: the binding waits for the Role
                        // and the account it binds.
                        .roleRef(
                                RoleRefArgs.builder()
                                        .apiGroup("rbac.authorization.k8s.io")
                                        .kind("Role")
                                        .name(ObjectMetadata.nameOf(role.metadata()))
                                        .build())
                        .subjects(
                                SubjectArgs.builder()
                                        .kind("ServiceAccount")
                                        .name(ObjectMetadata.nameOf(serviceAccount.metadata()))
                                        .namespace(namespace)
                                        .build())
                        .build(),
                child);
        registerOutputs(Map.of());
    }

    public ServiceAccount serviceAccount() {
        return serviceAccount;
    }
}
