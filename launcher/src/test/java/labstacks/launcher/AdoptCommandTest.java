package labstacks.launcher;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code labstacks adopt} against hand-written {@code pulumi stack export} files (deployment version 3)
 * of an older project {@code legacyproj} and stack {@code dev}, taken over by the sample program's
 * {@code sample-dev}. The megatests module tests the same against nf-core's Python stack.
 */
class AdoptCommandTest {

    @TempDir
    Path temp;


    private LauncherRun run(String... args) throws IOException {
        Files.writeString(temp.resolve("Pulumi.yaml"), "name: labstacks\nruntime: java\n");
        Files.writeString(temp.resolve("Pulumi.sample-dev.yaml"), "config:\n  labstacks:program: sample\n"
                + "  labstacks:environment: dev\n  sample:token:\n    secure: v1:abc\n");
        return LauncherRun.of(temp, args);
    }

    private static String entry(String type, String name, String id, String properties) {
        var urn = "urn:pulumi:dev::legacyproj::" + type + "::" + name;
        return "{\"urn\":\"" + urn + "\",\"custom\":" + (id != null) + (id == null ? "" : ",\"id\":\"" + id + "\"")
                + ",\"type\":\"" + type + "\",\"inputs\":" + properties + ",\"outputs\":" + properties
                + (type.equals("pulumi:pulumi:Stack") ? "" : ",\"parent\":\"urn:pulumi:dev::legacyproj::pulumi:pulumi:Stack::legacyproj-dev\"")
                + "}";
    }

    private Path export(String bucketName, String... extra) throws IOException {
        var resources = new ArrayList<>(List.of(
                entry("pulumi:pulumi:Stack", "legacyproj-dev", null, "{}"),
                entry("pulumi:providers:aws", "aws", "p1", "{\"region\":\"eu-west-1\"}"),
                entry("aws:s3/bucketV2:BucketV2", "legacy", bucketName, "{\"bucket\":\"" + bucketName + "\"}"),
                entry("aws:iam/user:User", "robot", "robot", "{\"name\":\"robot\"}")));
        resources.addAll(List.of(extra));
        var file = temp.resolve("export.json");
        Files.writeString(file, "{\"version\":3,\"deployment\":{\"manifest\":{\"time\":\"2026-11-01T00:00:00Z\"},"
                + "\"resources\":[" + String.join(",", resources) + "]}}");
        return file;
    }

    @Test
    void anExportWhoseEntriesAllMatchExitsZeroAndWritesTheDocumentedJson() throws IOException {
        var state = export("legacy-bucket");
        var json = temp.resolve("out/adopt.json");
        var result = run("adopt", "sample-dev", "--state", state.toString(), "--json", json.toString());
        assertEquals(0, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("treating legacyproj/dev as renamed to labstacks/sample-dev"), result.out());
        var report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals(List.of("stack", "state", "matched", "create", "delete", "replace"), List.copyOf(report.keySet()));
        assertEquals("sample-dev", report.get("stack").getAsString());
        assertEquals(state.toString(), report.get("state").getAsString());
        var matched = report.getAsJsonArray("matched");
        assertEquals(4, matched.size());
        var bucket = matched.asList().stream().map(e -> e.getAsJsonObject())
                .filter(m -> m.get("urn").getAsString().endsWith("::legacy")).findFirst().orElseThrow();
        assertEquals(List.of("urn", "stateUrn", "id"), List.copyOf(bucket.keySet()));
        // pulumi stack rename rewrites project and stack, and renames the root stack resource.
        assertEquals("urn:pulumi:sample-dev::labstacks::aws:s3/bucketV2:BucketV2::legacy", bucket.get("stateUrn").getAsString());
        assertEquals("legacy-bucket", bucket.get("id").getAsString());
        assertTrue(matched.toString().contains("urn:pulumi:sample-dev::labstacks::pulumi:pulumi:Stack::labstacks-sample-dev"));
        assertTrue(report.getAsJsonArray("create").toString().contains("::robot-key"), "the key is new");
        assertEquals(0, report.getAsJsonArray("delete").size());
        assertEquals(0, report.getAsJsonArray("replace").size());
    }

