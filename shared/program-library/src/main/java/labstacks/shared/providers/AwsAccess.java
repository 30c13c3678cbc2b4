package labstacks.shared.providers;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a program reaches one AWS account and region.
 *
 * @param region            the region, for example {@code eu-west-1}
 * @param profile           a named profile of the shared AWS config; empty for the default chain
 * @param allowedAccountIds accounts the provider may act in; any other fails before changing anything
 * @param defaultTags       provider-level default tags; empty, since the stack transformation tags resources
 */
public record AwsAccess(
        String region,
        Optional<String> profile,
        List<String> allowedAccountIds,
        Map<String, String> defaultTags) {

    public AwsAccess {
        if (region == null || !region.matches("[a-z]{2}(-gov)?-[a-z]+-\\d")) {
            throw new IllegalArgumentException("not an AWS region: " + region);
        }
        allowedAccountIds = List.copyOf(allowedAccountIds);
        defaultTags = Map.copyOf(defaultTags);
    }

    /** The default credentials chain (environment, profile, instance role) in {@code region}. */
    public static AwsAccess defaultChain(String region) {
        return new AwsAccess(region, Optional.empty(), List.of(), Map.of());
    }

    public AwsAccess withAllowedAccountIds(List<String> accounts) {
        return new AwsAccess(region, profile, accounts, defaultTags);
    }
}
