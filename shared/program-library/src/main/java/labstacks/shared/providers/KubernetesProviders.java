package labstacks.shared.providers;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.CustomResourceOptions;

/** Explicit Kubernetes providers, so a stack never deploys to whatever cluster kubectl points at. */
public final class KubernetesProviders {

    private KubernetesProviders() {}

    public static Provider create(String name, KubernetesAccess access) {
        return create(name, access, CustomResourceOptions.Empty);
    }

    public static Provider create(
            String name, KubernetesAccess access, CustomResourceOptions options) {
        var args = ProviderArgs.builder().namespace(access.namespace());
        // A kubeconfig carries cluster credentials: keep it out of state in plain text.
        access.kubeconfig().ifPresent(config -> args.kubeconfig(Output.ofSecret(config)));
        access.context().ifPresent(args::context);
        return new Provider(name, args.build(), options);
    }
}
