package labstacks.megatests;

import com.pulumi.core.Output;
import com.pulumi.github.ActionsOrganizationSecret;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import labstacks.megatests.GithubOrganizationSettingsArgs.LegacySecret;
import labstacks.shared.config.RunMode;
import labstacks.shared.config.StackConfig;
import labstacks.shared.program.OfflineFunction;
import labstacks.shared.program.OrderedMap;
import labstacks.shared.program.PolicyException;
import labstacks.shared.program.Preflight;
import labstacks.shared.program.StackContext;
import labstacks.shared.program.StackProgram;
import labstacks.shared.providers.AwsAccess;
import labstacks.shared.providers.AwsProviders;
import labstacks.shared.providers.GitHubAccess;
import labstacks.shared.providers.GitHubProviders;
import labstacks.shared.providers.SeqeraAccess;
import labstacks.shared.providers.SeqeraProviders;

/** nf-core's AWS megatests: bucket, TowerForge IAM, Seqera Platform environments, GitHub organization settings. */
public final class MegatestsProgram implements StackProgram<MegatestsSettings, MegatestsInputs> {
    private final Function<ComputeEnvKind, ComputeEnvDefinition> computeEnvFiles;

    /** The program as stacks run it: each compute environment from the module's own files. */
    public MegatestsProgram() {
        this(ComputeEnvDefinition::read);
    }

    /** @param computeEnvFiles reads one kind's files, throwing as {@link ComputeEnvDefinition#read} does */
    MegatestsProgram(Function<ComputeEnvKind, ComputeEnvDefinition> computeEnvFiles) {
        this.computeEnvFiles = computeEnvFiles;
    }

    @Override
    public String name() {
        return "megatests";
    }

    @Override
    public String description() {
        return "nf-core AWS megatests: bucket, TowerForge IAM, Seqera Platform compute environments, GitHub variables.";
    }

    @Override
    public Class<MegatestsSettings> settingsType() {
        return MegatestsSettings.class;
    }

    @Override
    public Map<String, String> systemTags() {
        return Map.of("system", "megatests", "organization", "nf-core");
    }

    /**
     * Offline, the teams, their public e-mails and the workspace's participants come from a fixture of
     * fictional people ({@code offline-participants.json}), so the plan shows participants being imported,
     * created and skipped exactly as a deployment would treat real ones.
     */
    @Override
    public Map<String, OfflineFunction> offlineFunctions() {
        var fixture = OfflineParticipants.load();
        return Map.of(
                "github:index/getTeam:getTeam",
                        args ->
                                Map.of(
                                        "id",
                                        String.valueOf(args.get("slug")),
                                        "slug",
                                        String.valueOf(args.get("slug")),
                                        "members",
                                        fixture.team(String.valueOf(args.get("slug")))),
                "github:index/getUser:getUser",
                        args -> {
                            var login = String.valueOf(args.get("username"));
                            var user =
                                    new HashMap<String, Object>(
                                            Map.of("id", login, "username", login, "login", login));
                            fixture.email(login).ifPresent(email -> user.put("email", email));
                            return user;
                        },
                "seqera:index/getOrganizationMember:getOrganizationMember",
                        args -> {
                            var email = String.valueOf(args.get("email"));
                            if (!fixture.organizationMembers().contains(email)) {
                                throw new IllegalStateException(
                                        WorkspaceParticipants.MEMBER_NOT_FOUND
                                                + ": No organization member found with email: "
                                                + email);
                            }
                            return Map.of("id", email, "email", email, "orgId", args.get("orgId"));
                        },
                "seqera:index/getWorkspaceParticipant:getWorkspaceParticipant",
                        args -> {
                            var email = String.valueOf(args.get("email"));
                            var role =
                                    fixture.participantRole(email)
                                            .orElseThrow(
                                                    () ->
                                                            new IllegalStateException(
                                                                    WorkspaceParticipants.NOT_FOUND
                                                                            + ": No workspace participant found with email: "
                                                                            + email));
                            return Map.of(
                                    "id",
                                    email,
                                    "email",
                                    email,
                                    "orgId",
                                    args.get("orgId"),
                                    "workspaceId",
                                    args.get("workspaceId"),
                                    "role",
                                    role);
                        });
    }

