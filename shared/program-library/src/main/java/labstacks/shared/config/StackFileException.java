package labstacks.shared.config;

/** A project or stack file is missing or cannot be read; the message names the file and the fix. */
public final class StackFileException extends RuntimeException {
    public StackFileException(String message) {
        super(message);
    }

    public StackFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
