package labstacks.constructs.kubernetes;

import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;

/** Service accounts for workloads, so none runs under the namespace's shared default account. */
public final class ServiceAccounts {

    private ServiceAccounts() {}

    /** An account without an API token, for a workload that never calls the Kubernetes API. */
    public static ServiceAccount withoutToken(
            String name, ObjectMetaArgs metadata, CustomResourceOptions options) {
        return new ServiceAccount(
                name,
                ServiceAccountArgs.builder()
                        .metadata(metadata)
                        .automountServiceAccountToken(false)
                        .build(),
                options);
    }
}
