package labstacks.pipeweave;

/**
 * What {@link PipeweaveProgram#define} gets: the stack's settings and the name
 * {@link PipeweaveProgram#prepare} derived from the environment and the stack name, which names the
 * access role and, unless {@code pipeweave:bucketName} is set, the bucket.
 *
 * @param settings          the stack's settings, as the stack file says them
 * @param defaultBucketName {@code pipeweave-datasets-<environment>[-<stack suffix>]}
 */
public record PipeweaveInputs(PipeweaveSettings settings, String defaultBucketName) {

    /** The bucket's name: pipeweave:bucketName, or the derived default. */
    public String bucketName() {
        return settings.bucketName().orElse(defaultBucketName);
    }
}