    @Override
    public List<PolicyException> policyExceptions() {
        var exceptions = new ArrayList<>(TowerForgeIam.POLICY_EXCEPTIONS);
        // check runs on the offline plan, whose participants are the fixture's people.
        var fixture = OfflineParticipants.load();
        var logins = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
        fixture.teams().values().forEach(logins::addAll);
        for (var login : logins) {
            exceptions.add(
                    new PolicyException(
                            "pulumi-import-protected",
                            "seqera:index/workspaceParticipant:WorkspaceParticipant",
                            WorkspaceParticipants.resourceName(login),
                            "a workspace membership holds no data: it is retained on delete instead, so someone who leaves the"
                                    + " teams or changes e-mail leaves the state, never the workspace, and fails no deploy"));
        }
        return List.copyOf(exceptions);
    }

    /**
     * Reads the compute environments' spec files and Nextflow configs once: a file that does not read is a
     * problem naming it, the field and the fix, before anything registers (no partial plan, no environment
     * half-built after the credentials).
     */
    @Override
    public MegatestsInputs prepare(
            MegatestsSettings settings, StackConfig config, RunMode mode, Preflight report) {
        return ComputeEnvDefinitions.read(computeEnvFiles, report)
                .map(definitions -> new MegatestsInputs(settings, definitions))
                .orElse(null);
    }

