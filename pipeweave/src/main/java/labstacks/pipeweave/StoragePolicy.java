package labstacks.pipeweave;

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
 */
public record StoragePolicy(
        DatasetEnvironment environment,
        Optional<Integer> glacierTransitionDays,
        boolean deleteAllowed,
        boolean encryptedUploadsRequired,
        boolean protect,
        boolean retainOnDelete,
        boolean forceDestroy) {

    /** The environment's own defaults. */
    public static StoragePolicy defaultsFor(DatasetEnvironment environment) {
        return new StoragePolicy(environment, environment.defaultGlacierDays(), environment.deleteAllowed(),
                environment.encryptedUploadsRequired(), environment.protectionRequired(),
                environment.retainRequired(), !environment.protectionRequired());
    }
}
