package labstacks.shared.providers;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.resources.CustomResourceOptions;

/**
 * Explicit AWS providers. Programs never rely on the default provider, whose region and credentials
 * come from whatever the machine running {@code pulumi up} happens to have.
 */
public final class AwsProviders {

    private AwsProviders() {
    }

    public static Provider create(String name, AwsAccess access) {
        return create(name, access, CustomResourceOptions.Empty);
    }

    public static Provider create(String name, AwsAccess access, CustomResourceOptions options) {
        var args = ProviderArgs.builder().region(access.region());
        access.profile().ifPresent(args::profile);
        if (!access.allowedAccountIds().isEmpty()) {
            args.allowedAccountIds(access.allowedAccountIds());
        }
        if (!access.defaultTags().isEmpty()) {
            args.defaultTags(ProviderDefaultTagsArgs.builder().tags(access.defaultTags()).build());
        }
        return new Provider(name, args.build(), options);
    }
}
