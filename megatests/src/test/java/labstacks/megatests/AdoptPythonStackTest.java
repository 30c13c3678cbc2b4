package labstacks.megatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labstacks.offline.adopt.Adoption;
import labstacks.offline.adopt.AdoptionOutput;
import labstacks.offline.adopt.StateExport;
import labstacks.offline.plan.Plan;
import labstacks.offline.testing.ProgramHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adopting nf-core's live stack. The exports here are written from the Python program's facts, not from
 * this plan. Provenance:
 * <ul>
 *   <li>logical names, types, parents (none: every resource at the stack root), explicit providers
 *       {@code aws-provider}, {@code github-provider}, {@code seqera-provider}: nf-core/ops main @ baedcf9,
 *       {@code pulumi/AWSMegatests/__main__.py}, {@code src/providers/*.py}, {@code src/infrastructure/s3.py},
 *       {@code credentials.py}, {@code compute_environments.py}, {@code src/integrations/github.py},
 *       {@code github_credentials.py}, {@code workspace_participants_command.py}
 *       ({@code team-data-setup}, {@code team_sync_<login>} as {@code command:local:Command});</li>
 *   <li>compute environment fields: the same repository's {@code seqerakit/current-env-*.json} (copied to
 *       this module's compute-envs/*.json) and the 0.25.2 field names {@code waveEnabled},
 *       {@code fusion2Enabled}, {@code nvnmeStorageEnabled} of the committed SDK (ops PR #185 @ e2d7ab9,
 *       {@code pulumi_seqera/_inputs.py}); 0.30.5 names from terraform-provider-seqera v0.30.5
 *       {@code internal/provider/computeenv_resource.go};</li>
 *   <li>the export format: deployment version 3 ({@code pulumi stack export}), secrets as
 *       {@code {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": ...}}.</li>
 * </ul>
 */
class AdoptPythonStackTest {
    private static final String PREFIX = "urn:pulumi:prod::AWSMegatests::";
    private static final String ACCOUNT = "403827867894";

    @TempDir Path temp;

    private static Plan plan() {
        return plan(null);
    }

    /** The plan with {@code megatests:importIds} set to {@code importIds} (JSON), or unset. */
    private static Plan plan(String importIds) {
        var harness =
                ProgramHarness.forStackFile(new MegatestsProgram(), "megatests-prod")
                        .secret("megatests:towerAccessToken", "t")
                        .secret("megatests:githubToken", "g")
                        .secret("megatests:platformGithubOrgToken", "p");
        if (importIds != null) {
            harness = harness.config("megatests:importIds", importIds);
        }
        return harness.run().assertSucceeded().plan();
    }

    /** The Python program's state; {@code refreshed}: compute environments as 0.30.5 reads them back. */
    private static List<Map<String, Object>> pythonState(boolean refreshed) {
        var resources = new ArrayList<Map<String, Object>>();
        resources.add(
                resource("pulumi:pulumi:Stack", "AWSMegatests-prod", false, null, Map.of(), null));
        resources.add(
                resource(
                        "pulumi:providers:aws",
                        "aws-provider",
                        true,
                        "4b1f",
                        Map.of("region", "eu-west-1"),
                        null));
        resources.add(
                resource(
                        "pulumi:providers:github",
                        "github-provider",
                        true,
                        "9c2e",
                        Map.of("owner", "nf-core"),
                        null));
        resources.add(
                resource(
                        "pulumi:providers:seqera",
                        "seqera-provider",
                        true,
                        "77aa",
                        Map.of("serverUrl", "https://api.cloud.seqera.io"),
                        null));
        resources.add(
                resource(
                        "aws:s3/bucket:Bucket",
                        "nf-core-awsmegatests",
                        true,
                        "nf-core-awsmegatests",
                        Map.of("bucket", "nf-core-awsmegatests"),
                        "aws-provider"));
        resources.add(
                resource(
                        "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                        "nf-core-awsmegatests-lifecycle",
                        true,
                        "nf-core-awsmegatests",
                        Map.of("bucket", "nf-core-awsmegatests"),
                        "aws-provider"));
        resources.add(
                resource(
                        "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
                        "nf-core-awsmegatests-cors",
                        true,
                        "nf-core-awsmegatests",
                        Map.of("bucket", "nf-core-awsmegatests"),
                        "aws-provider"));
        var descriptions =
                Map.of(
                        "forge",
                                "IAM policy for TowerForge to create and manage AWS Batch resources",
                        "launch",
                                "IAM policy for TowerForge to launch and monitor pipeline executions",
                        "s3", "IAM policy for TowerForge to access nf-core-awsmegatests S3 bucket");
        var names =
                Map.of(
                        "forge",
                        "TowerForge-Forge-Policy",
                        "launch",
                        "TowerForge-Launch-Policy",
                        "s3",
                        "TowerForge-S3-Policy");
        for (var kind : List.of("forge", "launch", "s3")) {
            var arn = "arn:aws:iam::" + ACCOUNT + ":policy/" + names.get(kind);
            resources.add(
                    resource(
                            "aws:iam/policy:Policy",
                            "towerforge-" + kind + "-policy",
                            true,
                            arn,
                            Map.of(
                                    "name",
                                    names.get(kind),
                                    "description",
                                    descriptions.get(kind),
                                    "path",
                                    "/"),
                            "aws-provider"));
            resources.add(
                    resource(
                            "aws:iam/userPolicyAttachment:UserPolicyAttachment",
                            "towerforge-" + kind + "-policy-attachment",
                            true,
                            "TowerForge-AWSMegatests-2024",
                            Map.of("user", "TowerForge-AWSMegatests", "policyArn", arn),
                            "aws-provider"));
        }
        resources.add(
                resource(
                        "aws:iam/user:User",
                        "towerforge-user",
                        true,
                        "TowerForge-AWSMegatests",
                        Map.of("name", "TowerForge-AWSMegatests"),
                        "aws-provider"));
        resources.add(
                resource(
                        "aws:iam/accessKey:AccessKey",
                        "towerforge-access-key",
                        true,
                        "AKIAEXAMPLE",
                        Map.of("user", "TowerForge-AWSMegatests", "secret", secret()),
                        "aws-provider"));
        // The Seqera resources have no id attribute: the bridge stores "missing ID" as the Pulumi
        // id and the
        // real one only in the outputs (audit megatests.md Q1: pulumi-terraform-bridge
        // MissingIDComputeID).
        resources.add(
                resource(
                        "seqera:index/credential:Credential",
                        "towerforge-aws-credential",
                        true,
                        "missing ID",
                        Map.of(
                                "name",
                                "TowerForge-AWSMegatests-Dynamic",
                                "providerType",
                                "aws",
                                "credentialsId",
                                "5dzHq1"),
                        "seqera-provider"));
        resources.add(
                resource(
                        "seqera:index/credential:Credential",
                        "github-credential-nf-core-github-finegrained",
                        true,
                        "missing ID",
                        Map.of(
                                "name",
                                "nf-core-github-finegrained",
                                "providerType",
                                "github",
                                "credentialsId",
                                "3kPw9a"),
                        "seqera-provider"));
        for (var kind : ComputeEnvKind.values()) {
            resources.add(
                    resource(
                            "seqera:index/computeEnv:ComputeEnv",
                            kind.environmentName(),
                            true,
                            "missing ID",
                            Map.of(
                                    "workspaceId",
                                    59994744926013L,
                                    "computeEnvId",
                                    "4Xg" + kind.key() + "Live",
                                    "computeEnv",
                                    computeEnv(kind, refreshed, "5dzHq1")),
                            "seqera-provider"));
        }
        var variables =
                Map.of(
                        "tower-compute-env-cpu",
                        "TOWER_COMPUTE_ENV_CPU",
                        "tower-compute-env-gpu",
                        "TOWER_COMPUTE_ENV_GPU",
                        "tower-compute-env-arm",
                        "TOWER_COMPUTE_ENV_ARM",
                        "tower-workspace-id",
                        "TOWER_WORKSPACE_ID",
                        "legacy-aws-s3-bucket",
                        "AWS_S3_BUCKET");
        variables.forEach(
                (name, variable) ->
                        resources.add(
                                resource(
                                        "github:index/actionsOrganizationVariable:ActionsOrganizationVariable",
                                        name,
                                        true,
                                        variable,
                                        Map.of("variableName", variable, "visibility", "all"),
                                        "github-provider")));
        return resources;
    }

    /** A compute environment as the state holds it; the names of the flags depend on the provider version. */
    private static Map<String, Object> computeEnv(
            ComputeEnvKind kind, boolean refreshed, String credentialsId) {
        var spec = ComputeEnvSpec.load(kind.specResource());
        var forge = spec.forge();
        var batch = new LinkedHashMap<String, Object>();
        batch.put("region", spec.region());
        batch.put("workDir", spec.workDir());
        batch.put(refreshed ? "enableWave" : "waveEnabled", spec.waveEnabled());
        batch.put(refreshed ? "enableFusion" : "fusion2Enabled", spec.fusion2Enabled());
        batch.put(
                refreshed ? "nvmeStorageEnabled" : "nvnmeStorageEnabled",
                spec.nvmeStorageEnabled());
        batch.put("fusionSnapshots", spec.fusionSnapshots());
        batch.put("nextflowConfig", NextflowConfig.forKind(kind));
        var forgeState = new LinkedHashMap<String, Object>();
        forgeState.put("type", forge.type());
        forgeState.put("minCpus", forge.minCpus());
        forgeState.put("maxCpus", forge.maxCpus());
        forgeState.put("gpuEnabled", forge.gpuEnabled());
        forgeState.put("arm64Enabled", forge.arm64Enabled());
        forgeState.put("instanceTypes", forge.instanceTypes());
        forgeState.put("subnets", forge.subnets());
        forgeState.put("securityGroups", forge.securityGroups());
        forgeState.put("disposeOnDeletion", forge.disposeOnDeletion());
        forgeState.put(
                "allowBuckets",
                List.of(
                        "s3://ngi-igenomes",
                        "s3://nf-core-awsmegatests",
                        "s3://annotation-cache/"));
        forgeState.put("efsCreate", forge.efsCreate());
        forgeState.put("ebsBootSize", forge.ebsBootSize());
        forgeState.put("fargateHeadEnabled", forge.fargateHeadEnabled());
        batch.put("forge", forgeState);
        var env = new LinkedHashMap<String, Object>();
        env.put("name", kind.environmentName());
        env.put("platform", "aws-batch");
        env.put("credentialsId", credentialsId);
        env.put("description", kind.description() + " (IAM Policy Version: 78905f7f)");
        env.put("config", Map.of("awsBatch", batch));
        return env;
    }

    private static Map<String, Object> secret() {
        return Map.of(
                "4dabf18193072939515e22adb298388d",
                "1b47061264138c4ac30d75fd1eb44270",
                "ciphertext",
                "AAAB");
    }

    private static Map<String, Object> resource(
            String type,
            String name,
            boolean custom,
            String id,
            Map<String, Object> properties,
            String provider) {
        var resource = new LinkedHashMap<String, Object>();
        resource.put("urn", PREFIX + type + "::" + name);
        resource.put("custom", custom);
        if (id != null) {
            resource.put("id", id);
        }
        resource.put("type", type);
        resource.put("inputs", properties);
        resource.put("outputs", properties);
        if (!type.equals("pulumi:pulumi:Stack")) {
            resource.put("parent", PREFIX + "pulumi:pulumi:Stack::AWSMegatests-prod");
        }
        if (provider != null) {
            resource.put(
                    "provider",
                    PREFIX
                            + "pulumi:providers:"
                            + provider.substring(0, provider.indexOf('-'))
                            + "::"
                            + provider
                            + "::00000000-0000-0000-0000-000000000000");
        }
        return resource;
    }

    private Adoption.Report adopt(List<Map<String, Object>> resources) throws Exception {
        return adopt(resources, null);
    }

    private Adoption.Report adopt(List<Map<String, Object>> resources, String importIds)
            throws Exception {
        var file = temp.resolve("prod.json");
        write(file, resources);
        var plan = plan(importIds);
        return Adoption.compare(
                plan, StateExport.read(file).renamedTo(plan.project(), plan.stack()));
    }

    private static void write(Path file, List<Map<String, Object>> resources) throws IOException {
        var document =
                Map.of(
                        "version",
                        3,
                        "deployment",
                        Map.of(
                                "manifest",
                                Map.of(
                                        "time",
                                        "2026-11-20T10:00:00Z",
                                        "magic",
                                        "x",
                                        "version",
                                        "v3.190.0"),
                                "resources",
                                resources));
        Files.writeString(file, new Gson().toJson(document));
    }

    /** The three compute environments' entries, after the rename. */
    private static List<String> environmentUrns() {
        return Arrays.stream(ComputeEnvKind.values())
                .map(
                        kind ->
                                "urn:pulumi:megatests-prod::labstacks::seqera:index/computeEnv:ComputeEnv::"
                                        + kind.environmentName())
                .sorted()
                .toList();
    }

    /**
     * nf-core's program after 2025-08-11 (nf-core/ops 117d559): Seqera provider resources under its names,
     * participants added by command:local team sync (outside the state; the runbook drops the commands
     * from the state first). Everything is matched; a current member the workspace has but the lookup does
     * not find is a create until its import id is set, then nothing is created, replaced or deleted.
     */
    @Test
    void thePostAugust2025PythonStackAdoptsWithNothingCreatedReplacedOrDeletedOnceImportIdsAreSet()
            throws Exception {
        var before = adopt(pythonState(true));
        assertEquals(
                List.of(
                        "urn:pulumi:megatests-prod::labstacks::seqera:index/workspaceParticipant:WorkspaceParticipant"
                                + "::participant-example-core-bob"),
                before.create(),
                "the one member the lookup does not find");
        assertFalse(before.safe(), "a create of someone who may exist live is not safe");

        var report =
                adopt(pythonState(true), "{\"participant.example-core-bob\": \"bob@example.org\"}");
        assertEquals(List.of(), report.create());
        assertEquals(List.of(), report.replace(), String.valueOf(report.replace()));
        assertEquals(List.of(), report.delete());
        assertEquals(List.of(), report.uncompared());
        assertTrue(report.safe());
        // Every state entry is claimed: the stack, the providers, S3, IAM, credentials,
        // environments, variables.
        var renamed = "urn:pulumi:megatests-prod::labstacks::";
        assertEquals(
                pythonState(true).stream()
                        .map(
                                r ->
                                        renamed
                                                + r.get("urn")
                                                        .toString()
                                                        .substring(PREFIX.length())
                                                        .replace(
                                                                "pulumi:pulumi:Stack::AWSMegatests-prod",
                                                                "pulumi:pulumi:Stack::labstacks-megatests-prod"))
                        .sorted()
                        .toList(),
                report.matched().stream().map(Adoption.Match::stateUrn).sorted().toList());
        assertTrue(
                report.matched().stream()
                        .anyMatch(
                                m ->
                                        m.stateUrn()
                                                        .equals(
                                                                renamed
                                                                        + "github:index/actionsOrganizationVariable:ActionsOrganizationVariable::legacy-aws-s3-bucket")
                                                && m.urn().endsWith("::variable-aws-s3-bucket")));
        // The participants are imported by id: the live ones the lookup finds, and bob from the
        // setting.
        assertEquals(
                List.of(
                        "252464779077610/59994744926013/alice@example.org",
                        "252464779077610/59994744926013/bob@example.org",
                        "252464779077610/59994744926013/carol@example.org"),
                report.imports().stream().map(Adoption.Import::importId).sorted().toList());
        // Only components are accepted as new: they make nothing outside the state.
        assertTrue(
                report.accepted().stream().allMatch(a -> a.why().startsWith("a component")),
                report.accepted().toString());
    }

    /** An import id for what the state already holds makes the engine import it again and replace the entry. */
    @Test
    void anImportIdForAnEntryTheStateHoldsIsAReplace() throws Exception {
        var report =
                adopt(
                        pythonState(true),
                        "{\"computeEnv.cpu\": \"4XgcpuLive\","
                                + " \"participant.example-core-bob\": \"bob@example.org\"}");
        assertEquals(
                List.of(
                        "urn:pulumi:megatests-prod::labstacks::seqera:index/computeEnv:ComputeEnv::"
                                + ComputeEnvKind.CPU.environmentName()),
                report.replace().stream().map(Adoption.Replace::stateUrn).toList());
        assertEquals(
                List.of(
                        "import id \"{\"compute_env_id\":\"4XgcpuLive\",\"workspace_id\":59994744926013}\" differs from"
                                + " the state's id \"missing ID\": the engine imports it again and replaces this entry; leave the import id"
                                + " unset for a resource the state already holds"),
                report.replace().get(0).reasons());
        assertFalse(report.safe());
    }

    /**
     * nf-core's export of 2025-08 (seqerakit era) after the runbook's hinted `pulumi state delete`s: the
     * commands and old providers are gone, and the state holds no compute environment, credential or CORS
     * configuration, although all of them exist live. Adopt must not call that safe: it names each one as a
     * create needing an import id; with the ids set, they are imported.
     */
    @Test
    void afterTheHintedStateDeletesAPreAugust2025StateNamesWhatNeedsAnImportId() throws Exception {
        var state = pythonState(false);
        state.removeIf(
                r ->
                        r.get("type").toString().startsWith("seqera:")
                                || r.get("type").equals("pulumi:providers:seqera")
                                || r.get("type").toString().contains("bucketCorsConfigurationV2"));
        var report = adopt(state);
        assertFalse(report.safe(), "exit 1");
        var prefix =
                "urn:pulumi:megatests-prod::labstacks::labstacks:megatests:SeqeraComputeEnvironments$";
        var expected = new ArrayList<String>();
        for (var kind : ComputeEnvKind.values()) {
            expected.add(prefix + "seqera:index/computeEnv:ComputeEnv::" + kind.environmentName());
        }
        expected.add(
                prefix
                        + "seqera:index/credential:Credential::github-credential-nf-core-github-finegrained");
        expected.add(prefix + "seqera:index/credential:Credential::towerforge-aws-credential");
        expected.add(
                "urn:pulumi:megatests-prod::labstacks::labstacks:megatests:MegatestsBucket$"
                        + "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2::nf-core-awsmegatests-cors");
        assertTrue(report.create().containsAll(expected), report.create().toString());
        var text = AdoptionOutput.text(report);
        for (var urn : expected) {
            assertTrue(
                    text.contains(
                            "    + "
                                    + urn
                                    + "  create: not in the state, no import id, not accepted"),
                    text);
        }
        assertTrue(text.contains("give it an import id, or --accept-create URN"), text);

        var imported =
                adopt(
                        state,
                        "{\"computeEnv.cpu\": \"4XgcpuLive\", \"computeEnv.gpu\": \"4XggpuLive\","
                                + " \"computeEnv.arm\": \"4XgarmLive\", \"credential.aws\": \"5dzHq1\", \"credential.github\": \"3kPw9a\","
                                + " \"bucket.cors\": \"nf-core-awsmegatests\", \"participant.example-core-bob\": \"bob@example.org\"}");
        assertEquals(List.of(), imported.create(), imported.create().toString());
        assertTrue(
                imported.imports().stream()
                        .anyMatch(
                                i ->
                                        i.importId()
                                                .equals(
                                                        "{\"compute_env_id\":\"4XgcpuLive\",\"workspace_id\":59994744926013}")),
                imported.imports().toString());
        assertTrue(imported.imports().stream().anyMatch(i -> i.importId().equals("3kPw9a")));
        // The 0.25.2 state's environments are not in this state at all, so nothing else differs.
        assertEquals(List.of(), imported.delete());
    }

    @Test
    void aStateWrittenBySeqera0252ReplacesTheEnvironmentsUntilRefreshed() throws Exception {
        var report = adopt(pythonState(false));
        assertEquals(
                environmentUrns(),
                report.replace().stream().map(Adoption.Replace::stateUrn).sorted().toList());
        var reasons = String.join("\n", report.replace().get(0).reasons());
        assertTrue(
                reasons.contains("computeEnv.config.awsBatch.enableWave: not in the state"),
                reasons);
        assertTrue(reasons.contains("waveEnabled=true"), reasons);
        assertTrue(
                reasons.contains("fusion2Enabled=true")
                        && reasons.contains("nvnmeStorageEnabled=true"),
                reasons);
        assertTrue(reasons.contains("pulumi refresh"), reasons);
        assertFalse(report.safe());
    }

    @Test
    void theOriginalsAllowBucketsOrderMatchesAndAnotherOrderReplaces() throws Exception {
        var state = pythonState(true);
        for (var resource : state) {
            if (resource.get("type").equals("seqera:index/computeEnv:ComputeEnv")) {
                @SuppressWarnings("unchecked")
                var env =
                        (Map<String, Object>)
                                ((Map<String, Object>) resource.get("outputs")).get("computeEnv");
                @SuppressWarnings("unchecked")
                var forge =
                        (Map<String, Object>)
                                ((Map<String, Object>)
                                                ((Map<String, Object>) env.get("config"))
                                                        .get("awsBatch"))
                                        .get("forge");
                forge.put(
                        "allowBuckets",
                        List.of(
                                "s3://ngi-igenomes",
                                "s3://annotation-cache/",
                                "s3://nf-core-awsmegatests"));
            }
        }
        var report = adopt(state);
        assertEquals(
                environmentUrns(),
                report.replace().stream().map(Adoption.Replace::stateUrn).sorted().toList());
        assertTrue(
                report.replace()
                        .get(0)
                        .reasons()
                        .get(0)
                        .startsWith("computeEnv.config.awsBatch.forge.allowBuckets: "),
                report.replace().get(0).reasons().toString());
    }

    @Test
    void theParticipantCommandsAndExtraResourcesAreReportedAsDeletes() throws Exception {
        var state = pythonState(true);
        state.add(
                resource("pulumi:providers:command", "default_1_0_1", true, "c0", Map.of(), null));
        state.add(
                resource(
                        "command:local:Command", "team-data-setup", true, "setup", Map.of(), null));
        state.add(
                resource(
                        "command:local:Command",
                        "team_sync_example_core_alice",
                        true,
                        "sync",
                        Map.of(),
                        null));
        state.add(
                resource(
                        "aws:s3/bucketV2:BucketV2",
                        "someone-elses-bucket",
                        true,
                        "other",
                        Map.of("bucket", "other"),
                        "aws-provider"));
        var report = adopt(state);
        var renamed = "urn:pulumi:megatests-prod::labstacks::";
        assertEquals(
                List.of(
                        renamed + "aws:s3/bucketV2:BucketV2::someone-elses-bucket",
                        renamed + "command:local:Command::team-data-setup",
                        renamed + "command:local:Command::team_sync_example_core_alice",
                        renamed + "pulumi:providers:command::default_1_0_1"),
                report.delete().stream().sorted().toList());
        assertTrue(
                report.hints()
                        .get(
                                "urn:pulumi:megatests-prod::labstacks::command:local:Command::team-data-setup")
                        .contains("pulumi state delete"));
        assertFalse(report.safe());
    }

    @Test
    void aRenamedVariableWithoutItsAliasWouldBeCreatedTwice() throws Exception {
        var state = pythonState(true);
        state.removeIf(r -> r.get("urn").toString().endsWith("::tower-workspace-id"));
        state.add(
                resource(
                        "github:index/actionsOrganizationVariable:ActionsOrganizationVariable",
                        "old-workspace-variable",
                        true,
                        "TOWER_WORKSPACE_ID",
                        Map.of("variableName", "TOWER_WORKSPACE_ID"),
                        "github-provider"));
        var report = adopt(state);
        assertEquals(
                List.of("variableName=\"TOWER_WORKSPACE_ID\""),
                report.collisions().stream().map(Adoption.Collision::identity).toList());
        assertFalse(report.safe());
    }
}
