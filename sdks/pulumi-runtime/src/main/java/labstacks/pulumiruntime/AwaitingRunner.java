package labstacks.pulumiruntime;

import com.pulumi.core.internal.ContextAwareCompletableFuture;
import com.pulumi.core.internal.Exceptions;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.deployment.internal.EngineLogger;
import com.pulumi.deployment.internal.Runner;
import com.pulumi.exceptions.LogException;
import com.pulumi.exceptions.ResourceException;
import com.pulumi.exceptions.RunException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Pulumi Java SDK's task runner with the same contract, but it waits for the tasks in flight
 * instead of polling them. It replaces {@code DeploymentImpl.DefaultRunner} of SDK 1.36.1 (see
 * {@code sdks/pulumi-runtime/UPSTREAM.md}), whose loop re-submits itself to the common pool until no
 * task is left: on a 2-worker pool that loop can starve the very task it waits for (the run hangs), on
 * 1 CPU or 2 it starts one thread per pass, and every pass formats the whole task list for a FINEST log
 * line nobody reads.
 *
 * <p>What the engine and the SDK rely on is kept: a run ends when the program has returned and every
 * registered task has finished, or as soon as one of them has failed; the exit code is 0, 1 (an error
 * the engine has not shown) or 32 (one it has); the failure is reported to the engine the way the SDK
 * reports it, and {@link Result#exceptions()} lists what was reported.
 */
public final class AwaitingRunner implements Runner {

    private final Logger standardLogger;
    private final EngineLogger engineLogger;
    private final Executor program;
    private final Queue<Exception> reported = new ConcurrentLinkedQueue<>();

    private final Object lock = new Object();
    private int inFlight;
    private CompletionException firstFailure;
    private CompletableFuture<Void> drained;

    /**
     * @param standardLogger the deployment's java.util.logging logger
     * @param engineLogger the deployment's engine logger ({@code DeploymentState.logger}): it tells whether
     *                     errors were logged, and carries the report of a failure
     */
    public AwaitingRunner(Logger standardLogger, EngineLogger engineLogger) {
        this.standardLogger = Objects.requireNonNull(standardLogger);
        this.engineLogger = Objects.requireNonNull(engineLogger);
        this.program = programThread();
    }

    /** Set to {@code sdk} to keep the SDK's own runner (to compare, or if this one ever misbehaves). */
    public static final String RUNNER_PROPERTY = "labstacks.pulumi.runner";

    /**
     * Puts a new runner into a deployment's state and returns the state's runner; call it before
     * {@code new DeploymentImpl(state)}, which hands the state's runner to resource registration once. The
     * state's engine logger reads the runner through the state, so it sees this one too. With the system
     * property {@value #RUNNER_PROPERTY}{@code =sdk} the SDK's runner stays.
     */
    public static Runner installIn(DeploymentImpl.DeploymentState state, Logger standardLogger) {
        if (!"sdk".equals(System.getProperty(RUNNER_PROPERTY))) {
            state.runner = new AwaitingRunner(standardLogger, state.logger);
        }
        return state.runner;
    }

    /** One daemon thread, gone a second after its last job: the program and the end of the run. */
    private static Executor programThread() {
        var executor =
                new ThreadPoolExecutor(
                        0,
                        1,
                        1,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        job -> {
                            var thread = new Thread(job, "pulumi-program");
                            thread.setDaemon(true);
                            return thread;
                        });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    @Override
    public <T> CompletableFuture<Result<T>> runAsync(Supplier<T> callback) {
        CompletableFuture<T> value = ContextAwareCompletableFuture.supplyAsync(callback, program);
        registerTask("AwaitingRunner#runAsync", value);
        return value.thenCompose(result -> drained().thenApply(ignored -> result))
                .handle(
                        (result, failure) ->
                                failure == null
                                        ? CompletableFuture.completedFuture(
                                                result(exitCodeAfterSuccess(), result))
                                        : report(failure).thenApply(code -> result(code, result)))
                .thenCompose(future -> future);
    }

    @Override
    public <T> void registerTask(String description, CompletableFuture<T> task) {
        Objects.requireNonNull(description);
        Objects.requireNonNull(task);
        if (standardLogger.isLoggable(Level.FINEST)) {
            standardLogger.log(
                    Level.FINEST, String.format("Registering task: '%s', %s", description, task));
        }
        synchronized (lock) {
            inFlight++;
        }
        task.whenComplete((ignored, failure) -> settle(description, failure));
    }

    private void settle(String description, Throwable failure) {
        if (failure != null && standardLogger.isLoggable(Level.FINEST)) {
            standardLogger.log(
                    Level.FINEST,
                    String.format("Failed task: '%s', exception: %s", description, failure));
        }
        CompletableFuture<Void> done;
        synchronized (lock) {
            inFlight--;
            if (failure != null && firstFailure == null) {
                // As the SDK's runner sees it: through a dependent stage, so always a
                // CompletionException.
                firstFailure =
                        failure instanceof CompletionException c
                                ? c
                                : new CompletionException(failure);
            }
            done = drained != null && (firstFailure != null || inFlight == 0) ? drained : null;
        }
        if (done != null) {
            finish(done);
        }
    }

    /** Completes when every task registered so far has finished, or one has failed. */
    private CompletableFuture<Void> drained() {
        var future = new CompletableFuture<Void>();
        boolean now;
        synchronized (lock) {
            drained = future;
            now = firstFailure != null || inFlight == 0;
        }
        if (now) {
            finish(future);
        }
        return future;
    }

    /**
     * Off the thread that settled the last task (an engine or mock thread), as the SDK's loop is, and in the
     * deployment's context, as the SDK completes its loop. The count is read again there: a task registered
     * between the decision and this job keeps the run going, and its own settle finishes it.
     */
    private void finish(CompletableFuture<Void> future) {
        ContextAwareCompletableFuture.runAsync(
                () -> {
                    CompletionException failure;
                    synchronized (lock) {
                        failure = firstFailure;
                        if (failure == null && inFlight > 0) {
                            return;
                        }
                    }
                    if (failure == null) {
                        future.complete(null);
                    } else {
                        future.completeExceptionally(failure);
                    }
                },
                program);
    }

    private int exitCodeAfterSuccess() {
        return engineLogger.hasLoggedErrors()
                ? ProcessExitedBeforeLoggingUserActionableMessage
                : ProcessExitedSuccessfully;
    }

    private <T> Result<T> result(int exitCode, T value) {
        return new Result<>(
                exitCode, List.copyOf(new ArrayList<>(reported)), Optional.ofNullable(value)) {};
    }

    /** Reports a failure the way the SDK's runner does, and gives the exit code it would. */
    private CompletableFuture<Integer> report(Throwable throwable) {
        var exception =
                throwable instanceof Exception e
                        ? e
                        : new RunException("unexpected throwable", throwable);
        reported.add(exception);
        if (exception instanceof LogException) {
            // Logging to the engine itself failed: only stderr is left.
            standardLogger.log(
                    Level.SEVERE,
                    "Error occurred trying to send logging message to engine: "
                            + exception.getMessage());
            System.err.printf(
                    "Error occurred trying to send logging message to engine: %s%n", exception);
            exception.printStackTrace();
            return CompletableFuture.completedFuture(
                    ProcessExitedBeforeLoggingUserActionableMessage);
        }
        if (exception instanceof CompletionException
                && exception.getCause() instanceof Exception cause) {
            return report(cause);
        }
        CompletableFuture<Void> logged;
        if (exception instanceof RunException) {
            logged = engineLogger.errorAsync(exception.getMessage());
        } else if (exception instanceof ResourceException resourceException) {
            var message =
                    resourceException.isHideStack()
                            ? resourceException.getMessage()
                            : Exceptions.getStackTrace(resourceException);
            logged = engineLogger.errorAsync(message, resourceException.getResource().orElse(null));
        } else {
            var self = ProcessHandle.current();
            logged =
                    engineLogger.errorAsync(
                            String.format(
                                    "Running program [PID: %d](%s) failed with an unhandled exception:\n%s",
                                    self.pid(),
                                    self.info().commandLine().orElse("unknown"),
                                    Exceptions.getStackTrace(exception)));
        }
        return logged.thenApply(
                ignored -> {
                    standardLogger.log(Level.FINE, "Returning from program after last error");
                    return ProcessExitedAfterLoggingUserActionableMessage;
                });
    }
}
