package labstacks.megatests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labstacks.shared.aws.PolicyDocument;
import labstacks.shared.aws.PolicyDocument.Statement;
import labstacks.shared.text.Sha256;

/**
 * The TowerForge IAM policies, after seqeralabs/nf-tower-aws. The action lists keep the order of the
 * project this replaces: the compute environments' descriptions carry a fingerprint of these documents,
 * and the same documents give the same fingerprint (78905f7f), so adopting this stack replaces nothing.
 */
public final class TowerForgePolicies {

    /** What TowerForge needs to build Batch environments (statement TowerForge0). */
    static final List<String> FORGE_ACTIONS =
            List.of(
                    "ssm:GetParameters",
                    "iam:CreateInstanceProfile",
                    "iam:DeleteInstanceProfile",
                    "iam:AddRoleToInstanceProfile",
                    "iam:RemoveRoleFromInstanceProfile",
                    "iam:CreateRole",
                    "iam:DeleteRole",
                    "iam:AttachRolePolicy",
                    "iam:DetachRolePolicy",
                    "iam:PutRolePolicy",
                    "iam:DeleteRolePolicy",
                    "iam:PassRole",
                    "iam:TagRole",
                    "iam:TagInstanceProfile",
                    "iam:ListRolePolicies",
                    "iam:ListAttachedRolePolicies",
                    "iam:GetRole",
                    "batch:CreateComputeEnvironment",
                    "batch:UpdateComputeEnvironment",
                    "batch:DeleteComputeEnvironment",
                    "batch:CreateJobQueue",
                    "batch:UpdateJobQueue",
                    "batch:DeleteJobQueue",
                    "batch:DescribeComputeEnvironments",
                    "batch:DescribeJobQueues",
                    "fsx:CreateFileSystem",
                    "fsx:DeleteFileSystem",
                    "fsx:DescribeFileSystems",
                    "fsx:TagResource",
                    "ec2:DescribeSecurityGroups",
                    "ec2:DescribeAccountAttributes",
                    "ec2:DescribeSubnets",
                    "ec2:DescribeLaunchTemplates",
                    "ec2:DescribeLaunchTemplateVersions",
                    "ec2:CreateLaunchTemplate",
                    "ec2:DeleteLaunchTemplate",
                    "ec2:DescribeKeyPairs",
                    "ec2:DescribeVpcs",
                    "ec2:DescribeInstanceTypes",
                    "ec2:DescribeInstanceTypeOfferings",
                    "ec2:GetEbsEncryptionByDefault",
                    "efs:CreateFileSystem",
                    "efs:DeleteFileSystem",
                    "efs:DescribeFileSystems",
                    "efs:CreateMountTarget",
                    "efs:DeleteMountTarget",
                    "efs:DescribeMountTargets",
                    "efs:ModifyFileSystem",
                    "efs:PutLifecycleConfiguration",
                    "efs:TagResource",
                    "elasticfilesystem:CreateFileSystem",
                    "elasticfilesystem:DeleteFileSystem",
                    "elasticfilesystem:DescribeFileSystems",
                    "elasticfilesystem:CreateMountTarget",
                    "elasticfilesystem:DeleteMountTarget",
                    "elasticfilesystem:DescribeMountTargets",
                    "elasticfilesystem:UpdateFileSystem",
                    "elasticfilesystem:PutLifecycleConfiguration",
                    "elasticfilesystem:TagResource");

    /** What launching and monitoring runs needs (statement TowerLaunch0, without S3). */
    static final List<String> LAUNCH_ACTIONS =
            List.of(
                    "batch:DescribeJobQueues",
                    "batch:CancelJob",
                    "batch:SubmitJob",
                    "batch:ListJobs",
                    "batch:TagResource",
                    "batch:DescribeComputeEnvironments",
                    "batch:TerminateJob",
                    "batch:DescribeJobs",
                    "batch:RegisterJobDefinition",
                    "batch:DescribeJobDefinitions",
                    "ecs:DescribeTasks",
                    "ec2:DescribeInstances",
                    "ec2:DescribeInstanceTypes",
                    "ec2:DescribeInstanceAttribute",
                    "ecs:DescribeContainerInstances",
                    "ec2:DescribeInstanceStatus",
                    "ec2:DescribeImages",
                    "logs:Describe*",
                    "logs:Get*",
                    "logs:List*",
                    "logs:StartQuery",
                    "logs:StopQuery",
                    "logs:TestMetricFilter",
                    "logs:FilterLogEvents",
                    "ses:SendRawEmail",
                    "secretsmanager:ListSecrets");

