package labstacks.shared.providers;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a program reaches one AWS account and region.
 *
 * @param region            the region, for example {@code eu-west-1}
 * @param profile           a named profile of the shared AWS config, instead of keys
 * @param accessKeyId       an explicit access key id (with {@code secretAccessKey}); empty for the default chain
 * @param secretAccessKey   the secret key, as a secret
 * @param sessionToken      a session token for temporary keys, as a secret
 * @param allowedAccountIds accounts the provider may act in; any other fails before changing anything
 * @param defaultTags       provider-level default tags; empty, since the stack transformation tags resources
 */
public record AwsAccess(
        String region,
        Optional<String> profile,
        Optional<String> accessKeyId,
        Optional<Output<String>> secretAccessKey,
        Optional<Output<String>> sessionToken,
        List<String> allowedAccountIds,
        Map<String, String> defaultTags) {

    public AwsAccess {
        if (region == null || !region.matches("[a-z]{2}(-gov)?-[a-z]+-\\d")) {
            throw new IllegalArgumentException("not an AWS region: " + region);
        }
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException("an access key id and its secret key go together");
        }
        allowedAccountIds = List.copyOf(allowedAccountIds);
        defaultTags = Map.copyOf(defaultTags);
    }

    /** The default credentials chain (environment, profile, instance role) in {@code region}. */
    public static AwsAccess defaultChain(String region) {
        return new AwsAccess(region, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), Map.of());
    }

    /** Explicit keys, for example from {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}. */
    public static AwsAccess withKeys(String region, String accessKeyId, Output<String> secretAccessKey) {
        return new AwsAccess(region, Optional.empty(), Optional.of(accessKeyId), Optional.of(secretAccessKey),
                Optional.empty(), List.of(), Map.of());
    }

    public AwsAccess withAllowedAccountIds(List<String> accounts) {
        return new AwsAccess(region, profile, accessKeyId, secretAccessKey, sessionToken, accounts, defaultTags);
    }
}
