package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import labstacks.offline.testing.ProgramHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan says which cluster (and AWS region) a deployment of the stack would touch, in the text and the JSON. */
class ClusterTargetTest {

    @TempDir Path temp;

    @Test
    void thePlanNamesTheClusterContextItTargets() throws IOException {
        var json = temp.resolve("plan.json");
        var result =
                LauncherRun.of(
                        ProgramHarness.repositoryRoot(),
                        "plan",
                        "moderate-prod",
                        "biositing-local",
                        "megatests-prod",
                        "--json",
                        json.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(
                result.out()
                        .contains(
                                "Offline plan of labstacks/moderate-prod (program moderate-infra): no cloud,"
                                        + " no credentials, nothing changes\nTargets kubernetes context moderate-prod (provider k8s)\n"),
                result.out());
        assertTrue(
                result.out().contains("Targets kubernetes context minikube (provider k8s)\n"),
                result.out());
        assertTrue(result.out().contains("Targets aws region eu-west-1 (provider "), result.out());
        var plans = JsonParser.parseString(Files.readString(json)).getAsJsonArray();
        var targets =
                plans.asList().stream()
                        .map(
                                p ->
                                        p
                                                .getAsJsonObject()
                                                .getAsJsonArray("targets")
                                                .asList()
                                                .stream()
                                                .map(t -> t.getAsString())
                                                .toList())
                        .toList();
        assertEquals(List.of("kubernetes context moderate-prod (provider k8s)"), targets.get(0));
        assertEquals(List.of("kubernetes context minikube (provider k8s)"), targets.get(1));
        assertTrue(
                targets.get(2).stream()
                        .allMatch(t -> t.startsWith("aws region eu-west-1 (provider ")),
                targets.get(2).toString());
    }
}
