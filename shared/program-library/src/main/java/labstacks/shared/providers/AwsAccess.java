package labstacks.shared.providers;

/**
 * How a program reaches one AWS account and region. Credentials always come from the provider's own chain
 * (environment, profile, web identity, instance or task role), never from provider inputs, which the state
 * would keep; the stack transformation tags resources, so the provider carries no default tags.
 *
 * @param region the region, for example {@code eu-west-1}
 */
public record AwsAccess(String region) {

    public AwsAccess {
        if (region == null || !region.matches("[a-z]{2}(-gov)?-[a-z]+-\\d")) {
            throw new IllegalArgumentException("not an AWS region: " + region);
        }
    }

    /** The default credentials chain (environment, profile, instance role) in {@code region}. */
    public static AwsAccess defaultChain(String region) {
        return new AwsAccess(region);
    }
}
