package labstacks.offline.adopt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The inputs whose change makes the provider replace a resource instead of updating it, per type.
 * A path ending in {@code .*} covers every configured value under it.
 *
 * <p>Where each list comes from (force-new / RequiresReplace in the provider source, at the versions the
 * project pins):
 * <ul>
 *   <li>{@code aws:*}: hashicorp/terraform-provider-aws v5 (the provider pulumi-aws 6.83.0 bridges):
 *       {@code internal/service/iam/policy.go} (name, name_prefix, path, description ForceNew),
 *       {@code role.go} (name, name_prefix, path), {@code user_policy_attachment.go} (user, policy_arn),
 *       {@code access_key.go} (user, pgp_key), {@code internal/service/s3/bucket.go} (bucket, bucket_prefix),
 *       {@code bucket_lifecycle_configuration.go}, {@code bucket_cors_configuration.go},
 *       {@code bucket_versioning.go}, {@code bucket_server_side_encryption_configuration.go}
 *       (bucket, expected_bucket_owner), {@code bucket_public_access_block.go}, {@code bucket_policy.go},
 *       {@code bucket_ownership_controls.go} (bucket).</li>
 *   <li>{@code pulumi:providers:aws}: a changed {@code region} replaces the provider, and with it every
 *       resource it manages (see {@link Adoption}).</li>
 *   <li>{@code github:*}: integrations/terraform-provider-github v6 (pulumi-github 6.15.0):
 *       {@code resource_github_actions_organization_variable.go} (variable_name, visibility) and
 *       {@code resource_github_actions_organization_secret.go} (secret_name, visibility); a program's
 *       ignoreChanges on visibility hides it.</li>
 *   <li>{@code seqera:*}: seqeralabs/terraform-provider-seqera v0.30.5:
 *       {@code internal/provider/computeenv_resource.go} (the whole {@code compute_env} object and
 *       {@code label_ids} are RequiresReplaceIfConfigured; {@code workspace_id} is not),
 *       {@code internal/seqera/workspace_participant/resource.go} (org_id, workspace_id, member_id,
 *       team_id, email); {@code credential_resource.go} replaces on nothing.</li>
 *   <li>{@code kubernetes:*}: pulumi/pulumi-kubernetes v4 {@code provider/pkg/provider/diff.go}
 *       ({@code forceNewProperties}: {@code .metadata.name} and {@code .metadata.namespace} of every
 *       kind, plus per kind: StatefulSet {@code .spec.podManagementPolicy}, {@code .spec.revisionHistoryLimit},
 *       {@code .spec.selector}, {@code .spec.serviceName}, {@code .spec.volumeClaimTemplates}; Deployment and
 *       DaemonSet {@code .spec.selector}; Job {@code .spec.completions}, {@code .spec.parallelism},
 *       {@code .spec.selector}, {@code .spec.template}; PersistentVolumeClaim {@code .spec.accessModes},
 *       {@code .spec.selector}, {@code .spec.storageClassName}, {@code .spec.volumeName} (a size change
 *       is an in-place resize in v4); Service {@code .spec.clusterIP}; Secret {@code .type}, {@code .data},
 *       {@code .stringData}; ConfigMap {@code .data}, {@code .binaryData};
 *       RoleBinding and ClusterRoleBinding {@code .roleRef}; StorageClass {@code .parameters},
 *       {@code .provisioner}). The provider diffs old inputs against new ones.</li>
 *   <li>{@code pulumi:providers:kubernetes}: {@code provider/pkg/provider/provider.go} DiffConfig replaces
 *       the provider, and every object it manages, when the active cluster changes; a changed
 *       {@code context}, {@code cluster} or {@code kubeconfig} may name another cluster, which offline
 *       cannot be told apart, so each counts as a replace.</li>
 * </ul>
 * A type not listed is never reported as replaced; its matching still counts.
 */
public final class ReplaceRules {

