package labstacks.launcher.deploy;

import com.pulumi.deployment.internal.Engine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import pulumirpc.EngineOuterClass.GetRootResourceRequest;
import pulumirpc.EngineOuterClass.GetRootResourceResponse;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.EngineOuterClass.LogSeverity;
import pulumirpc.EngineOuterClass.RequirePulumiVersionRequest;
import pulumirpc.EngineOuterClass.RequirePulumiVersionResponse;

/**
 * The engine's log and root-resource service as the SDK's {@code GrpcEngine} reaches it, with three
 * changes: every log message is {@linkplain LogRedactor redacted} before it is sent (this is where
 * {@code pulumi up --debug} would show the SDK's request dumps), every call has a deadline, and the SDK's
 * report of a failed program (a Java stack trace: "Running program [PID: ...] failed with an unhandled
 * exception", pulumi/pulumi-java {@code DeploymentImpl.DefaultRunner.handleExceptionAsync} at v1.36.1) is
 * held back, so that {@link EngineRun} can report the failure in one line instead.
 */
final class GuardedEngine implements Engine {

    /** A line of a Java stack trace: "\tat package.Class.method(File.java:12)". */
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(");

    private final Engine engine;
    private final LogRedactor redactor;
    private final EngineTimeout timeout;
    private final AtomicInteger heldBack = new AtomicInteger();

    GuardedEngine(Engine engine, LogRedactor redactor, EngineTimeout timeout) {
        this.engine = engine;
        this.redactor = redactor;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Void> logAsync(LogRequest request) {
        if (request.getSeverity() == LogSeverity.ERROR
                && isStackTraceReport(request.getMessage())) {
            heldBack.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
        var redacted =
                request.toBuilder().setMessage(redactor.redact(request.getMessage())).build();
        return Guard.call(
                engine.logAsync(redacted), timeout.quick(), "sending a log message to the engine");
    }

    @Override
    public CompletableFuture<GetRootResourceResponse> getRootResourceAsync(
            GetRootResourceRequest request) {
        return Guard.call(
                engine.getRootResourceAsync(request),
                timeout.quick(),
                "asking the engine for the stack");
    }

    @Override
    public CompletableFuture<RequirePulumiVersionResponse> requirePulumiVersionAsync(
            RequirePulumiVersionRequest request) {
        return Guard.call(
                engine.requirePulumiVersionAsync(request),
                timeout.quick(),
                "asking the engine for its version");
    }

    /** Sends {@code message} as an error, bypassing the hold-back; the future fails if the engine does not take it. */
    CompletableFuture<Void> error(String message) {
        var request =
                LogRequest.newBuilder()
                        .setSeverity(LogSeverity.ERROR)
                        .setMessage(redactor.redact(message))
                        .build();
        return Guard.call(
                engine.logAsync(request), timeout.quick(), "sending the error to the engine");
    }

    /** How many of the SDK's stack-trace reports were not sent. */
    int heldBack() {
        return heldBack.get();
    }

    static boolean isStackTraceReport(String message) {
        return message.startsWith("Running program [PID:") || STACK_FRAME.matcher(message).find();
    }
}
