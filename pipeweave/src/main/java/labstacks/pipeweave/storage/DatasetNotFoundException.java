package labstacks.pipeweave.storage;

/** The dataset key (or the bucket) does not exist. */
public final class DatasetNotFoundException extends DatasetStorageException {
    public DatasetNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
