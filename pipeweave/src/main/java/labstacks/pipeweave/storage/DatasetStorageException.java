package labstacks.pipeweave.storage;

/** A dataset operation failed; the message names the bucket, the key and what to do. */
public class DatasetStorageException extends RuntimeException {
    public DatasetStorageException(String message) {
        super(message);
    }

    public DatasetStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