    /** The forge policy's launch statement also reads S3. */
    static final List<String> LAUNCH_S3_READ = List.of("s3:Get*", "s3:List*");

    /**
     * Why these statements name {@code "*"}: Batch, EC2 describe calls, logs queries and the roles Forge
     * creates have names chosen at run time by the platform (nf-tower-aws documents the same policy).
     */
    /**
     * Why the nf-core forge policy keeps role management and PassRole on every role: it is the policy the
     * live TowerForge user holds, and the compute environments' descriptions carry its fingerprint
     * (78905f7f), so changing it replaces all three. megatests:forgePolicy=scoped switches to Seqera's
     * least-privilege policy deliberately.
     */
    public static final String BROAD_IAM_REASON =
            "nf-core's live forge policy (fingerprint 78905f7f in the compute environments' descriptions): changing it"
                    + " replaces the three compute environments; megatests:forgePolicy=scoped uses Seqera's least-privilege"
                    + " policy (TowerForge-* roles, PassRole to Batch/EC2 only)";

    public static final String WILDCARD_RESOURCE_REASON =
            "TowerForge creates Batch environments, roles and launch templates whose names Seqera Platform chooses"
                    + " at run time; seqeralabs/nf-tower-aws documents these statements with Resource \"*\"";

    private TowerForgePolicies() {}

    public static PolicyDocument forge() {
        var launch = new ArrayList<>(LAUNCH_S3_READ);
        launch.addAll(LAUNCH_ACTIONS);
        return PolicyDocument.of(
                Statement.allow(FORGE_ACTIONS.toArray(String[]::new))
                        .sid("TowerForge0")
                        .resources("*")
                        .build(),
                Statement.allow(launch.toArray(String[]::new))
                        .sid("TowerLaunch0")
                        .resources("*")
                        .build());
    }

    /**
     * The AWS-managed policies Forge's roles carry: the Batch service role, the EC2 instance role, the
     * Spot fleet role (seqeralabs/docs @ ee2ff5c41,
     * {@code platform-cloud/docs/enterprise/advanced-topics/manual-aws-batch-setup.mdx}, which builds by hand
     * the roles Forge creates) and the Fargate head job's execution role
     * ({@code platform-cloud/docs/secrets/overview.md}). The scoped policy attaches nothing else.
     */
    public static final List<String> FORGE_MANAGED_POLICIES =
            List.of(
                    "arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole",
                    "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
                    "arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole",
                    "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");

    /** The permissions boundary a {@code TowerForge-*} role must carry before an inline policy is put on it. */
    public static final String PERMISSIONS_BOUNDARY =
            "arn:aws:iam::*:policy/TowerForge-PermissionsBoundary";

