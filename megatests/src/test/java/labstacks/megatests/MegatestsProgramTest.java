package labstacks.megatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import labstacks.offline.plan.PlanJson;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.plan.PlannedResource;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.aws.LegacyBucket;
import labstacks.shared.config.ConfigProblem;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfigException;
import org.junit.jupiter.api.Test;

class MegatestsProgramTest {
    private static final String TOWER_TOKEN = "tower-token-for-tests-0001";
    private static final String GITHUB_TOKEN = "github-token-for-tests-0002";
    private static final String PLATFORM_TOKEN = "platform-token-for-tests-0003";
    private static final String CE = "seqera:index/computeEnv:ComputeEnv";
    private static final String CREDENTIAL = "seqera:index/credential:Credential";

    private static ProgramHarness prod() {
        return ProgramHarness.forStackFile(new MegatestsProgram(), "megatests-prod")
                .secret("megatests:towerAccessToken", TOWER_TOKEN)
                .secret("megatests:githubToken", GITHUB_TOKEN)
                .secret("megatests:platformGithubOrgToken", PLATFORM_TOKEN)
                .function(
                        "github:index/getTeam:getTeam",
                        args ->
                                Map.of(
                                        "id",
                                        "1",
                                        "slug",
                                        args.get("slug"),
                                        "members",
                                        args.get("slug").equals("core")
                                                ? List.of("alice", "bob")
                                                : List.of("bob", "carol", "dave")))
                .function(
                        "github:index/getUser:getUser",
                        args -> {
                            var login = (String) args.get("username");
                            return login.equals("dave")
                                    ? Map.of("id", "4", "username", login, "login", login)
                                    : Map.of(
                                            "id",
                                            "x",
                                            "username",
                                            login,
                                            "login",
                                            login,
                                            "email",
                                            login + "@example.org");
                        });
    }

    private static StackRun run() {
        return prod().run().assertSucceeded();
    }

    @SuppressWarnings("unchecked")
    private static <T> T input(PlannedResource resource, String path) {
        return (T) PlanValues.reveal(resource.input(path));
    }

