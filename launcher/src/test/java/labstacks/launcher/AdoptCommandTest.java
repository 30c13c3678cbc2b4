package labstacks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labstacks.offline.testing.ProgramHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code labstacks adopt} as a gate. Each export is what a {@code pulumi up} of today's plan would leave
 * ({@link PlanExport}); one thing is then changed, in the export or in a copy of the stack file, as the
 * audit of 2026-12-07 did (reliability.md part 4, ux.md U4), and adopt must exit 1 and say why. The
 * unchanged export is the control: exit 0.
 */
class AdoptCommandTest {

    @TempDir Path temp;

    private Path root() {
        return ProgramHarness.repositoryRoot();
    }

    /** A copy of the project and stack files, with {@code line} added to the config of {@code stack}. */
    private Path rootWith(String stack, String key, String value) {
        try {
            var copy = Files.createDirectories(temp.resolve("root"));
            try (var files = Files.list(root())) {
                for (var file :
                        files.filter(
                                        p ->
                                                p.getFileName()
                                                        .toString()
                                                        .matches("Pulumi(\\..+)?\\.yaml"))
                                .toList()) {
                    Files.copy(
                            file,
                            copy.resolve(file.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            var file = copy.resolve("Pulumi." + stack + ".yaml");
            var lines = new ArrayList<>(Files.readString(file).lines().toList());
            lines.removeIf(l -> l.startsWith("  " + key + ":"));
            lines.add("  " + key + ": " + value);
            Files.writeString(file, String.join("\n", lines) + "\n");
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PlanExport today(String stack) {
        return PlanExport.of(PlanExport.plan(root(), stack));
    }

    private record Adopted(LauncherRun run, JsonObject json) {
        List<String> reasons() {
            var all = new ArrayList<String>();
            json.getAsJsonArray("replace")
                    .forEach(
                            r ->
                                    r.getAsJsonObject()
                                            .getAsJsonArray("reasons")
                                            .forEach(
                                                    reason ->
                                                            all.add(
                                                                    r.getAsJsonObject()
                                                                                    .get("urn")
                                                                                    .getAsString()
                                                                            + ": "
                                                                            + reason
                                                                                    .getAsString())));
            return all;
        }

        List<String> replaced() {
            return json.getAsJsonArray("replace").asList().stream()
                    .map(r -> r.getAsJsonObject().get("urn").getAsString())
                    .toList();
        }
    }

    private Adopted adopt(Path root, String stack, PlanExport export, String... extra)
            throws IOException {
        var state = export.write(temp.resolve("state-" + stack + ".json"));
        var json = temp.resolve("adopt-" + stack + ".json");
        Files.deleteIfExists(json);
        var args =
                new ArrayList<>(
                        List.of(
                                "adopt",
                                stack,
                                "--state",
                                state.toString(),
                                "--json",
                                json.toString()));
        args.addAll(List.of(extra));
        var run = LauncherRun.of(root, args.toArray(String[]::new));
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        return new Adopted(
                run,
                Files.exists(json)
                        ? JsonParser.parseString(Files.readString(json)).getAsJsonObject()
                        : null);
    }

    @Test
    void theStateTodaysPlanLeavesIsSafeToAdopt() throws IOException {
        for (var stack :
                List.of(
                        "pipeweave-staging",
                        "pipeweave-development",
                        "megatests-prod",
                        "biositing-prod",
                        "moderate-prod")) {
            // Revealed (--show-secrets): a Kubernetes Secret's content is a replace trigger adopt
            // must compare.
            var adopted = adopt(root(), stack, PlanExport.of(PlanExport.plan(root(), stack), true));
            assertEquals(
                    0,
                    adopted.run().code(),
                    stack + ":\n" + adopted.run().out() + adopted.run().err());
            assertTrue(adopted.json().get("safe").getAsBoolean());
            assertTrue(adopted.run().out().contains("Safe to adopt"), adopted.run().out());
        }
    }

    @Test
    void aRenamedBucketIsAReplaceEvenThoughTheMocksUseTheNameAsId() throws IOException {
        var export = today("pipeweave-staging");
        export.set("aws:s3/bucketV2:BucketV2::datasets", "bucket", "some-other-bucket");
        var adopted = adopt(root(), "pipeweave-staging", export);
        assertEquals(1, adopted.run().code(), adopted.run().out());
        assertTrue(
                adopted.reasons().stream()
                        .anyMatch(
                                r ->
                                        r.endsWith(
                                                "::datasets: bucket: \"some-other-bucket\" in the state, "
                                                        + "\"pipeweave-datasets-staging\" planned")),
                adopted.reasons().toString());
        assertTrue(adopted.run().out().contains("Not safe to adopt"), adopted.run().out());
    }

    @Test
    void aRenamedRoleIsAReplace() throws IOException {
        var export = today("pipeweave-staging");
        export.set("aws:iam/role:Role::access", "name", "old-role-name");
        var adopted = adopt(root(), "pipeweave-staging", export);
        assertEquals(1, adopted.run().code(), adopted.run().out());
        assertTrue(
                adopted.reasons().stream()
                        .anyMatch(
                                r ->
                                        r.contains(
                                                "aws:iam/role:Role::access: name: \"old-role-name\" in the state")),
                adopted.reasons().toString());
    }

    @Test
    void aRenamedGithubVariableIsAReplace() throws IOException {
        var export = today("megatests-prod");
        var variable =
                export.resources.stream()
                        .filter(
                                r ->
                                        r.get("type")
                                                        .toString()
                                                        .endsWith("ActionsOrganizationVariable")
                                                && ((Map<?, ?>) r.get("inputs"))
                                                        .get("variableName")
                                                        .equals("AWS_S3_BUCKET"))
                        .findFirst()
                        .orElseThrow();
        ((Map<String, Object>) variable.get("inputs")).put("variableName", "AWS_S3_BUCKET_OLD");
        ((Map<String, Object>) variable.get("outputs")).put("variableName", "AWS_S3_BUCKET_OLD");
        var adopted = adopt(root(), "megatests-prod", export);
        assertEquals(1, adopted.run().code(), adopted.run().out());
        assertTrue(
                adopted.reasons().stream()
                        .anyMatch(
                                r ->
                                        r.contains(
                                                "variableName: \"AWS_S3_BUCKET_OLD\" in the state, "
                                                        + "\"AWS_S3_BUCKET\" planned")),
                adopted.reasons().toString());
    }

    @Test
    void aNewPipeweaveBucketNameInDevelopmentIsAReplace() throws IOException {
        var export = today("pipeweave-development");
        var adopted =
                adopt(
                        rootWith(
                                "pipeweave-development",
                                "pipeweave:bucketName",
                                "pipeweave-dev-renamed"),
                        "pipeweave-development",
                        export);
        assertEquals(1, adopted.run().code(), adopted.run().out());
        assertTrue(
                adopted.reasons().stream()
                        .anyMatch(
                                r ->
                                        r.contains("::datasets: bucket: ")
                                                && r.endsWith("\"pipeweave-dev-renamed\" planned")),
                adopted.reasons().toString());
    }

    @Test
    void aKubernetesSecretsContentInCiphertextCannotBeCompared() throws IOException {
        var adopted = adopt(root(), "biositing-prod", today("biositing-prod"));
        assertEquals(1, adopted.run().code(), adopted.run().out());
        assertFalse(adopted.json().get("safe").getAsBoolean());
        // Ciphertext says nothing about the content: "cannot compare", never "equal".
        var uncompared = adopted.json().getAsJsonArray("uncompared").toString();
        assertTrue(
                uncompared.contains("core/v1:Secret::")
                        && uncompared.contains("stringData")
                        && uncompared.contains("ciphertext"),
                uncompared);
    }

    @Test
    void aChangedStorageClassOrClaimTemplateIsAReplace() throws IOException {
        var export = today("biositing-prod");
        var moved = rootWith("biositing-prod", "biositing:storageClass", "fast");
        // The plan refuses a storage class on a stack that keeps its data unless the move is
        // declared deliberate.
        Files.writeString(
                moved.resolve("Pulumi.biositing-prod.yaml"),
                "  biositing:allowDataRelocation: \"true\"\n",
                StandardOpenOption.APPEND);
        var adopted = adopt(moved, "biositing-prod", export);
        assertEquals(1, adopted.run().code(), adopted.run().out());
        assertTrue(
                adopted.reasons().stream()
                        .anyMatch(
                                r ->
                                        r.contains("PersistentVolumeClaim::")
                                                && r.contains("spec.storageClassName")),
                adopted.reasons().toString());

        var bigger =
                adopt(
                        rootWith("biositing-prod", "biositing:postgresStorage", "100Gi"),
                        "biositing-prod",
                        today("biositing-prod"));
        assertEquals(1, bigger.run().code(), bigger.run().out());
        assertTrue(
                bigger.reasons().stream()
                        .anyMatch(
                                r ->
                                        r.contains("StatefulSet::")
                                                && r.contains("spec.volumeClaimTemplates")),
                bigger.reasons().toString());
    }

    @Test
    void aChangedRegionReplacesTheProviderAndEverythingItManages() throws IOException {
        var export = today("pipeweave-development");
        var adopted =
                adopt(
                        rootWith("pipeweave-development", "aws:region", "us-west-2"),
                        "pipeweave-development",
                        export);
        assertEquals(1, adopted.run().code(), adopted.run().out());
        assertTrue(
                adopted.reasons().stream()
                        .anyMatch(
                                r ->
                                        r.contains("pulumi:providers:aws::")
                                                && r.contains(
                                                        "region: \"us-east-1\" in the state, \"us-west-2\" planned")),
                adopted.reasons().toString());
        assertTrue(
                adopted.reasons().stream()
                        .anyMatch(
                                r ->
                                        r.contains("::datasets: its provider")
                                                && r.contains("is replaced")),
                adopted.reasons().toString());
        var awsResources =
                PlanExport.plan(root(), "pipeweave-development").resources().stream()
                        .filter(r -> r.type().startsWith("aws:"))
                        .map(r -> r.urn())
                        .sorted()
                        .toList();
        assertEquals(
                awsResources,
                adopted.replaced().stream()
                        .filter(u -> !u.contains("pulumi:providers:"))
                        .sorted()
                        .toList(),
                "every AWS resource is replaced with its provider");
    }

    @Test
    void aChangedKubernetesContextReplacesEveryObject() throws IOException {
        var export = today("moderate-prod");
        var adopted =
                adopt(
                        rootWith("moderate-prod", "kubernetes:context", "another-cluster"),
                        "moderate-prod",
                        export);
        assertEquals(1, adopted.run().code(), adopted.run().out());
        assertTrue(
                adopted.reasons().stream()
                        .anyMatch(
                                r ->
                                        r.contains("pulumi:providers:kubernetes::")
                                                && r.contains(
                                                        "context: \"moderate-prod\" in the state, \"another-cluster\" planned")),
                adopted.reasons().toString());
        assertTrue(
                adopted.reasons().stream()
                        .anyMatch(
                                r ->
                                        r.contains("core/v1:Namespace::")
                                                && r.contains("is replaced")),
                adopted.reasons().toString());
    }

    @Test
    void aPendingOperationIsReported() throws IOException {
        var export = today("pipeweave-production");
        var bucket = export.entry("aws:s3/bucketV2:BucketV2::datasets");
        export.pending.add(
                Map.of(
                        "resource",
                        Map.of("urn", bucket.get("urn"), "type", bucket.get("type")),
                        "type",
                        "deleting"));
        var adopted = adopt(root(), "pipeweave-production", export);
        assertEquals(1, adopted.run().code(), adopted.run().out());
        assertEquals(
                "deleting",
                adopted.json()
                        .getAsJsonArray("pending")
                        .get(0)
                        .getAsJsonObject()
                        .get("type")
                        .getAsString());
        assertTrue(
                adopted.run().out().contains("pending operation: deleting"), adopted.run().out());
        assertTrue(adopted.run().out().contains("1 interrupted operation(s)"), adopted.run().out());
    }

    @Test
    void aSecretReplaceTriggerIsComparedWhenRevealedAndCannotCompareOtherwise() throws IOException {
        var export = today("pipeweave-staging");
        export.set("aws:s3/bucketV2:BucketV2::datasets", "bucket", PlanExport.ciphertext());
        var hidden = adopt(root(), "pipeweave-staging", export);
        assertEquals(1, hidden.run().code(), hidden.run().out());
        var uncompared = hidden.json().getAsJsonArray("uncompared").get(0).getAsJsonObject();
        assertEquals("bucket", uncompared.get("path").getAsString());
        assertTrue(
                uncompared.get("why").getAsString().contains("ciphertext"), uncompared.toString());
        assertTrue(hidden.run().out().contains("cannot compare bucket"), hidden.run().out());
        assertFalse(
                hidden.run().out().contains("AAAAEXAMPLECIPHERTEXT"),
                "the ciphertext is never printed");

        export.set(
                "aws:s3/bucketV2:BucketV2::datasets",
                "bucket",
                PlanExport.plaintext("another-bucket"));
        var revealed = adopt(root(), "pipeweave-staging", export);
        assertEquals(1, revealed.run().code(), revealed.run().out());
        assertTrue(
                revealed.reasons().stream()
                        .anyMatch(
                                r ->
                                        r.endsWith(
                                                "bucket: the state's secret value differs from the planned one")),
                revealed.reasons().toString());
        assertFalse(
                revealed.run().out().contains("another-bucket"),
                "a secret's value is never printed");

        export.set(
                "aws:s3/bucketV2:BucketV2::datasets",
                "bucket",
                PlanExport.plaintext("pipeweave-datasets-staging"));
        assertEquals(
                0,
                adopt(root(), "pipeweave-staging", export).run().code(),
                "an equal revealed secret is equal");
    }

    @Test
    void aCreateNeedsAnImportIdOrAnExplicitAcceptance() throws IOException {
        var export = today("pipeweave-staging");
        export.remove("aws:iam/role:Role::access");
        var adopted = adopt(root(), "pipeweave-staging", export);
        assertEquals(1, adopted.run().code(), adopted.run().out());
        var create = adopted.json().getAsJsonArray("create").get(0).getAsString();
        assertTrue(create.endsWith("aws:iam/role:Role::access"), create);
        assertTrue(
                adopted.run().out().contains("give it an import id, or --accept-create URN"),
                adopted.run().out());

        var accepted = adopt(root(), "pipeweave-staging", export, "--accept-create", create);
        assertEquals(0, accepted.run().code(), accepted.run().out());
        assertEquals(
                create,
                accepted.json().getAsJsonArray("accepted").asList().stream()
                        .map(a -> a.getAsJsonObject())
                        .filter(a -> a.get("why").getAsString().equals("--accept-create"))
                        .findFirst()
                        .orElseThrow()
                        .get("urn")
                        .getAsString());

        var typo =
                adopt(
                        root(),
                        "pipeweave-staging",
                        today("pipeweave-staging"),
                        "--accept-create",
                        create + "x");
        assertEquals(0, typo.run().code());
        assertTrue(
                typo.json().getAsJsonArray("warnings").asList().stream()
                        .anyMatch(w -> w.getAsString().contains("the plan has no such resource")),
                typo.json().toString());
    }

    @Test
    void anExportOfAnotherStackNeedsRenamedFromNamingIt() throws IOException {
        var export =
                today("pipeweave-staging")
                        .movedTo("legacyproj", "dev", "labstacks", "pipeweave-staging");
        var refused = adopt(root(), "pipeweave-staging", export);
        assertEquals(1, refused.run().code());
        assertTrue(
                refused.run()
                        .err()
                        .contains(
                                "is the export of legacyproj/dev, not of labstacks/pipeweave-staging"),
                refused.run().err());
        assertTrue(
                refused.run().err().contains("--renamed-from ORG/legacyproj/dev"),
                refused.run().err());

        var wrong =
                adopt(root(), "pipeweave-staging", export, "--renamed-from", "acme/otherproj/dev");
        assertEquals(1, wrong.run().code());
        assertTrue(wrong.run().err().contains("does not name the stack of"), wrong.run().err());

        var renamed =
                adopt(root(), "pipeweave-staging", export, "--renamed-from", "acme/legacyproj/dev");
        assertEquals(0, renamed.run().code(), renamed.run().out() + renamed.run().err());
        assertEquals("legacyproj/dev", renamed.json().get("exportedAs").getAsString());
        assertEquals("acme/legacyproj/dev", renamed.json().get("renamedFrom").getAsString());
        assertTrue(
                renamed.run()
                        .out()
                        .contains(
                                "reading it as `pulumi stack rename acme/labstacks/pipeweave-staging` leaves it"),
                renamed.run().out());

        assertEquals(
                2,
                adopt(root(), "pipeweave-staging", export, "--renamed-from", "legacyproj/dev")
                        .run()
                        .code());
    }

    @Test
    void theJsonHoldsEverythingTheTextShowsAndHintsLookAtTheEntry() throws IOException {
        var export = today("pipeweave-staging");
        var stack = export.entry("pulumi:pulumi:Stack::labstacks-pipeweave-staging");
        var prefix = "urn:pulumi:pipeweave-staging::labstacks::";
        export.resources.add(
                Map.of(
                        "urn",
                        prefix + "command:local:Command::harmless",
                        "custom",
                        true,
                        "id",
                        "c1",
                        "type",
                        "command:local:Command",
                        "inputs",
                        Map.of("create", "echo hi"),
                        "outputs",
                        Map.of("create", "echo hi"),
                        "parent",
                        stack.get("urn")));
        export.resources.add(
                Map.of(
                        "urn",
                        prefix + "command:local:Command::cleanup",
                        "custom",
                        true,
                        "id",
                        "c2",
                        "type",
                        "command:local:Command",
                        "inputs",
                        Map.of("create", "echo hi", "delete", "tw compute-envs delete"),
                        "outputs",
                        Map.of("create", "echo hi", "delete", "tw compute-envs delete"),
                        "parent",
                        stack.get("urn")));
        var role = export.entry("aws:iam/role:Role::access");
        export.remove("aws:iam/role:Role::access");
        var renamedRole = new LinkedHashMap<>(role);
        renamedRole.put("urn", prefix + "aws:iam/role:Role::old-access");
        export.resources.add(renamedRole);
        var adopted = adopt(root(), "pipeweave-staging", export);
        assertEquals(1, adopted.run().code());
        var json = adopted.json();
        assertEquals(
                List.of(
                        "stack",
                        "state",
                        "exportedAs",
                        "renamedFrom",
                        "safe",
                        "summary",
                        "matched",
                        "create",
                        "import",
                        "accepted",
                        "delete",
                        "replace",
                        "collisions",
                        "uncompared",
                        "pending",
                        "warnings"),
                List.copyOf(json.keySet()));
        var hints = new HashMap<String, String>();
        json.getAsJsonArray("delete")
                .forEach(
                        d ->
                                hints.put(
                                        d.getAsJsonObject().get("stateUrn").getAsString(),
                                        d.getAsJsonObject().get("hint").isJsonNull()
                                                ? null
                                                : d.getAsJsonObject().get("hint").getAsString()));
        assertTrue(
                hints.get(prefix + "command:local:Command::harmless")
                        .contains("no delete script: deleting it runs nothing"));
        assertTrue(
                hints.get(prefix + "command:local:Command::cleanup")
                        .contains("with a delete script: `pulumi up` RUNS it"));
        for (var hint : hints.values()) {
            if (hint != null) {
                assertTrue(
                        adopted.run().out().contains(hint), "the text shows the hint too: " + hint);
            }
        }
        var collision = json.getAsJsonArray("collisions").get(0).getAsJsonObject();
        assertEquals(
                prefix + "aws:iam/role:Role::old-access", collision.get("stateUrn").getAsString());
        assertTrue(
                adopted.run()
                        .out()
                        .contains("exists already as " + prefix + "aws:iam/role:Role::old-access"),
                adopted.run().out());
        var summary = json.getAsJsonObject("summary");
        assertTrue(
                adopted.run()
                        .out()
                        .contains(
                                summary.get("matched").getAsInt()
                                        + " matched, "
                                        + summary.get("import").getAsInt()
                                        + " to import, "
                                        + summary.get("accepted").getAsInt()
                                        + " accepted as new, "
                                        + summary.get("create").getAsInt()
                                        + " to create, 0 to replace, 3 to delete, 1 created twice"),
                adopted.run().out());
    }

    @Test
    void theReportIsNeverWrittenOverAnInputOrAStackFile() throws IOException {
        var state = today("pipeweave-staging").write(temp.resolve("state.json"));
        var before = Files.readString(state);
        var result =
                LauncherRun.of(
                        root(),
                        "adopt",
                        "pipeweave-staging",
                        "--state",
                        state.toString(),
                        "--json",
                        state.toString());
        assertEquals(2, result.code());
        assertTrue(result.err().contains("is the --state export itself"), result.err());
        assertEquals(before, Files.readString(state));

        var stackFile = temp.resolve("Pulumi.pipeweave-staging.yaml");
        Files.writeString(stackFile, "config: {}\n");
        result =
                LauncherRun.of(
                        root(),
                        "adopt",
                        "pipeweave-staging",
                        "--state",
                        state.toString(),
                        "--json",
                        stackFile.toString());
        assertEquals(2, result.code());
        assertTrue(result.err().contains("is a Pulumi project or stack file"), result.err());
        assertEquals("config: {}\n", Files.readString(stackFile));
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        assertEquals(2, LauncherRun.of(temp, "adopt", "sample-dev").code());
        assertEquals(2, LauncherRun.of(temp, "adopt", "--state", "x.json").code());
        assertEquals(2, LauncherRun.of(temp, "adopt", "--all", "--state", "x.json").code());
        var result = LauncherRun.of(temp, "adopt", "sample-dev", "--state");
        assertEquals(2, result.code());
        assertTrue(
                result.err().contains("usage: ./labstacks adopt <stack> --state FILE"),
                result.err());
        assertTrue(
                LauncherRun.of(temp, "help")
                        .out()
                        .contains("./labstacks adopt <stack> --state FILE"));
    }
}
