package labstacks.launcher.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.resources.CustomTimeouts;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineTimeoutTest {

    @Test
    void defaultsToThirtyMinutesAndTwoForQuickCalls() {
        var timeout = EngineTimeout.from(Map.of());
        assertEquals(Duration.ofMinutes(30), timeout.perCall());
        assertEquals(Duration.ofMinutes(2), timeout.quick());
    }

    @Test
    void readsSecondsMinutesAndHours() {
        assertEquals(
                Duration.ofSeconds(90),
                EngineTimeout.from(Map.of("LABSTACKS_ENGINE_TIMEOUT", "90")).perCall());
        assertEquals(
                Duration.ofSeconds(5),
                EngineTimeout.from(Map.of("LABSTACKS_ENGINE_TIMEOUT", "5s")).perCall());
        assertEquals(
                Duration.ofMinutes(2),
                EngineTimeout.from(Map.of("LABSTACKS_ENGINE_TIMEOUT", "5s")).quick());
        assertEquals(
                Duration.ofMinutes(45),
                EngineTimeout.from(Map.of("LABSTACKS_ENGINE_TIMEOUT", " 45m ")).perCall());
        assertEquals(
                Duration.ofHours(2),
                EngineTimeout.from(Map.of("LABSTACKS_ENGINE_TIMEOUT", "2h")).perCall());
        assertEquals("90s", EngineTimeout.describe(Duration.ofSeconds(90)));
        assertEquals("30m", EngineTimeout.describe(Duration.ofMinutes(30)));
    }

    @Test
    void aMalformedValueIsOneErrorNamingTheVariable() {
        for (var bad : new String[] {"0", "ten", "5d", "-5s", "1.5m"}) {
            var error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> EngineTimeout.from(Map.of("LABSTACKS_ENGINE_TIMEOUT", bad)));
            assertTrue(
                    error.getMessage()
                            .startsWith("LABSTACKS_ENGINE_TIMEOUT=" + bad + " is not a timeout"),
                    error.getMessage());
        }
    }

    @Test
    void aRegistrationWaitsAsLongAsItsOwnCustomTimeoutsAsk() {
        var timeout = EngineTimeout.from(Map.of());
        // A one-off Job of moderate: 1800 s deadline plus the back-off of 12 retries, as the SDK
        // sends it
        // (CustomTimeouts.golangString, the form the engine parses with Go's time.ParseDuration).
        var job = CustomTimeouts.golangString(Optional.of(Duration.ofSeconds(4590)));
        assertEquals(
                Duration.ofSeconds(4590).plusMinutes(5), timeout.forRegistration(job, job, ""));
        // Shorter than the default, absent or unreadable: the default stands.
        var tenMinutes = CustomTimeouts.golangString(Optional.of(Duration.ofMinutes(10)));
        assertEquals(Duration.ofMinutes(30), timeout.forRegistration(tenMinutes, "", ""));
        assertEquals(Duration.ofMinutes(30), timeout.forRegistration("", "", ""));
        assertEquals(Duration.ofMinutes(30), timeout.forRegistration("soon", "1h1x", ""));
        // A short LABSTACKS_ENGINE_TIMEOUT set to find a hang fast still lets a Job run its course.
        var quick = EngineTimeout.from(Map.of("LABSTACKS_ENGINE_TIMEOUT", "90s"));
        assertEquals(Duration.ofMinutes(35), quick.forRegistration("30m0s", "", ""));
        assertEquals(Duration.ofSeconds(90), quick.forRegistration("", "", ""));
    }

    @Test
    void readsGoDurationsAsTheEngineDoes() {
        assertEquals(Duration.ofSeconds(4590), EngineTimeout.goDuration("1h16m30s"));
        assertEquals(Duration.ofMillis(1500), EngineTimeout.goDuration("1.5s"));
        assertEquals(Duration.ofSeconds(4590), EngineTimeout.goDuration("4590000000000ns"));
        assertEquals(Duration.ofMillis(250), EngineTimeout.goDuration("250ms"));
        assertEquals(Duration.ofMinutes(30).plusSeconds(30), EngineTimeout.goDuration("30m30s"));
        assertEquals(null, EngineTimeout.goDuration("30 minutes"));
        assertEquals(null, EngineTimeout.goDuration(""));
    }
}
