package labstacks.biositing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import labstacks.offline.testing.LocalCluster;
import labstacks.offline.testing.ProgramHarness;
import org.junit.jupiter.api.Test;

/**
 * biositing-local fits its share of the documented local cluster ({@link LocalCluster}: minikube 4 CPUs / 8 GB,
 * kube-system's requests taken off). Flow runs are processes inside the worker (a process work pool), so the
 * worker's own request covers them; the two Jobs are counted although they never overlap.
 */
class LocalCapacityTest {
    @Test
    void biositingLocalFitsItsShareOfTheDocumentedMinikube() {
        var run =
                ProgramHarness.forStackFile(new BiositingProgram(), "biositing-local")
                        .secret("biositing:postgresPassword", "pw-for-tests")
                        .run()
                        .assertSucceeded();
        var parts = LocalCluster.workloads(run.plan());
        assertEquals(5, parts.size(), LocalCluster.describe(parts));
        var total = LocalCluster.total(parts);
        assertTrue(
                total.fitsIn(LocalCluster.BIOSITING_SHARE),
                "over " + LocalCluster.BIOSITING_SHARE + ":\n" + LocalCluster.describe(parts));
    }
}
