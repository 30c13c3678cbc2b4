package labstacks.launcher.deploy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineTimeoutTest {

    @Test
    void defaultsToThirtyMinutesAndTwoForQuickCalls() {
        var timeout = EngineTimeout.from(Map.of());
        assertEquals(Duration.ofMinutes(30), timeout.perCall());
        assertEquals(Duration.ofMinutes(2), timeout.quick());
    }

    @Test
    void readsSecondsMinutesAndHours() {
        assertEquals(Duration.ofSeconds(90), EngineTimeout.from(Map.of("LABSTACKS_ENGINE_TIMEOUT", "90")).perCall());
        assertEquals(Duration.ofSeconds(5), EngineTimeout.from(Map.of("LABSTACKS_ENGINE_TIMEOUT", "5s")).perCall());
        assertEquals(Duration.ofMinutes(2), EngineTimeout.from(Map.of("LABSTACKS_ENGINE_TIMEOUT", "5s")).quick());
        assertEquals(Duration.ofMinutes(45), EngineTimeout.from(Map.of("LABSTACKS_ENGINE_TIMEOUT", " 45m ")).perCall());
        assertEquals(Duration.ofHours(2), EngineTimeout.from(Map.of("LABSTACKS_ENGINE_TIMEOUT", "2h")).perCall());
        assertEquals("90s", EngineTimeout.describe(Duration.ofSeconds(90)));
        assertEquals("30m", EngineTimeout.describe(Duration.ofMinutes(30)));
    }

    @Test
    void aMalformedValueIsOneErrorNamingTheVariable() {
        for (var bad : new String[] {"0", "ten", "5d", "-5s", "1.5m"}) {
            var error = assertThrows(IllegalArgumentException.class,
                    () -> EngineTimeout.from(Map.of("LABSTACKS_ENGINE_TIMEOUT", bad)));
            assertTrue(error.getMessage().startsWith("LABSTACKS_ENGINE_TIMEOUT=" + bad + " is not a timeout"),
                    error.getMessage());
        }
    }
}
