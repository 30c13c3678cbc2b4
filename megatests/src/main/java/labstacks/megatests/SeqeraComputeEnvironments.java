package labstacks.megatests;

import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.CustomTimeouts;
import com.pulumi.seqera.ComputeEnv;
import com.pulumi.seqera.ComputeEnvArgs;
import com.pulumi.seqera.Credential;
import com.pulumi.seqera.CredentialArgs;
import com.pulumi.seqera.inputs.ComputeEnvComputeEnvArgs;
import com.pulumi.seqera.inputs.ComputeEnvComputeEnvConfigArgs;
import com.pulumi.seqera.inputs.ComputeEnvComputeEnvConfigAwsBatchArgs;
import com.pulumi.seqera.inputs.ComputeEnvComputeEnvConfigAwsBatchForgeArgs;
import com.pulumi.seqera.inputs.CredentialKeysArgs;
import com.pulumi.seqera.inputs.CredentialKeysAwsArgs;
import com.pulumi.seqera.inputs.CredentialKeysGithubArgs;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace's credentials and its three Batch Forge compute environments. Every environment's
 * description ends with the TowerForge policies' fingerprint, so a policy change replaces the
 * environments (TowerForge only applies policies when it builds one).
 */
public final class SeqeraComputeEnvironments extends ComponentResource {
    public static final String TYPE = "labstacks:megatests:SeqeraComputeEnvironments";
    public static final String AWS_CREDENTIAL = "TowerForge-AWSMegatests-Dynamic";
    public static final String GITHUB_CREDENTIAL = "nf-core-github-finegrained";
    public static final String GITHUB_CREDENTIAL_DESCRIPTION =
            "Fine-grained GitHub token to avoid rate limits when Platform pulls pipeline repositories";
    public static final String GITHUB_USERNAME = "nf-core-bot";
    private static final String CREDENTIAL_TYPE = "seqera:index/credential:Credential";

    private final Credential awsCredential;
    private final Credential githubCredential;
    private final Map<ComputeEnvKind, ComputeEnv> environments =
            new EnumMap<>(ComputeEnvKind.class);

    public SeqeraComputeEnvironments(
            String name, SeqeraComputeEnvironmentsArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var seqera = args.seqera();
        var workspace = (double) args.workspaceId();
        this.awsCredential =
                new Credential(
                        "towerforge-aws-credential",
                        CredentialArgs.builder()
                                .name(AWS_CREDENTIAL)
                                .description(
                                        "Dynamically created TowerForge credentials for AWS Megatests compute environments")
                                .providerType("aws")
                                .workspaceId(workspace)
                                .keys(
                                        CredentialKeysArgs.builder()
                                                .aws(
                                                        CredentialKeysAwsArgs.builder()
                                                                .accessKey(args.accessKeyId())
                                                                .secretKey(args.secretAccessKey())
                                                                .build())
                                                .build())
                                .build(),
                        imported(
                                        FormerNames.child(
                                                this,
                                                seqera,
                                                CREDENTIAL_TYPE,
                                                "towerforge-aws-credential"),
                                        args.liveIds().credential("aws"))
                                // keys.aws.secret_key is not marked sensitive by the provider; keep
                                // it secret anyway.
                                .additionalSecretOutputs("keys")
                                .customTimeouts(
                                        CustomTimeouts.builder()
                                                .create(Duration.ofMinutes(5))
                                                .update(Duration.ofMinutes(5))
                                                .delete(Duration.ofMinutes(2))
                                                .build())
                                .build());

        this.githubCredential =
                new Credential(
                        "github-credential-" + GITHUB_CREDENTIAL,
                        CredentialArgs.builder()
                                .name(GITHUB_CREDENTIAL)
                                .description(GITHUB_CREDENTIAL_DESCRIPTION)
                                .providerType("github")
                                // Scoped to the organization: an unscoped GitHub credential clashes
                                // with existing ones.
                                .baseUrl("https://github.com/" + args.githubOwner() + "/")
                                .workspaceId(workspace)
                                .keys(
                                        CredentialKeysArgs.builder()
                                                .github(
                                                        CredentialKeysGithubArgs.builder()
                                                                .username(GITHUB_USERNAME)
                                                                .password(args.githubToken())
                                                                .build())
                                                .build())
                                .build(),
                        imported(
                                        FormerNames.child(
                                                this,
                                                seqera,
                                                CREDENTIAL_TYPE,
                                                "github-credential-" + GITHUB_CREDENTIAL),
                                        args.liveIds().credential("github"))
                                .protect(true)
                                .additionalSecretOutputs("keys")
                                .build());

        var suffix = " (IAM Policy Version: " + args.policyFingerprint() + ")";
        for (var kind : ComputeEnvKind.values()) {
            var definition = args.environments().of(kind);
            // credentialsId comes from the AWS credential, which orders each environment after it.
            environments.put(
                    kind,
                    new ComputeEnv(
                            kind.environmentName(),
                            ComputeEnvArgs.builder()
                                    .workspaceId(workspace)
                                    .computeEnv(
                                            ComputeEnvComputeEnvArgs.builder()
                                                    .name(kind.environmentName())
                                                    .platform("aws-batch")
                                                    .credentialsId(awsCredential.credentialsId())
                                                    .description(kind.description() + suffix)
                                                    .config(
                                                            ComputeEnvComputeEnvConfigArgs.builder()
                                                                    .awsBatch(
                                                                            awsBatch(
                                                                                    definition
                                                                                            .spec(),
                                                                                    definition
                                                                                            .nextflowConfig()))
                                                                    .build())
                                                    .build())
                                    .build(),
                            imported(
                                            FormerNames.child(
                                                    this,
                                                    seqera,
                                                    "seqera:index/computeEnv:ComputeEnv",
                                                    kind.environmentName()),
                                            args.liveIds().computeEnv(kind, args.workspaceId()))
                                    // Names are unique per workspace: the old environment must go
                                    // before its replacement.
                                    .deleteBeforeReplace(true)
                                    .customTimeouts(
                                            CustomTimeouts.builder()
                                                    .create(Duration.ofMinutes(10))
                                                    .update(Duration.ofMinutes(10))
                                                    .delete(Duration.ofMinutes(5))
                                                    .build())
                                    .build()));
        }
        registerOutputs(Map.of());
    }

