package labstacks.launcher.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.deployment.internal.Engine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import labstacks.shared.config.StackConfig;
import org.junit.jupiter.api.Test;
import pulumirpc.EngineOuterClass.GetRootResourceRequest;
import pulumirpc.EngineOuterClass.GetRootResourceResponse;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.EngineOuterClass.LogSeverity;
import pulumirpc.EngineOuterClass.RequirePulumiVersionRequest;
import pulumirpc.EngineOuterClass.RequirePulumiVersionResponse;

class GuardedEngineTest {

    /** An engine that records what it is sent; {@code silent} never answers. */
    private static final class Recording implements Engine {
        final List<LogRequest> sent = new ArrayList<>();
        final boolean silent;

        Recording(boolean silent) {
            this.silent = silent;
        }

        @Override
        public CompletableFuture<Void> logAsync(LogRequest request) {
            sent.add(request);
            return silent ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<GetRootResourceResponse> getRootResourceAsync(
                GetRootResourceRequest request) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<RequirePulumiVersionResponse> requirePulumiVersionAsync(
                RequirePulumiVersionRequest request) {
            return new CompletableFuture<>();
        }
    }

    private final LogRedactor redactor =
            LogRedactor.of(
                    new StackConfig(
                            "p",
                            "s",
                            "Pulumi.s.yaml",
                            Map.of("p:password", "canary-password-1"),
                            Set.of("p:password"),
                            Map.of()));

    @Test
    void everyLogMessageIsRedactedBeforeItIsSent() {
        var recording = new Recording(false);
        var engine =
                new GuardedEngine(recording, redactor, new EngineTimeout(Duration.ofSeconds(5)));
        engine.logAsync(
                        LogRequest.newBuilder()
                                .setSeverity(LogSeverity.DEBUG)
                                .setMessage(
                                        "Registering resource monitor start: t=x, request=canary-password-1")
                                .build())
                .join();
        engine.logAsync(
                        LogRequest.newBuilder()
                                .setSeverity(LogSeverity.WARNING)
                                .setMessage("careful: canary-password-1")
                                .build())
                .join();
        assertEquals(
                List.of(
                        "Registering resource monitor start: t=x, request=" + LogRedactor.CUT,
                        "careful: [secret]"),
                recording.sent.stream().map(LogRequest::getMessage).toList());
    }

    @Test
    void theSdksStackTraceReportIsHeldBack() {
        var recording = new Recording(false);
        var engine =
                new GuardedEngine(recording, redactor, new EngineTimeout(Duration.ofSeconds(5)));
        engine.logAsync(
                        LogRequest.newBuilder()
                                .setSeverity(LogSeverity.ERROR)
                                .setMessage(
                                        "Running program [PID: 7](java -jar labstacks.jar) failed with an unhandled exception:\n"
                                                + "java.lang.IllegalStateException: x\n\tat a.b.C.d(C.java:1)")
                                .build())
                .join();
        engine.logAsync(
                        LogRequest.newBuilder()
                                .setSeverity(LogSeverity.ERROR)
                                .setMessage("a program's own error")
                                .build())
                .join();
        assertEquals(1, engine.heldBack());
        assertEquals(
                List.of("a program's own error"),
                recording.sent.stream().map(LogRequest::getMessage).toList());
    }

    @Test
    void aSilentEngineFailsTheCallAfterTheTimeout() {
        var started = System.nanoTime();
        var call =
                Guard.call(
                        new CompletableFuture<String>(),
                        Duration.ofMillis(300),
                        "registering x:y:Z \"n\"");
        var error = assertThrows(CompletionException.class, call::join);
        assertInstanceOf(EngineFailure.class, error.getCause());
        assertEquals(
                "registering x:y:Z \"n\": the engine did not answer within 300ms (LABSTACKS_ENGINE_TIMEOUT sets"
                        + " how long to wait)",
                error.getCause().getMessage());
        assertTrue(System.nanoTime() - started < 5_000_000_000L);
    }

    @Test
    void anEngineErrorNamesTheCallAndQuotesTheEngine() {
        var refused = new CompletableFuture<String>();
        refused.completeExceptionally(new IllegalStateException("AccessDenied"));
        var error =
                assertThrows(
                        CompletionException.class,
                        () ->
                                Guard.call(
                                                refused,
                                                Duration.ofSeconds(5),
                                                "registering x:y:Z \"n\"")
                                        .join());
        assertEquals(
                "registering x:y:Z \"n\": the call failed: AccessDenied",
                error.getCause().getMessage());
    }
}
