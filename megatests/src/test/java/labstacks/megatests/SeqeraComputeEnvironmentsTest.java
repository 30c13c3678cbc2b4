package labstacks.megatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.plan.PlannedResource;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.providers.SeqeraAccess;
import labstacks.shared.providers.SeqeraProviders;
import org.junit.jupiter.api.Test;

class SeqeraComputeEnvironmentsTest {
    private static final String ROOT = "urn:pulumi:test::labstacks::";
    private static final String CE = "seqera:index/computeEnv:ComputeEnv";
    private static final String CREDENTIAL = "seqera:index/credential:Credential";
    private static final String BATCH = "computeEnv.config.awsBatch.";

    /** The module's own files, as prepare reads them. */
    private static ComputeEnvDefinitions moduleFiles() {
        var byKind = new EnumMap<ComputeEnvKind, ComputeEnvDefinition>(ComputeEnvKind.class);
        for (var kind : ComputeEnvKind.values()) {
            byKind.put(kind, ComputeEnvDefinition.read(kind));
        }
        return new ComputeEnvDefinitions(byKind);
    }

    private static StackRun run(ComputeEnvDefinitions definitions) {
        return ProgramHarness.component(
                        "seqera",
                        stack -> {
                            var seqera =
                                    SeqeraProviders.create(
                                            "seqera",
                                            new SeqeraAccess(
                                                    "https://api.example.org",
                                                    Output.ofSecret("t")));
                            var platform =
                                    new SeqeraComputeEnvironments(
                                            "seqera",
                                            SeqeraComputeEnvironmentsArgs.builder()
                                                    .workspaceId(4242L)
                                                    .githubOwner("acme")
                                                    .accessKeyId(Output.of("AKIATESTKEY"))
                                                    .secretAccessKey(
                                                            Output.ofSecret("secret-key-for-tests"))
                                                    .githubToken(
                                                            Output.ofSecret("gh-token-for-tests"))
                                                    .policyFingerprint("0badcafe")
                                                    .environments(definitions)
                                                    .seqera(seqera)
                                                    .build(),
                                            ComponentResourceOptions.Empty);
                            stack.pulumi()
                                    .export(
                                            "cpuId",
                                            platform.environment(ComputeEnvKind.CPU)
                                                    .computeEnvId());
                            stack.pulumi()
                                    .export(
                                            "githubCredentialId",
                                            platform.githubCredential().credentialsId());
                        })
                .run()
                .assertSucceeded();
    }

    @SuppressWarnings("unchecked")
    private static <T> T input(PlannedResource resource, String path) {
        return (T) PlanValues.reveal(resource.input(path));
    }

    @Test
    void theAwsCredentialCarriesTheKeyAndKeepsItsSecretSecret() {
        var aws = run(moduleFiles()).resource(CREDENTIAL, "towerforge-aws-credential");
        assertEquals(SeqeraComputeEnvironments.AWS_CREDENTIAL, aws.inputs().get("name"));
        assertEquals("aws", aws.inputs().get("providerType"));
        assertEquals(4242L, ((Number) aws.inputs().get("workspaceId")).longValue());
        assertEquals("AKIATESTKEY", input(aws, "keys.aws.accessKey"));
        assertEquals("secret-key-for-tests", input(aws, "keys.aws.secretKey"));
        assertTrue(PlanValues.containsSecret(aws.inputs().get("keys")));
        assertEquals(List.of("keys"), aws.additionalSecretOutputs());
        assertFalse(aws.protect(), "rotates with the access key");
        assertEquals(
                Map.of(
                        "create",
                        "300000000000ns",
                        "update",
                        "300000000000ns",
                        "delete",
                        "120000000000ns"),
                aws.customTimeouts());
        assertEquals(List.of(ROOT + CREDENTIAL + "::towerforge-aws-credential"), aws.aliases());
        assertEquals("seqera", aws.provider());
    }

    @Test
    void theGithubCredentialIsProtectedAndScopedToTheOrganization() {
        var github =
                run(moduleFiles())
                        .resource(
                                CREDENTIAL,
                                "github-credential-" + SeqeraComputeEnvironments.GITHUB_CREDENTIAL);
        assertTrue(github.protect());
        assertEquals("https://github.com/acme/", github.inputs().get("baseUrl"));
        assertEquals(
                SeqeraComputeEnvironments.GITHUB_USERNAME, input(github, "keys.github.username"));
        assertInstanceOf(
                PlanValues.Secret.class,
                ((Map<?, ?>) ((Map<?, ?>) github.inputs().get("keys")).get("github"))
                        .get("password"));
        assertEquals(List.of("keys"), github.additionalSecretOutputs());
        assertEquals(
                List.of(ROOT + CREDENTIAL + "::github-credential-nf-core-github-finegrained"),
                github.aliases());
    }

