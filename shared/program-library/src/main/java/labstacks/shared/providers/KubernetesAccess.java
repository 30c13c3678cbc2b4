package labstacks.shared.providers;

import java.util.Optional;

/**
 * How a program reaches one Kubernetes cluster.
 *
 * @param kubeconfig a kubeconfig file's path or contents; empty for {@code $KUBECONFIG} / {@code ~/.kube/config}
 * @param context    the kubeconfig context, for example {@code minikube}; empty for the current one
 * @param namespace  the namespace objects without one go to
 */
public record KubernetesAccess(
        Optional<String> kubeconfig, Optional<String> context, String namespace) {
    public KubernetesAccess {
        // The provider reads an empty context as "the current one": a stack must name its cluster
        // or leave it out.
        if (context.isPresent() && context.get().isBlank()) {
            throw new IllegalArgumentException(
                    "a blank Kubernetes context would deploy to whatever context is current");
        }
        if (namespace == null || !namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new IllegalArgumentException("not a Kubernetes namespace name: " + namespace);
        }
    }
}
