package labstacks.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Production is what a stack's name says; labstacks:environment must agree with it. */
class StackIdentityTest {

    private static Optional<ConfigProblem> problem(String stack, String environment) {
        return StackIdentity.problem(
                StackConfig.of("labstacks", stack, Map.of(), Set.of()), environment);
    }

    @Test
    void theEnvironmentIsTheEndOfTheStackName() {
        assertEquals("production", StackIdentity.environmentOf("pipeweave-production"));
        assertEquals("prod", StackIdentity.environmentOf("moderate-prod"));
        assertEquals("test", StackIdentity.environmentOf("test"));
        assertTrue(StackIdentity.isProductionStack("igenomes-prod"));
        assertFalse(StackIdentity.isProductionStack("pipeweave-prodlink"));
        assertTrue(StackIdentity.isLocalStack("moderate-local"));
    }

    @Test
    void aStackFileThatContradictsItsNameIsRefused() {
        assertEquals(Optional.empty(), problem("pipeweave-production", "production"));
        assertEquals(Optional.empty(), problem("moderate-local", "local"));
        // A name ending in no known environment (a test's stack) may carry any but a production
        // one.
        assertEquals(Optional.empty(), problem("pipeweave-test", "staging"));
        var flipped = problem("pipeweave-production", "staging").orElseThrow();
        assertEquals("labstacks:environment", flipped.key());
        assertTrue(
                flipped.fix()
                        .contains(
                                "set labstacks:environment: production in Pulumi.pipeweave-production.yaml"),
                flipped.fix());
        assertTrue(
                problem("igenomes-prod", "production").isPresent(),
                "prod and production are not the same stack");
        assertTrue(
                problem("pipeweave-staging", "development").isPresent(),
                "staging's guards would be lost");
        var claimed = problem("pipeweave-test", "production").orElseThrow();
        assertTrue(
                claimed.problem()
                        .contains(
                                "is production, a production environment, but the stack pipeweave-test is"
                                        + " not named as production"),
                claimed.problem());
    }
}
