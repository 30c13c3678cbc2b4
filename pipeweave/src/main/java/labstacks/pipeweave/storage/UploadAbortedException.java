package labstacks.pipeweave.storage;

/**
 * A multipart upload failed part-way; it was aborted, so no part of it stays in the bucket (a failed abort
 * is attached as a suppressed exception, and the bucket's lifecycle removes such parts after a week).
 */
public final class UploadAbortedException extends DatasetStorageException {
    public UploadAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