    @Test
    void aChangedNameIsAReplaceAndAnUnclaimedEntryADelete() throws IOException {
        var state = export("other-bucket", entry("aws:iam/user:User", "retired", "retired", "{\"name\":\"retired\"}"));
        var json = temp.resolve("adopt.json");
        var result = run("adopt", "sample-dev", "--state", state.toString(), "--json", json.toString());
        assertEquals(1, result.code(), result.out() + result.err());
        var report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        var replace = report.getAsJsonArray("replace").get(0).getAsJsonObject();
        assertEquals(List.of("urn", "stateUrn", "reasons"), List.copyOf(replace.keySet()));
        assertEquals("bucket: \"other-bucket\" in the state, \"legacy-bucket\" planned",
                replace.getAsJsonArray("reasons").get(0).getAsString());
        assertEquals(List.of("urn:pulumi:sample-dev::labstacks::aws:iam/user:User::retired"),
                report.getAsJsonArray("delete").asList().stream().map(e -> e.getAsString()).toList());
        assertTrue(result.out().contains("1 to replace, 1 to delete"), result.out());
    }

    @Test
    void malformedAndForeignExportsAreErrorsNamingTheFile() throws IOException {
        var broken = temp.resolve("broken.json");
        Files.writeString(broken, "{\"version\": 3, \"deployment\": ");
        var result = run("adopt", "sample-dev", "--state", broken.toString());
        assertEquals(1, result.code());
        assertTrue(result.err().contains(broken + ": not JSON"), result.err());

        var old = temp.resolve("v2.json");
        Files.writeString(old, "{\"version\": 2, \"deployment\": {\"resources\": []}}");
        result = run("adopt", "sample-dev", "--state", old.toString());
        assertEquals(1, result.code());
        assertTrue(result.err().contains(old + ": deployment version 2, not 3"), result.err());

        var plan = temp.resolve("plan.json");
        Files.writeString(plan, "{\"project\": \"labstacks\", \"stack\": \"sample-dev\", \"resources\": []}");
        result = run("adopt", "sample-dev", "--state", plan.toString());
        assertEquals(1, result.code());
        assertTrue(result.err().contains(plan + ": no \"version\"; not a Pulumi stack export"), result.err());

        var versionedPlan = temp.resolve("plan-v1.json");
        assertEquals(0, run("plan", "sample-dev", "--json", versionedPlan.toString()).code());
        result = run("adopt", "sample-dev", "--state", versionedPlan.toString());
        assertEquals(1, result.code());
        assertTrue(result.err().contains("this is a labstacks plan (./labstacks plan --json), not a Pulumi stack export"),
                result.err());

        var mixed = temp.resolve("mixed.json");
        Files.writeString(mixed, "{\"version\":3,\"deployment\":{\"resources\":[" + entry("pulumi:pulumi:Stack", "a-dev", null, "{}")
                + "," + entry("aws:iam/user:User", "robot", "robot", "{}").replace("dev::legacyproj", "prod::other") + "]}}");
        result = run("adopt", "sample-dev", "--state", mixed.toString());
        assertEquals(1, result.code());
        assertTrue(result.err().contains("it mixes stacks"), result.err());
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        assertEquals(2, run("adopt", "sample-dev").code());
        assertEquals(2, run("adopt", "--state", "x.json").code());
        assertEquals(2, run("adopt", "--all", "--state", "x.json").code());
        var result = run("adopt", "sample-dev", "--state");
        assertEquals(2, result.code());
        assertTrue(result.err().contains("usage: ./labstacks adopt <stack> --state FILE"), result.err());
        assertFalse(run("help").out().isEmpty());
        assertTrue(run("help").out().contains("./labstacks adopt <stack> --state FILE"));
    }
}
