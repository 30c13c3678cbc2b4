package labstacks.pipeweave;

import com.pulumi.aws.iam.InstanceProfile;
import com.pulumi.aws.iam.InstanceProfileArgs;
import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import labstacks.shared.aws.PolicyDocument;
import labstacks.shared.aws.PolicyDocument.Statement;
import labstacks.shared.program.ChildOptions;

/**
 * The IAM role the PipeWeave backend runs as on EC2, ECS or Lambda: list the dataset bucket, read and
 * write its objects, delete them only where the environment allows, and write only encrypted objects
 * where it requires. Every statement names the bucket; nothing is granted on {@code "*"}.
 */
public final class DatasetAccessRole extends ComponentResource {
    public static final String TYPE = "labstacks:pipeweave:DatasetAccessRole";

    /** The compute services the backend runs on. */
    public static final List<String> TRUSTED_SERVICES =
            List.of("ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "lambda.amazonaws.com");

    private final Role role;
    private final Policy policy;
    private final InstanceProfile instanceProfile;

    public DatasetAccessRole(
            String name, DatasetAccessRoleArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child =
                ChildOptions.of(this, CustomResourceOptions.builder().provider(args.aws()).build());

        this.role =
                new Role(
                        name,
                        RoleArgs.builder()
                                .name(args.roleName())
                                .description(
                                        "PipeWeave backend access to its "
                                                + args.policy().environment().configName()
                                                + " datasets")
                                .assumeRolePolicy(trustPolicy())
                                .build(),
                        child);

        this.policy =
                new Policy(
                        name + "-policy",
                        PolicyArgs.builder()
                                .name(args.roleName() + "-access")
                                .description(
                                        "Read and write PipeWeave "
                                                + args.policy().environment().configName()
                                                + " datasets")
                                .policy(
                                        args.bucketArn()
                                                .applyValue(
                                                        arn -> accessPolicy(arn, args.policy())))
                                .build(),
                        child);

        new RolePolicyAttachment(
                name + "-policy-attachment",
                RolePolicyAttachmentArgs.builder()
                        .role(role.name())
                        .policyArn(policy.arn())
                        .build(),
                child);

        this.instanceProfile =
                new InstanceProfile(
                        name + "-instance-profile",
                        InstanceProfileArgs.builder()
                                .name(args.roleName())
                                .role(role.name())
                                .build(),
                        child);

        registerOutputs(
                Map.of(
                        "roleArn", role.arn(),
                        "policyArn", policy.arn(),
                        "instanceProfileArn", instanceProfile.arn()));
    }

    static String trustPolicy() {
        return PolicyDocument.of(
                        Statement.allow("sts:AssumeRole")
                                .principal("Service", TRUSTED_SERVICES)
                                .build())
                .toJson();
    }

    static String accessPolicy(String bucketArn, StoragePolicy storage) {
        var objects = bucketArn + "/*";
        var statements = new ArrayList<Statement>();
        // ListBucketVersions: DatasetStorage.versions (a dataset's history).
        statements.add(
                Statement.allow("s3:ListBucket", "s3:ListBucketVersions")
                        .sid("ListDatasets")
                        .resources(bucketArn)
                        .build());
        // GetObjectVersion: a GET with ?versionId= is authorized as this action, not as
        // s3:GetObject.
        statements.add(
                Statement.allow("s3:GetObject", "s3:GetObjectVersion")
                        .sid("ReadDatasets")
                        .resources(objects)
                        .build());
        // s3:PutObject covers PutObject and the create, part and complete calls of a multipart
        // upload.
        var put = Statement.allow("s3:PutObject").sid("WriteDatasets").resources(objects);
        if (storage.encryptedUploadsRequired()) {
            // IfExists: UploadPart carries no encryption header (the bucket default encrypts it); a
            // request that names an encryption must name AES256.
            put.condition(
                    "StringEqualsIfExists",
                    DatasetBucketPolicy.ENCRYPTION_KEY,
                    DatasetBucket.SSE_ALGORITHM);
        }
        statements.add(put.build());
        // DatasetStorage aborts a multipart upload that failed, so its parts do not linger.
        statements.add(
                Statement.allow("s3:AbortMultipartUpload")
                        .sid("AbortFailedUploads")
                        .resources(objects)
                        .build());
        if (storage.deleteAllowed()) {
            statements.add(
                    Statement.allow("s3:DeleteObject")
                            .sid("DeleteDatasets")
                            .resources(objects)
                            .build());
        }
        return PolicyDocument.of(List.copyOf(statements)).toJson();
    }

    public Output<String> roleArn() {
        return role.arn();
    }

    public Output<String> policyArn() {
        return policy.arn();
    }

    public Output<String> instanceProfileArn() {
        return instanceProfile.arn();
    }

    public Role role() {
        return role;
    }
}
