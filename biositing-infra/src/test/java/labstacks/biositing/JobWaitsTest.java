package labstacks.biositing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import labstacks.offline.testing.JobTimeouts;
import labstacks.offline.testing.ProgramHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code pulumi up} waits for each Job at least as long as the Job may run (see {@link JobTimeouts}): the migration's
 * first pod pulls the multi-GB pipeline image, which alone can pass pulumi-kubernetes' 10-minute default.
 */
class JobWaitsTest {
    @ParameterizedTest
    @ValueSource(strings = {"biositing-local", "biositing-prod"})
    void everyJobHasCustomTimeoutsCoveringItsDeadline(String stack) {
        var run =
                ProgramHarness.forStackFile(new BiositingProgram(), stack)
                        .secret("biositing:postgresPassword", "pw-for-tests")
                        .run()
                        .assertSucceeded();
        assertEquals(List.of(), JobTimeouts.shortfalls(run.plan()));
        // 1800 s deadline + 10 s + 20 s back-off of two retries.
        assertEquals(
                "1830000000000ns",
                run.resource("kubernetes:batch/v1:Job", "setup-db").customTimeouts().get("create"));
    }
}
