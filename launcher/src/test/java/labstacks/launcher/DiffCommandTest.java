package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./labstacks diff BASE.json HEAD.json} on real plans of the repository's pipeweave stacks. */
class DiffCommandTest {
    @TempDir Path temp;

    private Path plans() {
        var file = temp.resolve("base.json");
        var result =
                LauncherRun.of(
                        WorkflowsTest.ROOT,
                        "plan",
                        "pipeweave-staging",
                        "pipeweave-production",
                        "--json",
                        file.toString());
        assertEquals(0, result.code(), result.err());
        return file;
    }

    @Test
    void aRenamedBucketIsAReplaceAndTheOtherStackIsUnchanged() throws IOException {
        var base = plans();
        // The staging bucket's name is ForceNew: the same change a renamed setting would make.
        var plans = JsonParser.parseString(Files.readString(base)).getAsJsonArray();
        var staging =
                plans.get(
                                plans.get(0)
                                                .getAsJsonObject()
                                                .get("stack")
                                                .getAsString()
                                                .equals("pipeweave-staging")
                                        ? 0
                                        : 1)
                        .getAsJsonObject();
        var renamed = false;
        for (var resource : staging.getAsJsonArray("resources")) {
            var entry = resource.getAsJsonObject();
            if (entry.get("type").getAsString().equals("aws:s3/bucketV2:BucketV2")) {
                entry.getAsJsonObject("inputs").addProperty("bucket", "renamed-bucket");
                renamed = true;
            }
        }
        assertTrue(renamed, "pipeweave plans a BucketV2");
        var head = temp.resolve("head.json");
        Files.writeString(head, plans.toString());

        var text = LauncherRun.of(temp, "diff", base.toString(), head.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(
                text.out()
                        .contains(
                                "pipeweave-staging: changed (0 to add, 1 to replace, 0 to update, 0 to remove, "),
                text.out());
        assertTrue(text.out().contains("  +- aws:s3/bucketV2:BucketV2  "), text.out());
        assertTrue(text.out().contains("replaces on: bucket"), text.out());
        assertTrue(text.out().contains("pipeweave-production: unchanged"), text.out());
        assertTrue(
                text.out()
                        .contains(
                                "Stacks: 1 to preview and deploy (pipeweave-staging), 1 unchanged"),
                text.out());

        assertEquals(
                "pipeweave-staging\n",
                LauncherRun.of(temp, "diff", base.toString(), head.toString(), "--changed").out());
        var markdown =
                LauncherRun.of(
                                temp,
                                "diff",
                                base.toString(),
                                head.toString(),
                                "--format",
                                "markdown")
                        .out();
        assertTrue(markdown.contains("| pipeweave-staging | changed | 0 | 1 | 0 | 0 |"), markdown);
        var json =
                JsonParser.parseString(
                                LauncherRun.of(
                                                temp,
                                                "diff",
                                                base.toString(),
                                                head.toString(),
                                                "--format",
                                                "json")
                                        .out())
                        .getAsJsonObject();
        assertEquals(1, json.get("version").getAsInt());
        var statuses = new TreeMap<String, String>();
        json.getAsJsonArray("stacks")
                .forEach(
                        e ->
                                statuses.put(
                                        e.getAsJsonObject().get("stack").getAsString(),
                                        e.getAsJsonObject().get("status").getAsString()));
        assertEquals(
                Map.of("pipeweave-staging", "changed", "pipeweave-production", "unchanged"),
                statuses);
    }

    @Test
    void unreadableFilesAndUsageErrorsAreOneLine() throws IOException {
        var base = plans();
        var missing =
                LauncherRun.of(temp, "diff", base.toString(), temp.resolve("nope.json").toString());
        assertEquals(1, missing.code());
        assertTrue(
                missing.err().startsWith("error: ")
                        && missing.err().contains("nope.json: no such file"),
                missing.err());
        Files.writeString(
                temp.resolve("preview.json"), "{\"steps\": [], \"changeSummary\": {\"same\": 3}}");
        var notAPlan =
                LauncherRun.of(
                        temp, "diff", base.toString(), temp.resolve("preview.json").toString());
        assertEquals(1, notAPlan.code());
        assertTrue(notAPlan.err().contains("not a plan"), notAPlan.err());
        assertEquals(
                1, notAPlan.err().strip().lines().count(), "no stack trace: " + notAPlan.err());
        assertEquals(2, LauncherRun.of(temp, "diff", base.toString()).code());
        assertEquals(
                2,
                LauncherRun.of(temp, "diff", base.toString(), base.toString(), "--format", "html")
                        .code());
    }
}
