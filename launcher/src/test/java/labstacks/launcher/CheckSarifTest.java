package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import labstacks.offline.check.Violation;
import labstacks.offline.plan.OfflineRuntime;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.program.ProgramCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --format text|json|sarif}: severities and locations, and SARIF that validates against the
 * official SARIF 2.1.0 schema (vendored in src/test/resources/sarif, source in SOURCE.md there).
 */
class CheckSarifTest {
    private static final Path ROOT = ProgramHarness.repositoryRoot();

    @TempDir Path temp;

    /** The repository's pipeweave-staging with a credential in plain text in its tags: a real finding. */
    private Path plantedLeak() throws IOException {
        Files.copy(ROOT.resolve("Pulumi.yaml"), temp.resolve("Pulumi.yaml"));
        var stack =
                Files.readString(ROOT.resolve("Pulumi.pipeweave-staging.yaml"))
                        .replace(
                                "config:\n",
                                "config:\n  labstacks:tags: '{\"api-token\": \"abc123\"}'\n");
        Files.writeString(temp.resolve("Pulumi.pipeweave-staging.yaml"), stack);
        return temp;
    }

    private static List<String> schemaErrors(String sarif) throws IOException {
        var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        try (var schemaText =
                CheckSarifTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            var schema = registry.getSchema(schemaText);
            return schema.validate(sarif, InputFormat.JSON).stream()
                    .map(e -> e.toString())
                    .toList();
        }
    }

    @Test
    void sarifOfAFindingValidatesAndPointsAtTheStackFileLine() throws IOException {
        var root = plantedLeak();
        var result = LauncherRun.of(root, "check", "pipeweave-staging", "--format", "sarif");
        assertEquals(1, result.code(), result.err());
        assertEquals(List.of(), schemaErrors(result.out()));
        var run =
                JsonParser.parseString(result.out())
                        .getAsJsonObject()
                        .getAsJsonArray("runs")
                        .get(0)
                        .getAsJsonObject();
        var results = run.getAsJsonArray("results");
        // The tag reaches every tagged resource: one finding each, all pointing at the line that
        // set it.
        assertTrue(results.size() >= 1, result.out());
        for (var element : results) {
            var finding = element.getAsJsonObject();
            assertEquals("pulumi-no-plaintext-secret", finding.get("ruleId").getAsString());
            assertEquals("error", finding.get("level").getAsString());
            var physical =
                    finding.getAsJsonArray("locations")
                            .get(0)
                            .getAsJsonObject()
                            .getAsJsonObject("physicalLocation");
            assertEquals(
                    "Pulumi.pipeweave-staging.yaml",
                    physical.getAsJsonObject("artifactLocation").get("uri").getAsString());
            var line = physical.getAsJsonObject("region").get("startLine").getAsInt();
            assertTrue(
                    Files.readAllLines(root.resolve("Pulumi.pipeweave-staging.yaml"))
                            .get(line - 1)
                            .contains("labstacks:tags"),
                    "line " + line);
        }
        var rules = run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
        assertEquals(LauncherRun.of(root, "check", "--rules").out().lines().count(), rules.size());
    }

    @Test
    void aCleanRunAndAnUncheckedStackAreValidSarifToo() throws IOException {
        var clean =
                LauncherRun.of(
                        ROOT,
                        "check",
                        "pipeweave-production",
                        "igenomes-prod",
                        "--format",
                        "sarif");
        assertEquals(0, clean.code(), clean.err());
        assertEquals(List.of(), schemaErrors(clean.out()));

        Files.copy(ROOT.resolve("Pulumi.yaml"), temp.resolve("Pulumi.yaml"));
        Files.writeString(
                temp.resolve("Pulumi.broken.yaml"),
                "config:\n  labstacks:program: pipeweave\n" + "  labstacks:environment: nowhere\n");
        var broken = LauncherRun.of(temp, "check", "broken", "--format", "sarif");
        assertEquals(1, broken.code());
        assertEquals(List.of(), schemaErrors(broken.out()));
        var invocation =
                JsonParser.parseString(broken.out())
                        .getAsJsonObject()
                        .getAsJsonArray("runs")
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonArray("invocations")
                        .get(0)
                        .getAsJsonObject();
        assertEquals(
                false,
                invocation.get("executionSuccessful").getAsBoolean(),
                "an unchecked stack is not a pass");
    }

    @Test
    void theSchemaCatchesABrokenReport() throws IOException {
        // The validator is not vacuous: a result without a message breaks the schema.
        var broken =
                "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}}, \"results\": [{\"ruleId\": \"r\"}]}]}";
        assertTrue(!schemaErrors(broken).isEmpty());
    }

    @Test
    void jsonAndTextCarrySeverityAndLocation() throws IOException {
        var root = plantedLeak();
        var json = LauncherRun.of(root, "check", "pipeweave-staging", "--format", "json");
        assertEquals(1, json.code());
        var finding =
                JsonParser.parseString(json.out())
                        .getAsJsonObject()
                        .getAsJsonArray("findings")
                        .get(0)
                        .getAsJsonObject();
        assertEquals("error", finding.get("severity").getAsString());
        assertEquals("Pulumi.pipeweave-staging.yaml", finding.get("file").getAsString());
        assertTrue(
                finding.get("urn")
                        .getAsString()
                        .startsWith("urn:pulumi:pipeweave-staging::labstacks::"),
                finding.toString());

        var text = LauncherRun.of(root, "check", "pipeweave-staging");
        assertTrue(text.out().contains("  error  pulumi-no-plaintext-secret  "), text.out());
        assertTrue(text.out().contains("      at: Pulumi.pipeweave-staging.yaml:"), text.out());

        var file = temp.resolve("out/check.sarif");
        var both =
                LauncherRun.of(
                        root,
                        "check",
                        "pipeweave-staging",
                        "--format",
                        "sarif",
                        "--output",
                        file.toString());
        assertEquals(1, both.code());
        assertTrue(
                both.out().contains("check failed"),
                "the text report stays on stdout: " + both.out());
        assertEquals(List.of(), schemaErrors(Files.readString(file)));
        assertEquals(
                2,
                LauncherRun.of(root, "check", "pipeweave-staging", "--output", file.toString())
                        .code());
    }

    @Test
    void aResourceFromCodePointsAtTheClassThatDeclaresIt() {
        var plan =
                OfflineRuntime.plan(
                        ProgramCatalog.discover(),
                        ProjectFiles.open(ROOT).read("moderate-prod", Map.of()));
        var locations = new CheckLocations(ROOT);
        // A ServiceAccount inside the DagsterRbac component (made up finding; its location is what
        // is tested).
        var location =
                locations.locate(
                        "moderate-prod",
                        plan,
                        new Violation(
                                "k8s-probes",
                                "kubernetes:core/v1:ServiceAccount",
                                "dagster",
                                "m",
                                "f"),
                        Optional.empty());
        assertTrue(
                location.file().startsWith("moderate-infra/src/main/java/")
                        && location.file().endsWith("/DagsterRbac.java"),
                location.toString());
        try {
            assertTrue(
                    Files.readAllLines(ROOT.resolve(location.file()))
                            .get(location.line() - 1)
                            .contains("DagsterRbac"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(
                Optional.of("DagsterRbac"),
                CheckLocations.nearestComponent(
                        "urn:pulumi:s::labstacks::labstacks:moderate:DagsterRbac$kubernetes:core/v1:ServiceAccount::dagster"));
    }
}
