package labstacks.offline.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two local stacks' shares fit the documented minikube together; the arithmetic reads requests as Kubernetes does. */
class LocalClusterTest {
    @Test
    void bothSharesFitTheDocumentedMinikubeLessKubeSystem() {
        assertEquals(new LocalCluster.Requests(3250, 7666), LocalCluster.SCHEDULABLE);
        var both = LocalCluster.MODERATE_SHARE.plus(LocalCluster.BIOSITING_SHARE);
        assertTrue(both.fitsIn(LocalCluster.SCHEDULABLE), both + " in " + LocalCluster.SCHEDULABLE);
    }

    @Test
    void quantitiesAreReadAsKubernetesReadsThem() {
        assertEquals(
                new LocalCluster.Requests(250, 512),
                LocalCluster.Requests.of(Map.of("cpu", "250m", "memory", "512Mi")));
        assertEquals(
                new LocalCluster.Requests(1000, 1024),
                LocalCluster.Requests.of(Map.of("cpu", "1", "memory", "1Gi")));
        // 1G is decimal: 1e9 bytes is 954 MiB and a bit, rounded up.
        assertEquals(
                new LocalCluster.Requests(0, 954),
                LocalCluster.Requests.of(Map.of("memory", "1G")));
        assertEquals(new LocalCluster.Requests(0, 0), LocalCluster.Requests.of(null));
    }
}
