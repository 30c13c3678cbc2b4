package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.config.ProjectFiles;
import labstacks.shared.config.SettingsLoader;
import labstacks.shared.config.StackSettings;
import labstacks.shared.program.ProgramCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The READMEs' generated sections (settings tables, stack diagrams) equal what the code generates, and
 * every {@code @Setting} key is in one of them. When this fails: {@code ./labstacks docs --write}.
 */
class DocsTest {

    private final Path root = ProgramHarness.repositoryRoot();
    private final ProgramCatalog catalog = ProgramCatalog.discover();

    @Test
    void everyGeneratedSectionEqualsTheGeneratedText() throws Exception {
        var project = ProjectFiles.open(root);
        var problems = new ArrayList<String>();
        for (var readme :
                new GeneratedDocs(project, catalog)
                        .readmes(GeneratedDocs.documented(project, catalog))) {
            var expected = GeneratedDocs.rewrite(readme, problems);
            if (expected != null && !expected.equals(Files.readString(readme.file()))) {
                problems.add(
                        root.relativize(readme.file())
                                + " differs from the code: run "
                                + GeneratedDocs.COMMAND);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyProgramOfTheReactorHasItsReadmeSections() {
        var project = ProjectFiles.open(root);
        var documented =
                GeneratedDocs.documented(project, catalog).stream()
                        .map(p -> p.name())
                        .sorted()
                        .toList();
        // Every program but the test-only ones (failing, sample: test classes, or the toolkit's
        // test-jar once Maven
        // has packaged it) lives in a module named as it.
        var real =
                catalog.all().stream()
                        .filter(
                                p ->
                                        !p.getClass()
                                                .getProtectionDomain()
                                                .getCodeSource()
                                                .getLocation()
                                                .getPath()
                                                .matches(".*(test-classes/?|-tests\\.jar)$"))
                        .map(p -> p.name())
                        .sorted()
                        .toList();
        assertEquals(real, documented);
        assertTrue(
                documented.contains("pipeweave") && !documented.contains("sample"),
                documented.toString());
    }

    @Test
    void everySettingKeyIsInAGeneratedTable() throws Exception {
        var missing = new ArrayList<String>();
        for (var program : GeneratedDocs.documented(ProjectFiles.open(root), catalog)) {
            var section = section(root.resolve(program.name()).resolve("README.md"), "settings");
            SettingsLoader.keys(program.settingsType()).stream()
                    .filter(k -> !section.contains("| `" + k + "` |"))
                    .forEach(k -> missing.add(program.name() + " " + k));
        }
        var common = section(root.resolve("README.md"), "settings");
        SettingsLoader.keys(StackSettings.class).stream()
                .filter(k -> !common.contains("| `" + k + "` |"))
                .forEach(k -> missing.add("README.md " + k));
        assertEquals(List.of(), missing);
    }

    @Test
    void aChangedTableIsFoundAndRewritten(@TempDir Path temp) throws Exception {
        Files.copy(root.resolve("Pulumi.yaml"), temp.resolve("Pulumi.yaml"));
        Files.copy(
                root.resolve("Pulumi.igenomes-prod.yaml"),
                temp.resolve("Pulumi.igenomes-prod.yaml"));
        Files.createDirectories(temp.resolve("igenomes"));
        var readme = Files.readString(root.resolve("igenomes/README.md"));
        Files.writeString(
                temp.resolve("igenomes/README.md"),
                readme.replace("| `igenomes:importVersioning` |", "| `igenomes:importVersions` |"));
        Files.writeString(temp.resolve("README.md"), Files.readString(root.resolve("README.md")));

        var check = LauncherRun.of(temp, "docs");
        assertEquals(1, check.code(), check.out());
        assertTrue(
                check.err().contains("igenomes/README.md")
                        && check.err().contains(GeneratedDocs.COMMAND),
                check.err());

        var write = LauncherRun.of(temp, "docs", "--write");
        assertEquals(0, write.code(), write.err());
        assertEquals(readme, Files.readString(temp.resolve("igenomes/README.md")));
        assertEquals(0, LauncherRun.of(temp, "docs").code());
    }

    @Test
    void settingsPrintsEveryKeyWithItsTypeDefaultAndSecrecy() {
        var run = LauncherRun.of(root, "settings", "megatests");
        assertEquals(0, run.code(), run.err());
        assertTrue(
                run.out().contains("megatests:towerAccessToken\n  Seqera Platform token"),
                run.out());
        assertTrue(run.out().contains("  secret: yes"), run.out());
        assertTrue(run.out().contains("  environment: $TOWER_ACCESS_TOKEN"), run.out());
        var markdown = LauncherRun.of(root, "settings", "pipeweave", "--markdown");
        assertTrue(
                markdown.out()
                        .contains(
                                "| `pipeweave:glacierTransitionDays` | integer | none (optional) | 1 to 36500 |"),
                markdown.out());
        var unknown = LauncherRun.of(root, "settings", "pipewave");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("known: "), unknown.err());
    }

    @Test
    void graphDrawsTheTreeProvidersAndDependencies() {
        var mermaid = LauncherRun.of(root, "graph", "pipeweave-production");
        assertEquals(0, mermaid.code(), mermaid.err());
        assertTrue(mermaid.out().startsWith("flowchart LR\n"), mermaid.out());
        assertTrue(
                mermaid.out().contains("[\"+ access<br/>labstacks:pipeweave:DatasetAccessRole\"]"),
                mermaid.out());
        assertTrue(mermaid.out().contains("{{\"aws<br/>pulumi:providers:aws\"}}"), mermaid.out());
        // The policy attachment (r5) waits for the policy (r3) and the role (r4).
        assertTrue(
                mermaid.out().contains("  r5 --> r3\n") && mermaid.out().contains("  r5 --> r4\n"),
                mermaid.out());
        var dot = LauncherRun.of(root, "graph", "-s", "pipeweave-production", "--format", "dot");
        assertEquals(0, dot.code(), dot.err());
        assertTrue(dot.out().startsWith("digraph \"labstacks/pipeweave-production\" {"), dot.out());
        assertTrue(dot.out().contains("subgraph cluster_r1 {"), dot.out());
        assertTrue(dot.out().contains("r5 -> r3;"), dot.out());
        assertTrue(dot.out().contains("[style=dashed, ltail=cluster_r1]"), dot.out());
    }

    private static String section(Path readme, String name) throws Exception {
        var text = Files.readString(readme);
        var begin = text.indexOf(GeneratedDocs.begin(name));
        var end = text.indexOf(GeneratedDocs.end(name));
        assertTrue(begin >= 0 && end > begin, readme + " has no generated " + name + " section");
        return text.substring(begin, end);
    }
}
