package labstacks.moderate;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.kubernetes.client.openapi.models.V1Container;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import labstacks.constructs.kubernetes.ObjectMetadata;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.schema.KubernetesSchema;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.program.StackContext;
import labstacks.shared.providers.KubernetesAccess;
import labstacks.shared.providers.KubernetesProviders;

/** One moderate component run on its own under the offline runtime, with an explicit Kubernetes provider. */
final class ComponentRuns {
    /** A namespace other than the stacks' own, so a component that ignored its Args would show. */
    static final String NAMESPACE = "platform-test";

    private ComponentRuns() {}

    /** Runs {@code body} with options carrying the explicit provider; fails when the run does not succeed. */
    static StackRun run(String name, BiConsumer<StackContext, CustomResourceOptions> body) {
        return ProgramHarness.component(
                        name,
                        stack -> {
                            var provider =
                                    KubernetesProviders.create(
                                            "k8s",
                                            new KubernetesAccess(
                                                    Optional.empty(), Optional.empty(), NAMESPACE));
                            body.accept(
                                    stack,
                                    CustomResourceOptions.builder().provider(provider).build());
                        })
                .run()
                .assertSucceeded();
    }

    /** Runs {@code body} the same way; for components that need no stack context. */
    static StackRun run(String name, Consumer<CustomResourceOptions> body) {
        return run(name, (stack, k8s) -> body.accept(k8s));
    }

    /**
     * A stand-in object whose name the component under test gets as an output, so the test sees whether the
     * component's object waits for it.
     */
    static Output<String> named(String name, CustomResourceOptions k8s) {
        var object =
                new ConfigMap(
                        name,
                        ConfigMapArgs.builder().metadata(Labels.metadata(name, NAMESPACE)).build(),
                        k8s);
        return ObjectMetadata.nameOf(object.metadata());
    }

    /** The object validated against the official Kubernetes model of its kind. */
    static <T> T model(StackRun run, String type, String name, Class<T> model) {
        return model.cast(KubernetesSchema.validate(run.resource(type, name)));
    }

    /** Whether an input is stored as a secret in the plan (and the state). */
    static boolean secret(Object input) {
        return input instanceof PlanValues.Secret;
    }

    static Map<String, String> env(V1Container container) {
        var env = new LinkedHashMap<String, String>();
        for (var variable : container.getEnv()) {
            env.put(
                    variable.getName(),
                    variable.getValue() != null
                            ? variable.getValue()
                            : variable.getValueFrom().getSecretKeyRef().getName()
                                    + "/"
                                    + variable.getValueFrom().getSecretKeyRef().getKey());
        }
        return env;
    }
}