    @Override
    public void define(StackContext stack, MegatestsInputs inputs) {
        var settings = inputs.settings();
        var aws = AwsProviders.create("aws-provider", AwsAccess.defaultChain(settings.region()));
        var github =
                GitHubProviders.create(
                        "github-provider",
                        new GitHubAccess(settings.githubOwner(), settings.githubToken()));
        var seqera =
                SeqeraProviders.create(
                        "seqera-provider",
                        new SeqeraAccess(settings.seqeraServerUrl(), settings.towerAccessToken()));

        var bucket =
                new MegatestsBucket(
                        settings.bucketName(),
                        new MegatestsBucketArgs(
                                settings.bucketName(),
                                aws,
                                settings.liveIds().bucketCors().isPresent()),
                        ComponentResourceOptions.Empty);
        var forgePolicy = TowerForgePolicies.forge(settings.forgePolicy());
        var iam =
                new TowerForgeIam(
                        "towerforge",
                        new TowerForgeIamArgs(
                                bucket.bucketName(), bucket.bucketArn(), forgePolicy, aws),
                        ComponentResourceOptions.Empty);
        var platform =
                new SeqeraComputeEnvironments(
                        "seqera",
                        SeqeraComputeEnvironmentsArgs.builder()
                                .workspaceId(settings.towerWorkspaceId())
                                .githubOwner(settings.githubOwner())
                                .accessKeyId(iam.accessKey().id())
                                .secretAccessKey(iam.accessKey().secret())
                                .githubToken(settings.platformGithubOrgToken())
                                .policyFingerprint(TowerForgePolicies.fingerprint(forgePolicy))
                                .environments(inputs.computeEnvs())
                                .seqera(seqera)
                                .liveIds(settings.liveIds())
                                .build(),
                        ComponentResourceOptions.Empty);
        var participants =
                new WorkspaceParticipants(
                        "workspace-participants",
                        WorkspaceParticipantsArgs.builder()
                                .orgId(settings.seqeraOrgId())
                                .workspaceId(settings.towerWorkspaceId())
                                .teamRoles(settings.participantRoles().equals("teams"))
                                .github(github)
                                .seqera(seqera)
                                .liveIds(settings.liveIds())
                                .warnings(stack::warn)
                                .build(),
                        ComponentResourceOptions.Empty);

        var workspaceId = Long.toString(settings.towerWorkspaceId());
        var ids = new LinkedHashMap<ComputeEnvKind, Output<String>>();
        for (var kind : ComputeEnvKind.values()) {
            ids.put(kind, platform.environment(kind).computeEnvId());
        }
        var variables = new LinkedHashMap<String, Output<String>>();
        ids.forEach((kind, id) -> variables.put(kind.githubVariable(), id));
        variables.put("TOWER_WORKSPACE_ID", Output.of(workspaceId));
        // The name CI reads, known from the settings: publishing it needs nothing from the adopted
        // bucket.
        variables.put("AWS_S3_BUCKET", Output.of(settings.bucketName()));
        var legacy = new LinkedHashMap<String, LegacySecret>();
        legacy.put("TOWER_WORKSPACE_ID", new LegacySecret(Output.of(workspaceId), false));
        legacy.put("TOWER_COMPUTE_ENV", new LegacySecret(ids.get(ComputeEnvKind.CPU), false));
        // The token's command reads it from nf-core's 1Password, exactly as the Python program
        // printed it.
        legacy.put(
                "TOWER_ACCESS_TOKEN",
                new LegacySecret(
                        settings.towerAccessToken(),
                        true,
                        "OP_ACCOUNT=nf-core gh secret set TOWER_ACCESS_TOKEN --org "
                                + settings.githubOwner()
                                + " --body \"$(op read 'op://Dev/Seqera Platform/TOWER_ACCESS_TOKEN')\" --visibility all"));
        var org =
                new GithubOrganizationSettings(
                        "github-organization",
                        GithubOrganizationSettingsArgs.builder()
                                .owner(settings.githubOwner())
                                .variables(variables)
                                .secrets(legacy)
                                .manageSecrets(settings.manageLegacySecrets())
                                .formerNames(FORMER_VARIABLE_NAMES)
                                .github(github)
                                .importIds(settings.liveIds().variables())
                                .build(),
                        ComponentResourceOptions.Empty);

        var ctx = stack.pulumi();
        ctx.export(
                "megatests_bucket",
                Output.all(bucket.bucketName(), bucket.bucketArn())
                        .applyValue(
                                v ->
                                        OrderedMap.of(
                                                "name",
                                                v.get(0),
                                                "arn",
                                                v.get(1),
                                                "region",
                                                settings.region(),
                                                // The original's value, kept for scripts that read
                                                // it (nf-core/ops main __main__.py); the lifecycle
                                                // is in fact a resource of this stack, said under a
                                                // new key.
                                                "lifecycle_configuration",
                                                "managed-manually",
                                                "lifecycle_resource",
                                                "nf-core-awsmegatests-lifecycle")));
        // Maps of Outputs, not one Output of a map: a field known only after deployment (an id the
        // platform
        // assigns) is unknown on its own in a preview, and the rest of the map stays readable.
        ctx.export(
                "compute_env_ids",
                Output.of(
                        OrderedMap.of(
                                "cpu",
                                ids.get(ComputeEnvKind.CPU),
                                "gpu",
                                ids.get(ComputeEnvKind.GPU),
                                "arm",
                                ids.get(ComputeEnvKind.ARM))));
        ctx.export("workspace_id", Output.of(workspaceId));
        // Keys and shapes of the Python program's exports (nf-core/ops main,
        // pulumi/AWSMegatests/__main__.py);
        // scripts read them with `pulumi stack output --json`.
        var variableIds = org.variables().entrySet().stream().map(e -> e.getValue().id()).toList();
        var secretIds = org.secrets().values().stream().map(ActionsOrganizationSecret::id).toList();
        var variableKeys =
                List.copyOf(org.variables().keySet()).stream()
                        .map(MegatestsProgram::outputKey)
                        .toList();
        ctx.export(
                "github_resources",
                Output.of(
                        OrderedMap.of(
                                "variables",
                                        Output.all(variableIds)
                                                .applyValue(v -> zip(variableKeys, v)),
                                "secrets",
                                        Output.all(secretIds)
                                                .applyValue(
                                                        v ->
                                                                zip(
                                                                        List.copyOf(
                                                                                org.secrets()
                                                                                        .keySet()),
                                                                        v)),
                                "manual_secret_commands", org.manualCommandList(),
                                "note",
                                        settings.manageLegacySecrets()
                                                ? "Legacy secrets are managed by Pulumi (megatests:manageLegacySecrets)"
                                                : "Secrets must be managed manually due to pulumi/pulumi-github#250",
                                "workaround_info",
                                        OrderedMap.of(
                                                "issue_url",
                                                        "https://github.com/pulumi/pulumi-github/issues/250",
                                                "workaround",
                                                        "Variables via Pulumi with delete_before_replace, secrets via manual gh CLI",
                                                "instructions",
                                                        "Run the commands in 'manual_secret_commands' to set GitHub secrets"))));
        ctx.export("deployment_method", Output.of("terraform-provider"));
        ctx.export(
                "terraform_resources",
                Output.of(
                        OrderedMap.of(
                                "cpu_env_id",
                                ids.get(ComputeEnvKind.CPU),
                                "gpu_env_id",
                                ids.get(ComputeEnvKind.GPU),
                                "arm_env_id",
                                ids.get(ComputeEnvKind.ARM),
                                "deployment_method",
                                "seqera-terraform-provider")));
        ctx.export(
                "github_credential",
                Output.of(
                        OrderedMap.of(
                                "credential_id",
                                platform.githubCredential().credentialsId(),
                                "credential_name",
                                SeqeraComputeEnvironments.GITHUB_CREDENTIAL,
                                "description",
                                SeqeraComputeEnvironments.GITHUB_CREDENTIAL_DESCRIPTION,
                                "provider_type",
                                "github",
                                "base_url",
                                "https://github.com/" + settings.githubOwner() + "/",
                                "workspace_id",
                                workspaceId,
                                "purpose",
                                "Prevents GitHub API rate limiting during pipeline repository access")));
        // Only the key's secret is secret; the rest of the map stays readable in `pulumi stack
        // output`.
        ctx.export(
                "towerforge_iam",
                Output.of(
                        OrderedMap.of(
                                "user",
                                        OrderedMap.of(
                                                "name", iam.user().name(), "arn", iam.user().arn()),
                                "access_key_id", iam.accessKey().id(),
                                "access_key_secret", iam.accessKey().secret(),
                                "policies",
                                        OrderedMap.of(
                                                "forge_policy_name",
                                                TowerForgeIam.FORGE_POLICY,
                                                "launch_policy_name",
                                                TowerForgeIam.LAUNCH_POLICY,
                                                "s3_policy_name",
                                                TowerForgeIam.S3_POLICY),
                                "policy_fingerprint", TowerForgePolicies.fingerprint(forgePolicy),
                                "forge_policy", settings.forgePolicy())));
        ctx.export("workspace_participants", participants.summary());
    }

