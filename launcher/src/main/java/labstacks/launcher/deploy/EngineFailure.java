package labstacks.launcher.deploy;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The engine refused a call or did not answer it: one line naming what was asked (the resource's type
 * and name) and what the engine said. A deployment that fails reports this line instead of the SDK's
 * "failed with an unhandled exception" and its stack trace.
 */
final class EngineFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean namesResource;

    private EngineFailure(String message, Throwable cause, boolean namesResource) {
        super(message, cause);
        this.namesResource = namesResource;
    }

    /** The engine answered the call with an error; {@code namesResource}: the call is about one resource. */
    static EngineFailure refused(String call, Throwable error, boolean namesResource) {
        var cause = unwrap(error);
        if (cause instanceof EngineFailure failure) {
            return failure;
        }
        return new EngineFailure(call + ": " + engineSays(cause), cause, namesResource);
    }

    /** The engine said nothing for {@code waited}. */
    static EngineFailure silent(String call, Duration waited, boolean namesResource) {
        return new EngineFailure(
                call
                        + ": the engine did not answer within "
                        + EngineTimeout.describe(waited)
                        + " ("
                        + EngineTimeout.VARIABLE
                        + " sets how long to wait)",
                null,
                namesResource);
    }

    /** Whether the failed call was about one resource (a registration, a read, a function call). */
    boolean namesResource() {
        return namesResource;
    }

    private static String engineSays(Throwable cause) {
        // io.grpc.StatusRuntimeException's message is "<CODE>: <the engine's description>"; the
        // class is
        // matched by name so the launcher does not compile against grpc, which the SDK keeps at
        // runtime scope.
        if (cause.getClass().getName().equals("io.grpc.StatusRuntimeException")
                && cause.getMessage() != null) {
            var said = oneLine(cause.getMessage());
            return said.startsWith("UNAVAILABLE") || said.startsWith("CANCELLED")
                    ? "the engine went away (" + said + ")"
                    : "the engine answered " + said;
        }
        return "the call failed: "
                + (cause.getMessage() == null
                        ? cause.getClass().getSimpleName()
                        : oneLine(cause.getMessage()));
    }

    static Throwable unwrap(Throwable error) {
        var cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