    @Test
    void eachEnvironmentFollowsItsDefinitionFromTheArgs() {
        // A definition that differs from the module's files: the component reads nothing itself.
        var files = moduleFiles();
        var byKind = new EnumMap<>(files.byKind());
        var cpuText =
                resourceText(ComputeEnvKind.CPU.specResource())
                        .replace("\"maxCpus\": 1000", "\"maxCpus\": 64");
        byKind.put(
                ComputeEnvKind.CPU,
                new ComputeEnvDefinition(
                        ComputeEnvSpec.parse(cpuText, "cpu.json"), "// test config"));
        var run = run(new ComputeEnvDefinitions(byKind));
        var cpu = run.resource(CE, ComputeEnvKind.CPU.environmentName());
        assertEquals(64, (Object) input(cpu, BATCH + "forge.maxCpus"));
        assertEquals("// test config", input(cpu, BATCH + "nextflowConfig"));
        var gpu = run.resource(CE, ComputeEnvKind.GPU.environmentName());
        assertEquals(
                files.of(ComputeEnvKind.GPU).nextflowConfig(),
                input(gpu, BATCH + "nextflowConfig"));
        assertEquals(
                List.of("g4dn", "g5", "c6id", "m6id", "r6id"),
                input(gpu, BATCH + "forge.instanceTypes"));
        assertEquals(true, input(gpu, BATCH + "forge.gpuEnabled"));
        assertEquals(
                true,
                input(
                        run.resource(CE, ComputeEnvKind.ARM.environmentName()),
                        BATCH + "forge.arm64Enabled"));
    }

    @Test
    void environmentsWaitForTheCredentialThroughItsIdAndReplaceByDeleteFirst() {
        var run = run(moduleFiles());
        for (var kind : ComputeEnvKind.values()) {
            var ce = run.resource(CE, kind.environmentName());
            assertEquals(kind.environmentName(), input(ce, "computeEnv.name"));
            assertEquals("aws-batch", input(ce, "computeEnv.platform"));
            assertEquals(
                    kind.description() + " (IAM Policy Version: 0badcafe)",
                    input(ce, "computeEnv.description"));
            assertEquals(
                    PlanValues.Unknown.VALUE,
                    input(ce, "computeEnv.credentialsId"),
                    "assigned by Seqera");
            assertEquals(
                    List.of("towerforge-aws-credential"),
                    ce.dependsOn(),
                    "no explicit dependsOn: the id carries it");
            assertTrue(ce.deleteBeforeReplace(), "names are unique per workspace");
            assertEquals(
                    Map.of(
                            "create",
                            "600000000000ns",
                            "update",
                            "600000000000ns",
                            "delete",
                            "300000000000ns"),
                    ce.customTimeouts());
            assertEquals(List.of(ROOT + CE + "::" + kind.environmentName()), ce.aliases());
            assertEquals("seqera", ce.provider());
        }
    }

    /**
     * dragenEnabled reaches no environment, although gpu.json says false. Provenance: nf-core/ops main @ baedcf9
     * {@code pulumi/AWSMegatests/src/infrastructure/compute_environments.py} ({@code create_forge_config}) never
     * sent it; terraform-provider-seqera v0.30.5 (87e7f751) {@code internal/provider/computeenv_resource.go} makes
     * forge {@code dragen_enabled} optional, computed and {@code RequiresReplaceIfConfigured}: unsent, the live
     * environments keep the platform's value and nothing replaces. ComputeEnvSpecTest has the binding side.
     */
    @Test
    void dragenEnabledIsNeverSent() {
        var run = run(moduleFiles());
        for (var kind : ComputeEnvKind.values()) {
            Map<String, Object> forge =
                    input(run.resource(CE, kind.environmentName()), BATCH + "forge");
            assertFalse(forge.containsKey("dragenEnabled"), kind + ": " + forge.keySet());
            assertNull(forge.get("dragenAmiId"));
        }
    }

    /** What the GitHub variables and the compute_env_ids and github_credential outputs read. */
    @Test
    void theIdsThePlatformAssignsAreOutputsUnknownUntilDeployment() {
        var run = run(moduleFiles());
        assertEquals(PlanValues.Unknown.VALUE, run.output("cpuId"));
        assertEquals(PlanValues.Unknown.VALUE, run.output("githubCredentialId"));
        assertFalse(run.outputs().toString().contains("secret-key-for-tests"));
    }

    private static String resourceText(String resource) {
        try (var stream =
                SeqeraComputeEnvironmentsTest.class
                        .getClassLoader()
                        .getResourceAsStream(resource)) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
