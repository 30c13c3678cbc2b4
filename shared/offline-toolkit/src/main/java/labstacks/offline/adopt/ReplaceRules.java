package labstacks.offline.adopt;

import java.util.List;
import java.util.Map;

/**
 * The inputs whose change makes the provider replace a resource instead of updating it, per type.
 * A path ending in {@code .*} covers every configured value under it.
 *
 * <p>Where each list comes from (force-new / RequiresReplace in the provider source):
 * <ul>
 *   <li>{@code aws:*}: hashicorp/terraform-provider-aws v5 (the provider pulumi-aws 6.83.0 bridges):
 *       {@code internal/service/iam/policy.go} (name, name_prefix, path, description ForceNew),
 *       {@code user_policy_attachment.go} (user, policy_arn), {@code access_key.go} (user, pgp_key),
 *       {@code internal/service/s3/bucket.go} (bucket, bucket_prefix),
 *       {@code bucket_lifecycle_configuration.go} and {@code bucket_cors_configuration.go}
 *       (bucket, expected_bucket_owner).</li>
 *   <li>{@code github:*}: integrations/terraform-provider-github v6 (pulumi-github 6.15.0):
 *       {@code resource_github_actions_organization_variable.go} (variable_name) and
 *       {@code resource_github_actions_organization_secret.go} (secret_name).</li>
 *   <li>{@code seqera:*}: seqeralabs/terraform-provider-seqera v0.30.5:
 *       {@code internal/provider/computeenv_resource.go} (the whole {@code compute_env} object and
 *       {@code label_ids} are RequiresReplaceIfConfigured; {@code workspace_id} is not),
 *       {@code internal/seqera/workspace_participant/resource.go} (org_id, workspace_id, member_id,
 *       team_id, email); {@code credential_resource.go} replaces on nothing.</li>
 *   <li>{@code kubernetes:*}: an object's name and namespace are its identity (pulumi-kubernetes
 *       replaces on either).</li>
 * </ul>
 * A type not listed is never reported as replaced; its matching still counts.
 */
public final class ReplaceRules {

    private static final Map<String, List<String>> BY_TYPE = Map.ofEntries(
            Map.entry("aws:iam/policy:Policy", List.of("name", "namePrefix", "path", "description")),
            Map.entry("aws:iam/userPolicyAttachment:UserPolicyAttachment", List.of("user", "policyArn")),
            Map.entry("aws:iam/accessKey:AccessKey", List.of("user", "pgpKey")),
            Map.entry("aws:iam/role:Role", List.of("name", "namePrefix", "path")),
            Map.entry("aws:s3/bucket:Bucket", List.of("bucket", "bucketPrefix")),
            Map.entry("aws:s3/bucketV2:BucketV2", List.of("bucket", "bucketPrefix")),
            Map.entry("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                    List.of("bucket", "expectedBucketOwner")),
            Map.entry("aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
                    List.of("bucket", "expectedBucketOwner")),
            Map.entry("aws:s3/bucketVersioningV2:BucketVersioningV2", List.of("bucket", "expectedBucketOwner")),
            Map.entry("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", List.of("bucket")),
            Map.entry("aws:s3/bucketPolicy:BucketPolicy", List.of("bucket")),
            Map.entry("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                    List.of("bucket", "expectedBucketOwner")),
            Map.entry("aws:s3/bucketOwnershipControls:BucketOwnershipControls", List.of("bucket")),
            Map.entry("github:index/actionsOrganizationVariable:ActionsOrganizationVariable", List.of("variableName")),
            Map.entry("github:index/actionsOrganizationSecret:ActionsOrganizationSecret", List.of("secretName")),
            Map.entry("seqera:index/computeEnv:ComputeEnv", List.of("computeEnv.*", "labelIds")),
            Map.entry("seqera:index/workspaceParticipant:WorkspaceParticipant",
                    List.of("orgId", "workspaceId", "memberId", "teamId", "email")),
            Map.entry("pulumi:providers:aws", List.of("region")));

    private static final List<String> KUBERNETES = List.of("metadata.name", "metadata.namespace");

    /**
     * Seqera provider 0.25.2 field names that 0.26+ renamed; the 0.30.5 state upgrader carries none of
     * them over (terraform-provider-seqera v0.30.5 {@code internal/stateupgraders/computeenv_v0.go}
     * looks for {@code nvnme_storage_enabled} under a top-level {@code config} that does not exist).
     * New name to old name.
     */
    static final Map<String, String> SEQERA_RENAMED_FIELDS = Map.of(
            "enableWave", "waveEnabled",
            "enableFusion", "fusion2Enabled",
            "nvmeStorageEnabled", "nvnmeStorageEnabled");

    private ReplaceRules() {
    }

    /** The replace-triggering input paths of a type. */
    public static List<String> forType(String type) {
        if (type.startsWith("kubernetes:")) {
            return KUBERNETES;
        }
        return BY_TYPE.getOrDefault(type, List.of());
    }
}
