package labstacks.pipeweave.storage;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How the backend reaches its dataset bucket.
 *
 * @param bucket        the bucket, the pipeweave stack's {@code bucket_name} output
 * @param deleteAllowed whether this environment may delete datasets (false in production)
 * @param region        the bucket's region; empty for the SDK's default region chain
 * @param endpoint      an S3-compatible endpoint instead of AWS (path-style addressing); empty for AWS
 * @param credentials   explicit credentials; empty for the default chain (env, profile, instance or task role)
 */
public record StorageSettings(
        String bucket,
        boolean deleteAllowed,
        Optional<String> region,
        Optional<URI> endpoint,
        Optional<AwsCredentialsProvider> credentials) {

    private static final Pattern BUCKET =
            Pattern.compile("(?!xn--)(?!.*\\.\\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public StorageSettings {
        Objects.requireNonNull(bucket, "bucket");
        if (!BUCKET.matcher(bucket).matches() || bucket.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException(
                    "'"
                            + bucket
                            + "' is not a valid S3 bucket name (3-63 lower-case"
                            + " letters, digits, '.' and '-'); use the pipeweave stack's bucket_name output");
        }
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** AWS with the default region and credentials chains, as the backend runs on EC2, ECS or Lambda. */
    public static StorageSettings onAws(String bucket, boolean deleteAllowed) {
        return new StorageSettings(
                bucket, deleteAllowed, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
