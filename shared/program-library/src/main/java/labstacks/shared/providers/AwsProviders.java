package labstacks.shared.providers;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.resources.CustomResourceOptions;

/**
 * Explicit AWS providers. Programs never rely on the default provider, whose region and credentials
 * come from whatever the machine running {@code pulumi up} happens to have.
 */
public final class AwsProviders {

    private AwsProviders() {}

    public static Provider create(String name, AwsAccess access) {
        return create(name, access, CustomResourceOptions.Empty);
    }

    public static Provider create(String name, AwsAccess access, CustomResourceOptions options) {
        return new Provider(name, ProviderArgs.builder().region(access.region()).build(), options);
    }
}
