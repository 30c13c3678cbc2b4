package labstacks.moderate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labstacks.offline.plan.PlannedResource;
import labstacks.offline.testing.LocalCluster;
import org.junit.jupiter.api.Test;

/**
 * moderate-local fits its share of the documented local cluster ({@link LocalCluster}: minikube 4 CPUs / 8 GB,
 * kube-system's requests taken off), counting every pod it plans: its StatefulSets and Jobs, the two charts' pods
 * from their values, and as many Dagster run pods as the run coordinator lets run at once.
 */
class LocalCapacityTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> requests(PlannedResource release, String path) {
        var resources = (Map<String, Object>) release.input("values." + path);
        return resources == null ? null : (Map<String, Object>) resources.get("requests");
    }

    /** Every pod the local stack may run at once, by name. */
    static Map<String, LocalCluster.Requests> pods() {
        var run = ModerateProgramTest.localRun();
        var parts = new LinkedHashMap<>(LocalCluster.workloads(run.plan()));
        var dagster = run.resource("kubernetes:helm.sh/v3:Release", "dagster");
        parts.put(
                "dagster webserver",
                LocalCluster.Requests.of(requests(dagster, "dagsterWebserver.resources")));
        parts.put(
                "dagster daemon",
                LocalCluster.Requests.of(requests(dagster, "dagsterDaemon.resources")));
        @SuppressWarnings("unchecked")
        var deployments =
                (List<Map<String, Object>>)
                        dagster.input("values.dagster-user-deployments.deployments");
        for (int i = 0; i < deployments.size(); i++) {
            parts.put(
                    "code location " + deployments.get(i).get("name"),
                    LocalCluster.Requests.of(
                            requests(
                                    dagster,
                                    "dagster-user-deployments.deployments." + i + ".resources")));
        }
        // A run pod's resources: the code location's when it passes its config on, else the
        // launcher's
        // (dagster-k8s K8sContainerContext.merge, other.resources if other.resources else
        // self.resources).
        var codeLocationRuns =
                requests(dagster, "dagster-user-deployments.deployments.0.resources");
        var runPod =
                LocalCluster.Requests.of(
                        codeLocationRuns != null
                                        && Boolean.TRUE.equals(
                                                dagster.input(
                                                        "values.dagster-user-deployments.deployments.0.includeConfigInLaunchedRuns.enabled"))
                                ? codeLocationRuns
                                : requests(dagster, "runLauncher.config.k8sRunLauncher.resources"));
        var concurrent =
                dagster.input(
                        "values.dagsterDaemon.runCoordinator.config.queuedRunCoordinator.maxConcurrentRuns");
        assertTrue(
                concurrent instanceof Number,
                "moderate-local must bound its concurrent runs to be sized at all");
        parts.put(
                concurrent + " concurrent run pod(s)",
                runPod.times(((Number) concurrent).longValue()));
        var openMetadata = run.resource("kubernetes:helm.sh/v3:Release", "openmetadata");
        parts.put("openmetadata", LocalCluster.Requests.of(requests(openMetadata, "resources")));
        return parts;
    }

    @Test
    void moderateLocalFitsItsShareOfTheDocumentedMinikube() {
        var parts = pods();
        var total = LocalCluster.total(parts);
        assertTrue(
                total.fitsIn(LocalCluster.MODERATE_SHARE),
                "over " + LocalCluster.MODERATE_SHARE + ":\n" + LocalCluster.describe(parts));
        // Every workload the plan holds is counted, and each requests something.
        assertEquals(4, parts.keySet().stream().filter(k -> k.startsWith("StatefulSet ")).count());
        assertEquals(3, parts.keySet().stream().filter(k -> k.startsWith("Job ")).count());
        parts.forEach(
                (name, requests) ->
                        assertTrue(requests.cpuMilli() > 0 && requests.memoryMi() > 0, name));
    }
}
