package labstacks.pulumiruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.deployment.internal.EngineLogger;
import com.pulumi.exceptions.LogException;
import com.pulumi.exceptions.RunException;
import com.pulumi.resources.Resource;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class AwaitingRunnerTest {

    /** The engine side: what the runner reported, and whether errors were logged before. */
    private static final class Engine implements EngineLogger {
        final List<String> errors = new CopyOnWriteArrayList<>();
        volatile boolean loggedErrors;

        @Override
        public CompletableFuture<Void> logAsync(
                Level level,
                String message,
                Resource resource,
                Integer streamId,
                Boolean ephemeral) {
            if (level == Level.SEVERE) {
                errors.add(message);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean hasLoggedErrors() {
            return loggedErrors;
        }

        @Override
        public int getErrorCount() {
            return errors.size();
        }
    }

    private static Logger quiet() {
        var logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.OFF);
        return logger;
    }

    @Test
    void aRunEndsOnlyWhenEveryTaskTheProgramStartedHasFinished() throws Exception {
        var runner = new AwaitingRunner(quiet(), new Engine());
        var pending = new CompletableFuture<String>();
        var programThread = new AtomicReference<String>();
        var result =
                runner.runAsync(
                        () -> {
                            programThread.set(Thread.currentThread().getName());
                            runner.registerTask("pending", pending);
                            return "stack";
                        });
        // The program has returned, a task it started has not: the run is not over.
        Thread.sleep(100);
        assertFalse(result.isDone());
        pending.complete("done");
        var finished = result.get(5, TimeUnit.SECONDS);
        assertEquals(0, finished.exitCode());
        assertEquals("stack", finished.result().orElseThrow());
        assertEquals(List.of(), finished.exceptions());
        assertEquals("pulumi-program", programThread.get());
    }

    @Test
    void aFailedTaskEndsTheRunAtOnceWithExitCode32AndOneReport() throws Exception {
        var engine = new Engine();
        var runner = new AwaitingRunner(quiet(), engine);
        var neverEnds = new CompletableFuture<Void>();
        var failing = new CompletableFuture<Void>();
        var result =
                runner.runAsync(
                        () -> {
                            runner.registerTask("never", neverEnds);
                            runner.registerTask("failing", failing);
                            return null;
                        });
        failing.completeExceptionally(new RunException("the bucket name is taken"));
        var finished = result.get(5, TimeUnit.SECONDS);
        assertEquals(32, finished.exitCode());
        assertEquals(List.of("the bucket name is taken"), engine.errors);
        // As the SDK's runner: the CompletionException its dependent stage saw, then the cause it
        // reported.
        assertInstanceOf(CompletionException.class, finished.exceptions().get(0));
        assertInstanceOf(RunException.class, finished.exceptions().get(1));
    }

    @Test
    void aFailureBeforeTheProgramReturnsIsNotLost() throws Exception {
        var engine = new Engine();
        var runner = new AwaitingRunner(quiet(), engine);
        var boom = new IllegalStateException("boom");
        var result =
                runner.runAsync(
                        () -> {
                            runner.registerTask(
                                    "failed early", CompletableFuture.failedFuture(boom));
                            return null;
                        });
        var finished = result.get(5, TimeUnit.SECONDS);
        assertEquals(32, finished.exitCode());
        assertSame(boom, finished.exceptions().get(1));
        assertTrue(engine.errors.get(0).startsWith("Running program [PID: "), engine.errors.get(0));
        assertTrue(
                engine.errors.get(0).contains("java.lang.IllegalStateException: boom"),
                engine.errors.get(0));
    }

    @Test
    void aProgramThatThrowsEndsWithExitCode32() throws Exception {
        var engine = new Engine();
        var runner = new AwaitingRunner(quiet(), engine);
        var result =
                runner.<String>runAsync(
                        () -> {
                            throw new RunException("no such setting");
                        });
        var finished = result.get(5, TimeUnit.SECONDS);
        assertEquals(32, finished.exitCode());
        assertEquals(List.of("no such setting"), engine.errors);
    }

    @Test
    void errorsTheProgramLoggedGiveExitCode1() throws Exception {
        var engine = new Engine();
        engine.loggedErrors = true;
        var runner = new AwaitingRunner(quiet(), engine);
        assertEquals(1, runner.runAsync(() -> "x").get(5, TimeUnit.SECONDS).exitCode());
    }

    @Test
    void aFailureToLogToTheEngineEndsWithExitCode1AndNothingSentToIt() throws Exception {
        var engine = new Engine();
        var runner = new AwaitingRunner(quiet(), engine);
        var logging = new CompletableFuture<Void>();
        var result =
                runner.runAsync(
                        () -> {
                            runner.registerTask("log", logging);
                            return null;
                        });
        // As DeploymentImpl's logger fails a log call the engine did not take.
        logging.completeExceptionally(new LogException(new IllegalStateException("engine closed")));
        var finished = result.get(5, TimeUnit.SECONDS);
        assertEquals(1, finished.exitCode());
        assertEquals(List.of(), engine.errors, "the engine cannot take the report: stderr only");
    }

    @Test
    void aProgramThatThrowsAnErrorIsReportedOnceWithExitCode32() throws Exception {
        var engine = new Engine();
        var runner = new AwaitingRunner(quiet(), engine);
        var result =
                runner.runAsync(
                        () -> {
                            throw new AssertionError("the program's own check failed");
                        });
        var finished = result.get(5, TimeUnit.SECONDS);
        assertEquals(32, finished.exitCode());
        assertEquals(1, engine.errors.size(), engine.errors.toString());
        assertTrue(
                engine.errors.get(0).contains("the program's own check failed"),
                engine.errors.get(0));
    }

    @Test
    void thousandsOfTasksStartNoThreadPerTask() throws Exception {
        var runner = new AwaitingRunner(quiet(), new Engine());
        var threads = ManagementFactory.getThreadMXBean();
        long before = threads.getTotalStartedThreadCount();
        var gate = new CompletableFuture<Void>();
        var result =
                runner.runAsync(
                        () -> {
                            for (int i = 0; i < 5_000; i++) {
                                runner.registerTask("task " + i, gate.thenApply(ignored -> 1));
                            }
                            return null;
                        });
        Thread.sleep(50);
        gate.complete(null);
        assertEquals(0, result.get(5, TimeUnit.SECONDS).exitCode());
        // The program thread (perhaps twice, if it idled out): never one per task or per pass.
        assertTrue(
                threads.getTotalStartedThreadCount() - before <= 3,
                () -> "threads started: " + (threads.getTotalStartedThreadCount() - before));
    }
}
