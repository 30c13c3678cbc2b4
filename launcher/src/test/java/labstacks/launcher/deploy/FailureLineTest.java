package labstacks.launcher.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailureLineTest {

    @Test
    void anEngineFailureAnywhereInTheChainIsTheLine() {
        var engine =
                EngineFailure.refused(
                        "registering aws:s3/bucketPolicy:BucketPolicy \"datasets-policy\"",
                        new CompletionException(new RuntimeException("boom")),
                        true);
        // As the SDK passes it on: wrapped by the serialization of a dependent resource.
        var dependent = new IllegalStateException("serializing property \"policy\"", engine);
        var logGone =
                EngineFailure.silent(
                        "sending a log message to the engine", Duration.ofMinutes(2), false);
        var line =
                FailureLine.of(
                        List.of(
                                new RuntimeException("first, unrelated"),
                                logGone,
                                new CompletionException(dependent)));
        assertEquals(
                "registering aws:s3/bucketPolicy:BucketPolicy \"datasets-policy\": the call failed: boom",
                line);
    }

    @Test
    void aSilentEngineSaysHowLongItWaitedAndWhatSetsIt() {
        var line =
                FailureLine.of(
                        List.of(
                                EngineFailure.silent(
                                        "registering x:y:Z \"n\"", Duration.ofSeconds(5), true)));
        assertEquals(
                "registering x:y:Z \"n\": the engine did not answer within 5s (LABSTACKS_ENGINE_TIMEOUT sets how"
                        + " long to wait)",
                line);
    }

    @Test
    void otherwiseTheInnermostMessageOfTheFirstFailureInOneLine() {
        var line =
                FailureLine.of(
                        List.of(
                                new CompletionException(
                                        new IllegalArgumentException("bad\n  value")),
                                new RuntimeException("later")));
        assertEquals("the program failed: bad value", line);
        assertFalse(line.contains("\n"));
        assertTrue(FailureLine.of(List.of()).contains("without saying why"));
        assertEquals(
                "sending a log message to the engine: the engine did not answer within 2m (LABSTACKS_ENGINE_TIMEOUT"
                        + " sets how long to wait)",
                FailureLine.of(
                        List.of(
                                new RuntimeException("x"),
                                EngineFailure.silent(
                                        "sending a log message to the engine",
                                        Duration.ofMinutes(2),
                                        false))));
    }
}
