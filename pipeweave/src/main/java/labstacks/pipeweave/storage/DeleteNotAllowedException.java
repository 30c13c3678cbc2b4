package labstacks.pipeweave.storage;

/** The environment forbids deleting datasets (production); nothing was sent to S3. */
public final class DeleteNotAllowedException extends DatasetStorageException {
    public DeleteNotAllowedException(String message) {
        super(message);
    }
}