    @Test
    void theBucketIsImportedProtectedWithLifecycleAndCors() {
        var run = run();
        var bucket = run.resource("aws:s3/bucket:Bucket", "nf-core-awsmegatests");
        assertEquals("nf-core-awsmegatests", bucket.importId());
        assertTrue(bucket.protect());
        assertTrue(bucket.ignoreChanges().containsAll(List.of("lifecycleRules", "versioning")));
        assertEquals(LegacyBucket.UNMANAGED_PROPERTIES, bucket.ignoreChanges());

        var lifecycle =
                run.resource(
                        "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                        "nf-core-awsmegatests-lifecycle");
        List<Map<String, Object>> rules = input(lifecycle, "rules");
        assertEquals(
                List.of(
                        "preserve-metadata-files",
                        "cleanup-temporary-files",
                        "cleanup-work-directory",
                        "cleanup-scratch-directory",
                        "cleanup-cache-directories",
                        "cleanup-dot-cache-directories",
                        "cleanup-incomplete-multipart-uploads"),
                rules.stream().map(r -> r.get("id")).toList());
        assertTrue(rules.stream().allMatch(r -> "Enabled".equals(r.get("status"))));
        assertEquals(
                Map.of("tag", Map.of("key", "nextflow.io/metadata", "value", "true")),
                rules.get(0).get("filter"));
        assertEquals(
                List.of(
                        Map.of("days", 30, "storageClass", "STANDARD_IA"),
                        Map.of("days", 90, "storageClass", "GLACIER")),
                rules.get(0).get("transitions"));
        assertEquals(
                Map.of("tag", Map.of("key", "nextflow.io/temporary", "value", "true")),
                rules.get(1).get("filter"));
        for (int i = 1; i <= 5; i++) {
            assertEquals(
                    Map.of("days", 30),
                    rules.get(i).get("expiration"),
                    rules.get(i).get("id").toString());
        }
        assertEquals(
                List.of("work/", "scratch/", "cache/", ".cache/"),
                rules.subList(2, 6).stream()
                        .map(r -> ((Map<?, ?>) r.get("filter")).get("prefix"))
                        .toList());
        assertEquals(
                Map.of("daysAfterInitiation", 7),
                rules.get(6).get("abortIncompleteMultipartUpload"));
        assertTrue(lifecycle.dependsOn().contains("nf-core-awsmegatests"));

        List<Map<String, Object>> cors =
                input(
                        run.resource(
                                "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
                                "nf-core-awsmegatests-cors"),
                        "corsRules");
        assertEquals(
                List.of("SeqeraDataExplorerAccess", "BrowserDirectAccess"),
                cors.stream().map(r -> r.get("id")).toList());
        assertEquals(
                List.of("GET", "HEAD", "POST", "PUT", "DELETE"), cors.get(0).get("allowedMethods"));
        assertEquals(
                List.of(
                        "https://*.cloud.seqera.io",
                        "https://*.tower.nf",
                        "https://cloud.seqera.io",
                        "https://tower.nf"),
                cors.get(0).get("allowedOrigins"));
        assertEquals(List.of("*"), cors.get(1).get("allowedOrigins"));
        assertEquals(
                List.of("Content-Range", "Content-Length", "ETag"),
                cors.get(1).get("exposeHeaders"));
        assertEquals(3000, cors.get(1).get("maxAgeSeconds"));
    }

    @Test
    void towerForgeIamHasThreePoliciesAUserAttachmentsAndASecretKey() {
        var run = run();
        assertEquals(
                List.of(
                        "TowerForge-Forge-Policy",
                        "TowerForge-Launch-Policy",
                        "TowerForge-S3-Policy"),
                run.resources("aws:iam/policy:Policy").stream()
                        .map(p -> (String) p.inputs().get("name"))
                        .sorted()
                        .toList());
        assertEquals(
                "IAM policy for TowerForge to access nf-core-awsmegatests S3 bucket",
                run.resource("aws:iam/policy:Policy", "towerforge-s3-policy")
                        .inputs()
                        .get("description"));
        assertEquals(
                "TowerForge-AWSMegatests",
                run.resource("aws:iam/user:User", "towerforge-user").inputs().get("name"));
        var attachments = run.resources("aws:iam/userPolicyAttachment:UserPolicyAttachment");
        var attachmentNames =
                List.of(
                        "towerforge-forge-policy-attachment",
                        "towerforge-launch-policy-attachment",
                        "towerforge-s3-policy-attachment");
        assertEquals(
                attachmentNames, attachments.stream().map(PlannedResource::name).sorted().toList());
        assertTrue(
                attachments.stream()
                        .allMatch(a -> "TowerForge-AWSMegatests".equals(a.inputs().get("user"))));
        var key = run.resource("aws:iam/accessKey:AccessKey", "towerforge-access-key");
        assertTrue(key.additionalSecretOutputs().contains("secret"));
        assertTrue(key.dependsOn().containsAll(attachmentNames), key.dependsOn().toString());
        assertEquals(
                List.of("nf-core-awsmegatests"),
                run.resource("aws:iam/policy:Policy", "towerforge-s3-policy").dependsOn(),
                "the bucket's Outputs order the S3 policy after the adopted bucket");
        @SuppressWarnings("unchecked")
        var iam = (Map<String, Object>) run.outputs().get("towerforge_iam");
        // The key, its secret and the user's ARN (which holds the account id) exist only after
        // deployment:
        // unknown, as pulumi preview shows them, never made up. The rest of the map is known.
        assertEquals(PlanValues.Unknown.VALUE, iam.get("access_key_secret"));
        assertEquals(PlanValues.Unknown.VALUE, iam.get("access_key_id"));
        assertEquals(
                Map.of("name", "TowerForge-AWSMegatests", "arn", PlanValues.Unknown.VALUE),
                iam.get("user"));
        assertEquals(
                "TowerForge-Forge-Policy",
                ((Map<?, ?>) iam.get("policies")).get("forge_policy_name"));
    }

    @Test
    void credentialsCarryTheKeysAsSecretsAndTheGithubOneIsProtected() {
        var run = run();
        var aws = run.resource(CREDENTIAL, "towerforge-aws-credential");
        assertEquals("TowerForge-AWSMegatests-Dynamic", aws.inputs().get("name"));
        assertEquals("aws", aws.inputs().get("providerType"));
        assertEquals(59994744926013L, ((Number) aws.inputs().get("workspaceId")).longValue());
        // The keys come from the access key AWS creates: unknown in the plan (and secret once
        // known).
        var keys = aws.inputs().get("keys");
        assertTrue(
                keys == PlanValues.Unknown.VALUE || keys.toString().contains("[unknown]"),
                String.valueOf(keys));
        assertFalse(String.valueOf(PlanValues.reveal(keys)).contains("AKIA"), String.valueOf(keys));
        assertEquals(
                Map.of(
                        "create",
                        "300000000000ns",
                        "update",
                        "300000000000ns",
                        "delete",
                        "120000000000ns"),
                aws.customTimeouts());
        var github = run.resource(CREDENTIAL, "github-credential-nf-core-github-finegrained");
        assertTrue(github.protect());
        assertEquals("https://github.com/nf-core/", github.inputs().get("baseUrl"));
        assertEquals("nf-core-bot", input(github, "keys.github.username"));
        assertEquals(PLATFORM_TOKEN, input(github, "keys.github.password"));
        assertTrue(PlanValues.containsSecret(github.inputs().get("keys")));
    }

    @Test
    void computeEnvironmentsComeFromTheirSpecsWithTheFingerprintedDescription() {
        var run = run();
        Map<String, Integer> maxCpus =
                Map.of(
                        "aws_ireland_fusionv2_nvme_cpu_snapshots",
                        1000,
                        "aws_ireland_fusionv2_nvme_gpu_snapshots",
                        500,
                        "aws_ireland_fusionv2_nvme_cpu_ARM_snapshots",
                        500);
        for (var kind : ComputeEnvKind.values()) {
            var ce = run.resource(CE, kind.environmentName());
            assertEquals(kind.environmentName(), input(ce, "computeEnv.name"));
            assertEquals("aws-batch", input(ce, "computeEnv.platform"));
            assertEquals(
                    kind.description() + " (IAM Policy Version: 78905f7f)",
                    input(ce, "computeEnv.description"));
            assertTrue(ce.deleteBeforeReplace());
            assertEquals(List.of("towerforge-aws-credential"), ce.dependsOn());
            assertEquals(
                    Map.of(
                            "create",
                            "600000000000ns",
                            "update",
                            "600000000000ns",
                            "delete",
                            "300000000000ns"),
                    ce.customTimeouts());
            var batch = "computeEnv.config.awsBatch.";
            assertEquals("eu-west-1", input(ce, batch + "region"));
            assertEquals("s3://nf-core-awsmegatests", input(ce, batch + "workDir"));
            assertEquals(true, input(ce, batch + "enableWave"));
            assertEquals(true, input(ce, batch + "enableFusion"));
            assertEquals(true, input(ce, batch + "nvmeStorageEnabled"));
            assertEquals(true, input(ce, batch + "fusionSnapshots"));
            assertEquals(NextflowConfig.forKind(kind), input(ce, batch + "nextflowConfig"));
            assertEquals("SPOT", input(ce, batch + "forge.type"));
            assertEquals(
                    maxCpus.get(kind.environmentName()),
                    (Object) input(ce, batch + "forge.maxCpus"));
            assertEquals(kind == ComputeEnvKind.GPU, input(ce, batch + "forge.gpuEnabled"));
            assertEquals(kind == ComputeEnvKind.ARM, input(ce, batch + "forge.arm64Enabled"));
            assertEquals(50, (Object) input(ce, batch + "forge.ebsBootSize"));
            assertEquals(true, input(ce, batch + "forge.fargateHeadEnabled"));
            // allow_buckets replaces on change (terraform-provider-seqera v0.30.5
            // docs/resources/compute_env.md):
            // the order of nf-core/ops main seqerakit/current-env-*.json, which the live
            // environments hold.
            assertEquals(
                    List.of(
                            "s3://ngi-igenomes",
                            "s3://nf-core-awsmegatests",
                            "s3://annotation-cache/"),
                    input(ce, batch + "forge.allowBuckets"));
            assertEquals(
                    List.of(
                            "urn:pulumi:megatests-prod::labstacks::seqera:index/computeEnv:ComputeEnv::"
                                    + kind.environmentName()),
                    ce.aliases(),
                    "the Python program's root-level name");
            assertEquals(59994744926013L, ((Number) ce.inputs().get("workspaceId")).longValue());
            assertEquals("seqera-provider", ce.provider());
            assertFalse(
                    ce.packageRef().isEmpty(),
                    "registered against the parameterized seqera package");
        }
    }

    @Test
    void githubVariablesAndLegacySecretsAreManaged() {
        var run = prod().config("megatests:manageLegacySecrets", "true").run().assertSucceeded();
        var variables =
                run.resources(
                        "github:index/actionsOrganizationVariable:ActionsOrganizationVariable");
        assertEquals(
                List.of(
                        "AWS_S3_BUCKET",
                        "TOWER_COMPUTE_ENV_ARM",
                        "TOWER_COMPUTE_ENV_CPU",
                        "TOWER_COMPUTE_ENV_GPU",
                        "TOWER_WORKSPACE_ID"),
                variables.stream()
                        .map(v -> (String) v.inputs().get("variableName"))
                        .sorted()
                        .toList());
        for (var variable : variables) {
            assertEquals("all", variable.inputs().get("visibility"));
            assertTrue(variable.deleteBeforeReplace());
            assertEquals(List.of("visibility"), variable.ignoreChanges());
            assertEquals("github-provider", variable.provider());
        }
        var cpuVariable =
                run.resource(
                        "github:index/actionsOrganizationVariable:ActionsOrganizationVariable",
                        "variable-tower-compute-env-cpu");
        // Seqera assigns the id when it creates the environment: unknown in the plan, not a made-up
        // id.
        var cpuId = ((Map<?, ?>) run.output("compute_env_ids")).get("cpu");
        assertEquals(PlanValues.Unknown.VALUE, cpuId);
        assertEquals(PlanValues.Unknown.VALUE, cpuVariable.inputs().get("value"));
        var workspaceVariable =
                run.resource(
                        "github:index/actionsOrganizationVariable:ActionsOrganizationVariable",
                        "variable-tower-workspace-id");
        assertEquals("59994744926013", workspaceVariable.inputs().get("value"));
        // nf-core/ops main src/integrations/github.py named it tower-workspace-id, at the stack
        // root.
        assertEquals(
                List.of(
                        "urn:pulumi:megatests-prod::labstacks::github:index/actionsOrganizationVariable:"
                                + "ActionsOrganizationVariable::tower-workspace-id"),
                workspaceVariable.aliases());
        assertEquals(
                List.of(
                        "urn:pulumi:megatests-prod::labstacks::github:index/actionsOrganizationVariable:"
                                + "ActionsOrganizationVariable::legacy-aws-s3-bucket"),
                run.resource(
                                "github:index/actionsOrganizationVariable:ActionsOrganizationVariable",
                                "variable-aws-s3-bucket")
                        .aliases());

        var secrets =
                run.resources("github:index/actionsOrganizationSecret:ActionsOrganizationSecret");
        assertEquals(
                List.of("TOWER_ACCESS_TOKEN", "TOWER_COMPUTE_ENV", "TOWER_WORKSPACE_ID"),
                secrets.stream().map(s -> (String) s.inputs().get("secretName")).sorted().toList());
        for (var secret : secrets) {
            var value = secret.inputs().get("plaintextValue");
            if (secret.inputs().get("secretName").equals("TOWER_COMPUTE_ENV")) {
                assertEquals(
                        PlanValues.Unknown.VALUE,
                        value,
                        "the CPU environment's id, assigned by Seqera");
                continue;
            }
            assertInstanceOf(PlanValues.Secret.class, value);
            assertTrue(secret.deleteBeforeReplace());
        }
    }

    @Test
    void legacySecretsDefaultToTheOriginalsGhCommandsWithoutTokens() {
        var run = run();
        assertTrue(
                run.resources("github:index/actionsOrganizationSecret:ActionsOrganizationSecret")
                        .isEmpty());
        @SuppressWarnings("unchecked")
        var github = (Map<String, Object>) run.output("github_resources");
        @SuppressWarnings("unchecked")
        var commands = (List<String>) github.get("manual_secret_commands");
        // The strings nf-core/ops main src/integrations/github.py (_create_gh_commands) printed;
        // the compute
        // environment's id is assigned by Seqera, so its command is unknown until deployment.
        assertEquals(
                List.of(
                        "gh secret set TOWER_WORKSPACE_ID --org nf-core --body \"59994744926013\" --visibility all",
                        PlanValues.Unknown.VALUE,
                        "OP_ACCOUNT=nf-core gh secret set TOWER_ACCESS_TOKEN --org nf-core "
                                + "--body \"$(op read 'op://Dev/Seqera Platform/TOWER_ACCESS_TOKEN')\" --visibility all"),
                commands);
        assertEquals(Map.of(), github.get("secrets"), "the original's secrets: {}");
        assertFalse(commands.toString().contains(TOWER_TOKEN));
    }

    @Test
    void teamMembersBecomeTopLevelParticipantsImportedWhenTheyExist() {
        // The program's fixture says alice@ (owner) and carol@ (launch) are participants already.
        var run = run();
        var participants = run.resources("seqera:index/workspaceParticipant:WorkspaceParticipant");
        assertEquals(
                List.of("participant-alice", "participant-bob", "participant-carol"),
                participants.stream().map(PlannedResource::name).sorted().toList());
        assertTrue(
                participants.stream()
                        .allMatch(
                                p ->
                                        p.parent().startsWith("labstacks-megatests-prod")
                                                || p.parentUrn().contains("pulumi:pulumi:Stack::")),
                "registered at the stack root");
        var bob =
                run.resource(
                        "seqera:index/workspaceParticipant:WorkspaceParticipant",
                        "participant-bob");
        assertEquals("owner", bob.inputs().get("role"), "core wins over maintainers");
        assertEquals(null, bob.importId(), "not a participant yet: created");
        assertEquals("bob@example.org", bob.inputs().get("email"));
        assertEquals(252464779077610L, ((Number) bob.inputs().get("orgId")).longValue());
        var carol =
                run.resource(
                        "seqera:index/workspaceParticipant:WorkspaceParticipant",
                        "participant-carol");
        // Import id format org_id/workspace_id/email: terraform-provider-seqera v0.30.5
        // docs/resources/workspace_participant.md.
        assertEquals("252464779077610/59994744926013/carol@example.org", carol.importId());
        assertEquals(
                "launch",
                carol.inputs().get("role"),
                "an existing member keeps the role they hold");
        assertFalse(
                carol.protect() || bob.protect(),
                "never protected: a member who leaves the teams would fail every preview, up and drift check");
        // bob is created now and found by the lookup next time: the engine then re-imports his
        // entry as a
        // replacement (pulumi/pulumi step_generator.go, isImport), whose delete must not remove
        // him.
        assertTrue(
                bob.retainOnDelete() && carol.retainOnDelete(),
                "participants are retained on delete");
        @SuppressWarnings("unchecked")
        var summary = (Map<String, Object>) run.output("workspace_participants");
        // Keys nf-core/ops scripts/parse_member_status.py reads.
        assertEquals(
                4, summary.get("total_tracked_members") instanceof Number n ? n.intValue() : -1);
        @SuppressWarnings("unchecked")
        var commands = (Map<String, Map<String, Object>>) summary.get("individual_member_commands");
        assertEquals("STATUS:EXISTS:email-withheld:LAUNCH", commands.get("carol").get("status"));
        assertEquals("STATUS:ADDED:email-withheld:OWNER", commands.get("bob").get("status"));
        assertEquals("STATUS:NO_EMAIL:email-withheld:MAINTAIN", commands.get("dave").get("status"));
        assertEquals(
                Map.of("alice", "owner", "bob", "owner", "carol", "launch"),
                summary.get("members"));
        assertEquals(List.of("dave"), summary.get("skipped_without_public_email"));
        assertFalse(summary.toString().contains("@example.org"), "no e-mail in outputs");

        var teams = prod().config("megatests:participantRoles", "teams").run().assertSucceeded();
        assertEquals(
                "maintain",
                teams.resource(
                                "seqera:index/workspaceParticipant:WorkspaceParticipant",
                                "participant-carol")
                        .inputs()
                        .get("role"));
    }

    @Test
    void aFailedLookupFailsTheDeploymentNamingTheTeamAndEmail() {
        var run =
                prod().function(
                                "seqera:index/getWorkspaceParticipant:getWorkspaceParticipant",
                                args -> {
                                    throw new IllegalStateException(
                                            "Unexpected API response: Status code: 403");
                                })
                        .run();
        assertFalse(
                run.plan().succeeded(), "dropping them silently would delete their state entries");
        var errors = String.join("\n", run.plan().errors());
        // Whichever member is looked up first fails the run; each error names the e-mail and the
        // team.
        assertTrue(
                Pattern.compile(
                                "lookup of (alice|bob|carol)@example\\.org \\(GitHub user \\1, team "
                                        + "(core|maintainers)\\) failed: Unexpected API response: Status code: 403")
                        .matcher(errors)
                        .find(),
                errors);
    }

    /** megatests:importIds: what the state lacks is imported with the provider's own import id format. */
    @Test
    void liveIdsFromTheSettingsBecomeImports() {
        var run =
                prod().config(
                                "megatests:importIds",
                                "{\"computeEnv.gpu\": \"6hGpuLive\", \"credential.aws\": \"5dzHq1\","
                                        + " \"variable.TOWER_WORKSPACE_ID\": \"TOWER_WORKSPACE_ID\", \"bucket.cors\": \"nf-core-awsmegatests\"}")
                        .run()
                        .assertSucceeded();
        // terraform-provider-seqera v0.30.5 computeenv_resource.go ImportState: JSON with exactly
        // these fields.
        assertEquals(
                "{\"compute_env_id\":\"6hGpuLive\",\"workspace_id\":59994744926013}",
                run.resource(
                                "seqera:index/computeEnv:ComputeEnv",
                                ComputeEnvKind.GPU.environmentName())
                        .importId());
        assertEquals(
                null,
                run.resource(
                                "seqera:index/computeEnv:ComputeEnv",
                                ComputeEnvKind.CPU.environmentName())
                        .importId());
        assertEquals(
                "5dzHq1",
                run.resource("seqera:index/credential:Credential", "towerforge-aws-credential")
                        .importId());
        assertEquals(
                "TOWER_WORKSPACE_ID",
                run.resource(
                                "github:index/actionsOrganizationVariable:ActionsOrganizationVariable",
                                "variable-tower-workspace-id")
                        .importId());
        assertEquals(
                "nf-core-awsmegatests",
                run.resource(
                                "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
                                "nf-core-awsmegatests-cors")
                        .importId());
        assertEquals(
                null,
                run().resource(
                                "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
                                "nf-core-awsmegatests-cors")
                        .importId(),
                "unset: created, as before");
    }

    @Test
    void outputsHaveTheDocumentedKeys() {
        var run = run();
        assertTrue(
                run.outputs()
                        .keySet()
                        .containsAll(
                                List.of(
                                        "megatests_bucket",
                                        "compute_env_ids",
                                        "workspace_id",
                                        "github_resources",
                                        "github_credential",
                                        "towerforge_iam",
                                        "workspace_participants",
                                        "deployment_method",
                                        "terraform_resources")));
        // github_resources keeps the Python program's keys (nf-core/ops main __main__.py).
        @SuppressWarnings("unchecked")
        var github = (Map<String, Object>) run.output("github_resources");
        assertEquals(
                Set.of("variables", "secrets", "manual_secret_commands", "note", "workaround_info"),
                github.keySet());
        @SuppressWarnings("unchecked")
        var variables = (Map<String, Object>) github.get("variables");
        assertEquals(
                Set.of("cpu", "gpu", "arm", "workspace_id", "legacy_s3_bucket"),
                variables.keySet());
        @SuppressWarnings("unchecked")
        var workaround = (Map<String, Object>) github.get("workaround_info");
        assertEquals(Set.of("issue_url", "workaround", "instructions"), workaround.keySet());
        assertEquals("terraform-provider", run.output("deployment_method"));
        @SuppressWarnings("unchecked")
        var terraform = (Map<String, Object>) run.output("terraform_resources");
        assertEquals(
                Set.of("cpu_env_id", "gpu_env_id", "arm_env_id", "deployment_method"),
                terraform.keySet());
        assertEquals("59994744926013", run.output("workspace_id"));
        @SuppressWarnings("unchecked")
        var ids = (Map<String, Object>) run.output("compute_env_ids");
        assertEquals(Set.of("cpu", "gpu", "arm"), ids.keySet());
        assertTrue(
                ids.values().stream().allMatch(id -> id == PlanValues.Unknown.VALUE),
                "assigned by Seqera: " + ids);
        @SuppressWarnings("unchecked")
        var credential = (Map<String, Object>) run.output("github_credential");
        assertEquals("nf-core-github-finegrained", credential.get("credential_name"));
        assertEquals(PlanValues.Unknown.VALUE, credential.get("credential_id"));
        @SuppressWarnings("unchecked")
        var bucket = (Map<String, Object>) run.output("megatests_bucket");
        assertEquals("arn:aws:s3:::nf-core-awsmegatests", bucket.get("arn"));
    }

    @Test
    void noTokenAppearsInThePlanJson() {
        var json = PlanJson.write(run().plan());
        for (var token : List.of(TOWER_TOKEN, GITHUB_TOKEN, PLATFORM_TOKEN)) {
            assertFalse(json.contains(token), "plan JSON contains a token");
        }
        assertFalse(
                json.contains("offline-plan-secret-access-key"),
                "the access key secret stays secret");
    }

    @Test
    void theWorkspaceIdMustBeNumericAndHasNoFallback() {
        var missing =
                assertThrows(
                        StackConfigException.class,
                        () -> prod().without("megatests:towerWorkspaceId").run());
        assertEquals(
                List.of("megatests:towerWorkspaceId"),
                missing.problems().stream().map(ConfigProblem::key).toList());
        assertTrue(
                missing.getMessage().contains("export TOWER_WORKSPACE_ID"), missing.getMessage());
        var text =
                assertThrows(
                        StackConfigException.class,
                        () -> prod().config("megatests:towerWorkspaceId", "ws-1").run());
        assertTrue(
                text.getMessage()
                        .contains(
                                "expected a whole number from 1 up to 2^53 (9007199254740992), the largest the provider's number type holds exactly, got \"ws-1\""),
                text.getMessage());
        var fromEnv =
                prod().without("megatests:towerWorkspaceId")
                        .env("TOWER_WORKSPACE_ID", "85085054091044")
                        .run()
                        .assertSucceeded();
        assertEquals("85085054091044", fromEnv.output("workspace_id"));
    }

    private static String specText(ComputeEnvKind kind) {
        try (var stream =
                MegatestsProgramTest.class
                        .getClassLoader()
                        .getResourceAsStream(kind.specResource())) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The program with {@code broken}'s spec file text edited; the other kinds read the module's files. */
    private static ProgramHarness withSpec(Map<ComputeEnvKind, UnaryOperator<String>> edits) {
        var program =
                new MegatestsProgram(
                        kind ->
                                !edits.containsKey(kind)
                                        ? ComputeEnvDefinition.read(kind)
                                        : new ComputeEnvDefinition(
                                                ComputeEnvSpec.parse(
                                                        edits.get(kind).apply(specText(kind)),
                                                        kind.specResource()),
                                                NextflowConfig.forKind(kind)));
        return ProgramHarness.forStackFile(program, "megatests-prod")
                .secret("megatests:towerAccessToken", TOWER_TOKEN)
                .secret("megatests:githubToken", GITHUB_TOKEN)
                .secret("megatests:platformGithubOrgToken", PLATFORM_TOKEN);
    }

    /** Spec files are read once, in prepare: a broken one stops the run before anything registers. */
    @Test
    void aSpecFileThatDoesNotBindStopsTheRunNamingTheFileTheFieldAndTheFix() {
        var e =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                withSpec(
                                                Map.of(
                                                        ComputeEnvKind.GPU,
                                                                text ->
                                                                        text.replace(
                                                                                "\"dragenEnabled\": false",
                                                                                "\"dragenEnabled\": true"),
                                                        ComputeEnvKind.ARM,
                                                                text ->
                                                                        text.replace(
                                                                                "\"maxCpus\"",
                                                                                "\"maxCpu\"")))
                                        .run());
        assertEquals(
                List.of(
                        new ConfigProblem(
                                ComputeEnvKind.GPU.specResource(),
                                ComputeEnvSpec.DRAGEN_REFUSED,
                                "fix megatests/src/main/resources/labstacks/megatests/compute-envs/gpu.json and rebuild (./labstacks build)"),
                        new ConfigProblem(
                                ComputeEnvKind.ARM.specResource(),
                                "field 'forge.maxCpu' is not a known field; did you mean 'maxCpus'? known: allowBuckets, arm64Enabled,"
                                        + " disposeOnDeletion, dragenEnabled, ebsBootSize, efsCreate, fargateHeadEnabled, gpuEnabled,"
                                        + " instanceTypes, maxCpus, minCpus, securityGroups, subnets, type",
                                "fix megatests/src/main/resources/labstacks/megatests/compute-envs/arm.json and rebuild (./labstacks build)")),
                e.problems());
        assertTrue(e.getMessage().contains("Pulumi.megatests-prod.yaml"), e.getMessage());
    }

    /** define gets the specs prepare read: an edited spec reaches the plan. */
    @Test
    void theEnvironmentsAreBuiltFromWhatPrepareRead() {
        var run =
                withSpec(
                                Map.of(
                                        ComputeEnvKind.CPU,
                                        text ->
                                                text.replace(
                                                        "\"maxCpus\": 1000", "\"maxCpus\": 900")))
                        .function(
                                "github:index/getTeam:getTeam",
                                args ->
                                        Map.of(
                                                "id",
                                                "1",
                                                "slug",
                                                args.get("slug"),
                                                "members",
                                                List.of()))
                        .run()
                        .assertSucceeded();
        assertEquals(
                900,
                (Object)
                        input(
                                run.resource(CE, ComputeEnvKind.CPU.environmentName()),
                                "computeEnv.config.awsBatch.forge.maxCpus"));
    }

    @Test
    void theOfflinePlanWarnsForMissingTokensAndShowsTheFixturesParticipants() {
        var plan =
                ProgramHarness.forStackFile(new MegatestsProgram(), "megatests-prod")
                        .mode(RunMode.PLAN)
                        .run()
                        .assertSucceeded();
        for (var key :
                List.of(
                        "megatests:towerAccessToken",
                        "megatests:githubToken",
                        "megatests:platformGithubOrgToken")) {
            assertTrue(
                    plan.warnings().stream().anyMatch(w -> w.startsWith(key + " is not set")),
                    key + ": " + plan.warnings());
        }
        // offline-participants.json: alice and carol exist (imported), bob is new, dave has no
        // public e-mail.
        var participants = plan.resources("seqera:index/workspaceParticipant:WorkspaceParticipant");
        assertEquals(
                List.of("import", "create", "import"),
                participants.stream()
                        .sorted(Comparator.comparing(PlannedResource::name))
                        .map(PlannedResource::operation)
                        .toList());
        assertEquals(
                "0.30.5",
                plan.plan().packages().stream()
                        .filter(p -> p.name().equals("seqera"))
                        .findFirst()
                        .orElseThrow()
                        .version());
    }
}