    private static final Map<String, List<String>> BY_TYPE =
            Map.ofEntries(
                    Map.entry(
                            "aws:iam/policy:Policy",
                            List.of("name", "namePrefix", "path", "description")),
                    Map.entry(
                            "aws:iam/userPolicyAttachment:UserPolicyAttachment",
                            List.of("user", "policyArn")),
                    Map.entry(
                            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                            List.of("role", "policyArn")),
                    Map.entry("aws:iam/accessKey:AccessKey", List.of("user", "pgpKey")),
                    Map.entry("aws:iam/role:Role", List.of("name", "namePrefix", "path")),
                    Map.entry("aws:iam/user:User", List.of()),
                    Map.entry(
                            "aws:iam/instanceProfile:InstanceProfile",
                            List.of("name", "namePrefix", "path")),
                    Map.entry("aws:s3/bucket:Bucket", List.of("bucket", "bucketPrefix")),
                    Map.entry("aws:s3/bucketV2:BucketV2", List.of("bucket", "bucketPrefix")),
                    Map.entry(
                            "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                            List.of("bucket", "expectedBucketOwner")),
                    Map.entry(
                            "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
                            List.of("bucket", "expectedBucketOwner")),
                    Map.entry(
                            "aws:s3/bucketVersioningV2:BucketVersioningV2",
                            List.of("bucket", "expectedBucketOwner")),
                    Map.entry(
                            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                            List.of("bucket")),
                    Map.entry("aws:s3/bucketPolicy:BucketPolicy", List.of("bucket")),
                    Map.entry(
                            "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                            List.of("bucket", "expectedBucketOwner")),
                    Map.entry(
                            "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
                            List.of("bucket")),
                    Map.entry(
                            "github:index/actionsOrganizationVariable:ActionsOrganizationVariable",
                            List.of("variableName", "visibility")),
                    Map.entry(
                            "github:index/actionsOrganizationSecret:ActionsOrganizationSecret",
                            List.of("secretName", "visibility")),
                    Map.entry(
                            "seqera:index/computeEnv:ComputeEnv",
                            List.of("computeEnv.*", "labelIds")),
                    Map.entry(
                            "seqera:index/workspaceParticipant:WorkspaceParticipant",
                            List.of("orgId", "workspaceId", "memberId", "teamId", "email")),
                    Map.entry("pulumi:providers:aws", List.of("region")),
                    Map.entry(
                            "pulumi:providers:kubernetes",
                            List.of("context", "cluster", "kubeconfig", "clusterIdentifier")));

    private static final List<String> SELECTOR = List.of("spec.selector");

    /** Kubernetes kind (without group and version) to its force-new paths besides name and namespace. */
    private static final Map<String, List<String>> KUBERNETES_KINDS =
            Map.ofEntries(
                    Map.entry(
                            "apps:StatefulSet",
                            List.of(
                                    "spec.podManagementPolicy",
                                    "spec.revisionHistoryLimit",
                                    "spec.selector",
                                    "spec.serviceName",
                                    "spec.volumeClaimTemplates")),
                    Map.entry("apps:Deployment", SELECTOR),
                    Map.entry("apps:DaemonSet", SELECTOR),
                    Map.entry(
                            "batch:Job",
                            List.of(
                                    "spec.completions",
                                    "spec.parallelism",
                                    "spec.selector",
                                    "spec.template")),
                    Map.entry(
                            "core:PersistentVolumeClaim",
                            List.of(
                                    "spec.accessModes",
                                    "spec.selector",
                                    "spec.storageClassName",
                                    "spec.volumeName")),
                    Map.entry("core:Service", List.of("spec.clusterIP")),
                    // A Secret's or ConfigMap's content is force-new too; ConfigMaps stay immutable
                    // unless the provider's
                    // enableConfigMapMutable is set, which no program here sets (pulumi-kubernetes
                    // v4.0.0 diff.go and
                    // provider.go).
                    Map.entry("core:Secret", List.of("type", "data", "stringData")),
                    Map.entry("core:ConfigMap", List.of("data", "binaryData")),
                    Map.entry("rbac.authorization.k8s.io:RoleBinding", List.of("roleRef")),
                    Map.entry("rbac.authorization.k8s.io:ClusterRoleBinding", List.of("roleRef")),
                    Map.entry("storage.k8s.io:StorageClass", List.of("parameters", "provisioner")));

    private static final List<String> KUBERNETES_METADATA =
            List.of("metadata.name", "metadata.namespace");

    /**
     * Seqera provider 0.25.2 field names that 0.26+ renamed; the 0.30.5 state upgrader carries none of
     * them over (terraform-provider-seqera v0.30.5 {@code internal/stateupgraders/computeenv_v0.go}
     * looks for {@code nvnme_storage_enabled} under a top-level {@code config} that does not exist).
     * New name to old name.
     */
    static final Map<String, String> SEQERA_RENAMED_FIELDS =
            Map.of(
                    "enableWave", "waveEnabled",
                    "enableFusion", "fusion2Enabled",
                    "nvmeStorageEnabled", "nvnmeStorageEnabled");

    private ReplaceRules() {}

    /** The replace-triggering input paths of a type. */
    public static List<String> forType(String type) {
        if (type.startsWith("kubernetes:") && !type.startsWith("kubernetes:helm.sh/")) {
            var rules = new ArrayList<>(KUBERNETES_METADATA);
            rules.addAll(KUBERNETES_KINDS.getOrDefault(kind(type), List.of()));
            return List.copyOf(rules);
        }
        return BY_TYPE.getOrDefault(type, List.of());
    }

    /** Whether the provider diffs against the old inputs (Kubernetes) rather than the prior state. */
    static boolean diffsInputs(String type) {
        return type.startsWith("kubernetes:") || type.startsWith("pulumi:providers:");
    }

    /**
     * Replaces that depend on both values rather than on a change alone: none at the pinned providers. (A
     * Service's move to or from {@code type: ExternalName} is an update in pulumi-kubernetes v4.0.0: diff.go
     * has no rule for {@code .spec.type}, and only a planned {@code .spec.clusterIP} is force-new.)
     */
    static Optional<String> special(
            String type, Function<String, Object> planned, Function<String, Object> state) {
        return Optional.empty();
    }

    /** {@code kubernetes:apps/v1:StatefulSet} to {@code apps:StatefulSet}; empty for other packages. */
    private static String kind(String type) {
        if (!type.startsWith("kubernetes:")) {
            return "";
        }
        var module = type.substring("kubernetes:".length(), type.lastIndexOf(':'));
        var group = module.contains("/") ? module.substring(0, module.indexOf('/')) : module;
        return group + ":" + type.substring(type.lastIndexOf(':') + 1);
    }
}