    /**
     * Seqera's documented least-privilege forge policy: seqeralabs/docs @ ee2ff5c41,
     * {@code platform-cloud/docs/compute-envs/_policies/aws-batch-full-policy.json} ("Required Platform IAM
     * permissions" of {@code compute-envs/aws-batch.mdx}; {@code batch:TagResource} on compute environments
     * since 2dfea39dc, 2026-07-06), restricted as that page's "Pass role to Batch" section shows: PassRole
     * only for {@code TowerForge-*} roles and only to Batch and EC2; role and instance-profile management
     * only on {@code TowerForge-*}; Batch environments and queues only {@code TowerForge-*}.
     *
     * <p>Closed beyond the documentation, because the documented statement lets its user create a
     * {@code TowerForge-*} role, give it any permission and pass it (privilege escalation): a policy is
     * attached to a role only when it is one of {@link #FORGE_MANAGED_POLICIES} ({@code iam:PolicyARN}), and
     * an inline policy is put only on a role that carries {@link #PERMISSIONS_BOUNDARY}
     * ({@code iam:PermissionsBoundary}). Creating a role alone gives no permission. Not verified against
     * Forge itself: that Forge attaches only these managed policies and writes no inline policy on a role
     * without the boundary (see the README).
     *
     * <p>Kept from nf-core's forge statement because Forge reads it: {@code ec2:GetEbsEncryptionByDefault}.
     * Left out (optional in the docs, unused here): S3 writes, Secrets Manager management, lineage SQS,
     * console output. The launch policy stays separate.
     */
    public static PolicyDocument scopedForge() {
        return PolicyDocument.of(
                Statement.allow(
                                "batch:CreateComputeEnvironment",
                                "batch:CreateJobQueue",
                                "batch:DeleteComputeEnvironment",
                                "batch:DeleteJobQueue",
                                "batch:TagResource",
                                "batch:UpdateComputeEnvironment",
                                "batch:UpdateJobQueue")
                        .sid("BatchEnvironmentManagement")
                        .resources(
                                "arn:aws:batch:*:*:compute-environment/TowerForge-*",
                                "arn:aws:batch:*:*:job-queue/TowerForge-*")
                        .build(),
                Statement.allow(
                                "batch:DescribeComputeEnvironments", "batch:DescribeJobDefinitions",
                                "batch:DescribeJobQueues", "batch:DescribeJobs")
                        .sid("BatchEnvironmentListing")
                        .resources("*")
                        .build(),
                Statement.allow(
                                "batch:CancelJob",
                                "batch:RegisterJobDefinition",
                                "batch:SubmitJob",
                                "batch:TagResource",
                                "batch:TerminateJob")
                        .sid("BatchJobsManagement")
                        .resources(
                                "arn:aws:batch:*:*:job-definition/*",
                                "arn:aws:batch:*:*:job-queue/TowerForge-*",
                                "arn:aws:batch:*:*:job/*")
                        .build(),
                Statement.allow(
                                "ec2:CreateLaunchTemplate",
                                "ec2:DeleteLaunchTemplate",
                                "ec2:DescribeLaunchTemplates",
                                "ec2:DescribeLaunchTemplateVersions")
                        .sid("LaunchTemplateManagement")
                        .resources("*")
                        .build(),
                Statement.allow("iam:PassRole")
                        .sid("PassRolesToBatch")
                        .resources("arn:aws:iam::*:role/TowerForge-*")
                        .condition(
                                "StringEquals",
                                "iam:PassedToService",
                                List.of("batch.amazonaws.com", "ec2.amazonaws.com"))
                        .build(),
                Statement.allow(
                                "logs:Describe*",
                                "logs:FilterLogEvents",
                                "logs:Get*",
                                "logs:List*",
                                "logs:StartQuery",
                                "logs:StopQuery",
                                "logs:TestMetricFilter")
                        .sid("CloudWatchLogsAccess")
                        .resources("*")
                        .build(),
                Statement.allow("s3:Get*", "s3:List*").sid("S3Read").resources("*").build(),
                Statement.allow(
                                "iam:AddRoleToInstanceProfile",
                                "iam:CreateInstanceProfile",
                                "iam:CreateRole",
                                "iam:DeleteInstanceProfile",
                                "iam:DeleteRole",
                                "iam:DeleteRolePolicy",
                                "iam:DetachRolePolicy",
                                "iam:GetRole",
                                "iam:ListAttachedRolePolicies",
                                "iam:ListRolePolicies",
                                "iam:RemoveRoleFromInstanceProfile",
                                "iam:TagInstanceProfile",
                                "iam:TagRole")
                        .sid("IAMRoleAndProfileManagement")
                        .resources(
                                "arn:aws:iam::*:role/TowerForge-*",
                                "arn:aws:iam::*:instance-profile/TowerForge-*")
                        .build(),
                Statement.allow("iam:AttachRolePolicy")
                        .sid("AttachForgeManagedPoliciesOnly")
                        .resources("arn:aws:iam::*:role/TowerForge-*")
                        .condition("ArnEquals", "iam:PolicyARN", FORGE_MANAGED_POLICIES)
                        .build(),
                Statement.allow("iam:PutRolePolicy")
                        .sid("InlinePoliciesWithinBoundaryOnly")
                        .resources("arn:aws:iam::*:role/TowerForge-*")
                        .condition("ArnLike", "iam:PermissionsBoundary", PERMISSIONS_BOUNDARY)
                        .build(),
                Statement.allow("ssm:GetParameters")
                        .sid("FetchOptimizedAMIMetadata")
                        .resources("arn:aws:ssm:*:*:parameter/aws/service/ecs/*")
                        .build(),
                Statement.allow(
                                "ec2:DescribeAccountAttributes",
                                "ec2:DescribeImages",
                                "ec2:DescribeInstanceTypeOfferings",
                                "ec2:DescribeInstanceTypes",
                                "ec2:DescribeKeyPairs",
                                "ec2:DescribeSecurityGroups",
                                "ec2:DescribeSubnets",
                                "ec2:DescribeVpcs",
                                "ec2:GetEbsEncryptionByDefault")
                        .sid("EC2MetadataDescribe")
                        .resources("*")
                        .build(),
                Statement.allow(
                                "fsx:CreateFileSystem",
                                "fsx:DeleteFileSystem",
                                "fsx:DescribeFileSystems",
                                "fsx:TagResource")
                        .sid("FSxManagement")
                        .resources("*")
                        .build(),
                Statement.allow(
                                "elasticfilesystem:CreateFileSystem",
                                "elasticfilesystem:DeleteFileSystem",
                                "elasticfilesystem:CreateMountTarget",
                                "elasticfilesystem:DeleteMountTarget",
                                "elasticfilesystem:DescribeFileSystems",
                                "elasticfilesystem:DescribeMountTargets",
                                "elasticfilesystem:UpdateFileSystem",
                                "elasticfilesystem:PutLifecycleConfiguration",
                                "elasticfilesystem:TagResource")
                        .sid("EFSManagement")
                        .resources("*")
                        .build());
    }

