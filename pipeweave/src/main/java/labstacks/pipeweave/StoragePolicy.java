package labstacks.pipeweave;

import java.util.Objects;
import java.util.Optional;

/**
 * What one stack's dataset storage does, resolved from its stack file within its environment's limits.
 *
 * @param environment              the environment
 * @param glacierTransitionDays    days until objects (and noncurrent versions) move to GLACIER; empty for never
 * @param deleteAllowed            whether the access role may delete objects
 * @param encryptedUploadsRequired whether uploads without {@code x-amz-server-side-encryption: AES256} are denied
 * @param protect                  whether the bucket is protected against {@code pulumi destroy}
 * @param retainOnDelete           whether removing the bucket from the program leaves it in AWS
 * @param forceDestroy             whether destroying the bucket also deletes its objects (development only)
 * @param breakGlassRoleArn        the one IAM role the production delete guard lets through; empty for none
 */
public record StoragePolicy(
        DatasetEnvironment environment,
        Optional<Integer> glacierTransitionDays,
        boolean deleteAllowed,
        boolean encryptedUploadsRequired,
        boolean protect,
        boolean retainOnDelete,
        boolean forceDestroy,
        Optional<String> breakGlassRoleArn) {

    public StoragePolicy {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(glacierTransitionDays, "glacierTransitionDays");
        Objects.requireNonNull(breakGlassRoleArn, "breakGlassRoleArn");
    }

    /** A policy without a break-glass role. */
    public StoragePolicy(
            DatasetEnvironment environment,
            Optional<Integer> glacierTransitionDays,
            boolean deleteAllowed,
            boolean encryptedUploadsRequired,
            boolean protect,
            boolean retainOnDelete,
            boolean forceDestroy) {
        this(
                environment,
                glacierTransitionDays,
                deleteAllowed,
                encryptedUploadsRequired,
                protect,
                retainOnDelete,
                forceDestroy,
                Optional.empty());
    }

    /** Whether the bucket policy guards against permanent deletion (production). */
    public boolean deletionGuarded() {
        return environment.deletionGuarded();
    }

    /** The environment's own defaults. */
    public static StoragePolicy defaultsFor(DatasetEnvironment environment) {
        return new StoragePolicy(
                environment,
                environment.defaultGlacierDays(),
                environment.deleteAllowed(),
                environment.encryptedUploadsRequired(),
                environment.protectionRequired(),
                environment.retainRequired(),
                !environment.protectionRequired());
    }
}
