package labstacks.moderate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import labstacks.offline.testing.JobTimeouts;
import org.junit.jupiter.api.Test;

/** {@code pulumi up} waits for each Job of both stacks at least as long as the Job may run (see {@link JobTimeouts}). */
class JobWaitsTest {
    @Test
    void everyJobInBothStacksHasCustomTimeoutsCoveringItsDeadline() {
        for (var run : List.of(ModerateProgramTest.localRun(), ModerateProgramTest.prodRun())) {
            assertEquals(List.of(), JobTimeouts.shortfalls(run.plan()));
            assertTrue(
                    run.resources().stream()
                                    .filter(r -> r.type().equals("kubernetes:batch/v1:Job"))
                                    .count()
                            >= 2);
        }
    }
}