    /** The Python program's key for each variable in github_resources.variables. */
    private static final Map<String, String> VARIABLE_OUTPUT_KEYS =
            Map.of(
                    "TOWER_COMPUTE_ENV_CPU",
                    "cpu",
                    "TOWER_COMPUTE_ENV_GPU",
                    "gpu",
                    "TOWER_COMPUTE_ENV_ARM",
                    "arm",
                    "TOWER_WORKSPACE_ID",
                    "workspace_id",
                    "AWS_S3_BUCKET",
                    "legacy_s3_bucket");

    /** The logical names the Python program gave the variables (src/integrations/github.py). */
    static final Map<String, String> FORMER_VARIABLE_NAMES =
            Map.of(
                    "TOWER_COMPUTE_ENV_CPU",
                    "tower-compute-env-cpu",
                    "TOWER_COMPUTE_ENV_GPU",
                    "tower-compute-env-gpu",
                    "TOWER_COMPUTE_ENV_ARM",
                    "tower-compute-env-arm",
                    "TOWER_WORKSPACE_ID",
                    "tower-workspace-id",
                    "AWS_S3_BUCKET",
                    "legacy-aws-s3-bucket");

    private static String outputKey(String variable) {
        return VARIABLE_OUTPUT_KEYS.getOrDefault(variable, variable);
    }

    private static Map<String, Object> zip(List<String> keys, List<String> values) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.get(i), values.get(i));
        }
        return map;
    }
}
