package labstacks.pipeweave.storage;

/**
 * A multipart upload failed part-way; the SDK's multipart client aborts it, so no part of it stays in the
 * bucket (it does not wait for the abort nor report one that failed: the bucket's lifecycle removes such
 * parts after a week).
 */
public final class UploadAbortedException extends DatasetStorageException {
    public UploadAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