    /** The forge policy a {@code megatests:forgePolicy} value names. */
    public static PolicyDocument forge(String choice) {
        return switch (choice) {
            case "nf-core" -> forge();
            case "scoped" -> scopedForge();
            default ->
                    throw new IllegalArgumentException(
                            "megatests:forgePolicy must be nf-core or scoped, not " + choice);
        };
    }

    public static PolicyDocument launch() {
        return PolicyDocument.of(
                Statement.allow(LAUNCH_ACTIONS.toArray(String[]::new))
                        .sid("TowerLaunch0")
                        .resources("*")
                        .build());
    }

    /** Read and write the megatests bucket only. */
    public static PolicyDocument s3(String bucketName) {
        return s3ForBucketArn("arn:aws:s3:::" + bucketName);
    }

    /** {@link #s3(String)} from the bucket's ARN, as the bucket resource reports it. */
    public static PolicyDocument s3ForBucketArn(String bucketArn) {
        return PolicyDocument.of(
                Statement.allow("s3:ListBucket").resources(bucketArn).build(),
                Statement.allow(
                                "s3:GetObject",
                                "s3:PutObject",
                                "s3:PutObjectTagging",
                                "s3:DeleteObject")
                        .resources(bucketArn + "/*")
                        .build());
    }

    /**
     * The first 8 hex digits of SHA-256 over the forge and launch documents, serialised as the original
     * project did (Python's json.dumps with sorted keys), so the value is stable across both.
     */
    public static String fingerprint(PolicyDocument forge) {
        var input = new LinkedHashMap<String, Object>();
        input.put("forge", asPython(forge));
        input.put("launch", asPython(launch()));
        input.put("s3", Map.of("bucket_dependent", true));
        return Sha256.prefix(PythonJson.dumpsSorted(input), 8);
    }

    /** The document as the original built it: every Action a list, Resource a plain string. */
    private static Map<String, Object> asPython(PolicyDocument document) {
        var statements = new ArrayList<Object>();
        for (var statement : document.statements()) {
            var map = new LinkedHashMap<String, Object>();
            map.put("Sid", statement.sid());
            map.put("Effect", statement.effect().name());
            map.put("Action", statement.actions());
            map.put(
                    "Resource",
                    statement.resources().size() == 1
                            ? statement.resources().get(0)
                            : statement.resources());
            if (statement.conditions() != null && !statement.conditions().isEmpty()) {
                // nf-core's documents have none; only the scoped policy's PassRole has one.
                map.put("Condition", statement.conditions());
            }
            statements.add(map);
        }
        return Map.of("Version", PolicyDocument.VERSION, "Statement", statements);
    }
}
