package labstacks.megatests;

import com.pulumi.core.Output;
import java.util.Map;
import java.util.Set;
import labstacks.shared.config.Setting;
import labstacks.shared.config.SettingsRules;
import labstacks.shared.validation.Format;
import labstacks.shared.validation.Vocabulary;

/**
 * The megatests stack settings. Tokens come from Pulumi config secrets or from the variables the
 * stack's Pulumi ESC environment injects ({@code megatests/esc/}); the workspace id has no default. The
 * compute environments' files are no config: {@code prepare} reads them into {@link MegatestsInputs}.
 */
public record MegatestsSettings(
        @Setting(
                        key = "aws:region",
                        description = "the AWS region of the bucket and Batch",
                        defaultValue = "eu-west-1",
                        format = Format.AWS_REGION)
                String region,
        @Setting(
                        key = "megatests:bucketName",
                        description = "the megatests bucket (imported)",
                        defaultValue = "nf-core-awsmegatests",
                        format = Format.S3_BUCKET_NAME)
                String bucketName,
        @Setting(
                        key = "megatests:towerAccessToken",
                        description =
                                "Seqera Platform token (WORKSPACE_ADMIN or COMPUTE_ENV_ADMIN)",
                        env = "TOWER_ACCESS_TOKEN",
                        secret = true,
                        credential = true)
                Output<String> towerAccessToken,
        @Setting(
                        key = "megatests:towerWorkspaceId",
                        description = "the Seqera workspace numeric id",
                        env = "TOWER_WORKSPACE_ID",
                        min = 1,
                        max = Vocabulary.LARGEST_EXACT_DOUBLE,
                        example = "59994744926013")
                long towerWorkspaceId,
        @Setting(
                        key = "megatests:seqeraOrgId",
                        description = "the Seqera organization numeric id",
                        defaultValue = "252464779077610",
                        min = 1,
                        max = Vocabulary.LARGEST_EXACT_DOUBLE)
                long seqeraOrgId,
        @Setting(
                        key = "megatests:seqeraServerUrl",
                        description = "the Seqera Platform API",
                        defaultValue = "https://api.cloud.seqera.io",
                        format = Format.HTTP_URL)
                String seqeraServerUrl,
        @Setting(
                        key = "megatests:githubOwner",
                        description = "the GitHub organization",
                        defaultValue = "nf-core",
                        pattern = "[A-Za-z0-9][A-Za-z0-9-]{0,38}",
                        rule =
                                "a GitHub organization name: 1 to 39 letters, digits and '-', not starting with '-'")
                String githubOwner,
        @Setting(
                        key = "megatests:githubToken",
                        description = "GitHub token with organization Administration write",
                        env = "GITHUB_TOKEN",
                        secret = true,
                        credential = true)
                Output<String> githubToken,
        @Setting(
                        key = "megatests:platformGithubOrgToken",
                        description =
                                "fine-grained GitHub token Seqera Platform pulls pipelines with",
                        env = "PLATFORM_GITHUB_ORG_TOKEN",
                        secret = true,
                        credential = true)
                Output<String> platformGithubOrgToken,
        @Setting(
                        key = "megatests:manageLegacySecrets",
                        description =
                                "manage the legacy organization secrets as resources (overwrites their values on every up); "
                                        + "false, as nf-core's program did, outputs gh secret set commands instead",
                        defaultValue = "false")
                boolean manageLegacySecrets,
        @Setting(
                        key = "megatests:forgePolicy",
                        description =
                                "TowerForge's forge policy: nf-core (the live one; role management and PassRole on every role) "
                                        + "or scoped (Seqera's least-privilege policy); switching replaces the three compute environments",
                        defaultValue = "nf-core",
                        pattern = "nf-core|scoped")
                String forgePolicy,
        @Setting(
                        key = "megatests:participantRoles",
                        description =
                                "workspace roles: original (members keep the role they hold; new ones get the role "
                                        + "their team gave them in nf-core's program) or teams (core owner, maintainers maintain, for everyone)",
                        defaultValue = "original",
                        pattern = "original|teams")
                String participantRoles,
        @Setting(
                        key = LiveIds.SETTING,
                        description =
                                "ids of live objects the state does not hold, imported instead of created: "
                                        + "computeEnv.<cpu|gpu|arm>, credential.<aws|github>, variable.<NAME> (the name), "
                                        + "participant.<login> (the e-mail Seqera knows them by), bucket.cors (the bucket name)",
                        defaultValue = "{}")
                Map<String, String> importIds)
        implements SettingsRules {

    /** The organization variables the program manages (their names are the import ids). */
    static final Set<String> VARIABLES =
            Set.of(
                    "TOWER_COMPUTE_ENV_CPU",
                    "TOWER_COMPUTE_ENV_GPU",
                    "TOWER_COMPUTE_ENV_ARM",
                    "TOWER_WORKSPACE_ID",
                    "AWS_S3_BUCKET");

    @Override
    public void check(Problems problems) {
        for (var problem : liveIds().problems(VARIABLES)) {
            problems.add(LiveIds.SETTING, problem);
        }
        liveIds()
                .bucketCors()
                .filter(id -> !id.equals(bucketName))
                .ifPresent(
                        id ->
                                problems.add(
                                        LiveIds.SETTING,
                                        "bucket.cors: the import id of the bucket's CORS configuration is the bucket name, "
                                                + bucketName
                                                + ", not \""
                                                + id
                                                + "\""));
    }

    /** {@code megatests:importIds} as ids per resource. */
    public LiveIds liveIds() {
        return new LiveIds(importIds == null ? Map.of() : importIds);
    }
}