    /** Imports the live object when its id is known (megatests:importIds); the plan shows import=. */
    private static CustomResourceOptions.Builder imported(
            CustomResourceOptions.Builder options, Optional<String> importId) {
        importId.ifPresent(options::importId);
        return options;
    }

    static ComputeEnvComputeEnvConfigAwsBatchArgs awsBatch(
            ComputeEnvSpec spec, String nextflowConfig) {
        var forge = spec.forge();
        return ComputeEnvComputeEnvConfigAwsBatchArgs.builder()
                .region(spec.region())
                .workDir(spec.workDir())
                .enableWave(spec.waveEnabled())
                .enableFusion(spec.fusion2Enabled())
                .nvmeStorageEnabled(spec.nvmeStorageEnabled())
                .fusionSnapshots(spec.fusionSnapshots())
                .nextflowConfig(nextflowConfig)
                .forge(
                        ComputeEnvComputeEnvConfigAwsBatchForgeArgs.builder()
                                .type(forge.type())
                                .minCpus(forge.minCpus())
                                .maxCpus(forge.maxCpus())
                                .gpuEnabled(forge.gpuEnabled())
                                .arm64Enabled(forge.arm64Enabled())
                                .instanceTypes(forge.instanceTypes())
                                .subnets(forge.subnets())
                                .securityGroups(forge.securityGroups())
                                .disposeOnDeletion(forge.disposeOnDeletion())
                                .allowBuckets(spec.forge().allowBuckets())
                                .efsCreate(forge.efsCreate())
                                .ebsBootSize(forge.ebsBootSize())
                                .fargateHeadEnabled(forge.fargateHeadEnabled())
                                // dragenEnabled is not sent, as nf-core's program never sent it:
                                // the spec refuses true
                                // (ComputeEnvSpec.DRAGEN_REFUSED), and unsent the provider keeps
                                // the platform's value.
                                .build())
                .build();
    }

    public Credential awsCredential() {
        return awsCredential;
    }

    public Credential githubCredential() {
        return githubCredential;
    }

    public ComputeEnv environment(ComputeEnvKind kind) {
        return environments.get(kind);
    }
}
