package labstacks.megatests;

import com.pulumi.aws.Provider;
import com.pulumi.aws.iam.AccessKey;
import com.pulumi.aws.iam.AccessKeyArgs;
import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.User;
import com.pulumi.aws.iam.UserArgs;
import com.pulumi.aws.iam.UserPolicyAttachment;
import com.pulumi.aws.iam.UserPolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import labstacks.shared.program.PolicyException;

/**
 * The IAM user Seqera Platform's TowerForge acts as: forge, launch and bucket policies attached to
 * {@code TowerForge-AWSMegatests}, and an access key whose secret never leaves Pulumi's secrets.
 */
public final class TowerForgeIam extends ComponentResource {
    public static final String TYPE = "labstacks:megatests:TowerForgeIam";
    public static final String USER_NAME = "TowerForge-AWSMegatests";
    public static final String FORGE_POLICY = "TowerForge-Forge-Policy";
    public static final String LAUNCH_POLICY = "TowerForge-Launch-Policy";
    public static final String S3_POLICY = "TowerForge-S3-Policy";

    /** The forge and launch policies name "*" by design (see TowerForgePolicies.WILDCARD_RESOURCE_REASON). */
    public static final List<PolicyException> POLICY_EXCEPTIONS =
            List.of(
                    new PolicyException(
                            "iam-wildcard-resource-write",
                            "aws:iam/policy:Policy",
                            "towerforge-forge-policy",
                            TowerForgePolicies.WILDCARD_RESOURCE_REASON),
                    new PolicyException(
                            "iam-wildcard-resource-write",
                            "aws:iam/policy:Policy",
                            "towerforge-launch-policy",
                            TowerForgePolicies.WILDCARD_RESOURCE_REASON),
                    new PolicyException(
                            "iam-unscoped-role-management",
                            "aws:iam/policy:Policy",
                            "towerforge-forge-policy",
                            TowerForgePolicies.BROAD_IAM_REASON));

    private final User user;
    private final AccessKey accessKey;
    private final List<Policy> policies = new ArrayList<>();

    public TowerForgeIam(String name, TowerForgeIamArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var aws = args.aws();
        var forge =
                policy(
                        "towerforge-forge-policy",
                        FORGE_POLICY,
                        Output.of(
                                "IAM policy for TowerForge to create and manage AWS Batch resources"),
                        Output.of(args.forgePolicy().toJson()),
                        aws);
        var launch =
                policy(
                        "towerforge-launch-policy",
                        LAUNCH_POLICY,
                        Output.of(
                                "IAM policy for TowerForge to launch and monitor pipeline executions"),
                        Output.of(TowerForgePolicies.launch().toJson()),
                        aws);
        // From the bucket's own name and ARN: the policy waits for the adopted bucket.
        var s3 =
                policy(
                        "towerforge-s3-policy",
                        S3_POLICY,
                        args.bucketName()
                                .applyValue(
                                        bucket ->
                                                "IAM policy for TowerForge to access "
                                                        + bucket
                                                        + " S3 bucket"),
                        args.bucketArn()
                                .applyValue(arn -> TowerForgePolicies.s3ForBucketArn(arn).toJson()),
                        aws);

        this.user =
                new User(
                        "towerforge-user",
                        UserArgs.builder().name(USER_NAME).build(),
                        FormerNames.child(this, aws, "aws:iam/user:User", "towerforge-user")
                                .build());
        var attachments = new ArrayList<Resource>();
        for (var entry :
                List.of(
                        Map.entry("forge", forge),
                        Map.entry("launch", launch),
                        Map.entry("s3", s3))) {
            var attachment = "towerforge-" + entry.getKey() + "-policy-attachment";
            attachments.add(
                    new UserPolicyAttachment(
                            attachment,
                            UserPolicyAttachmentArgs.builder()
                                    .user(user.name())
                                    .policyArn(entry.getValue().arn())
                                    .build(),
                            FormerNames.child(
                                            this,
                                            aws,
                                            "aws:iam/userPolicyAttachment:UserPolicyAttachment",
                                            attachment)
                                    .build()));
        }
        this.accessKey =
                new AccessKey(
                        "towerforge-access-key",
                        AccessKeyArgs.builder().user(user.name()).build(),
                        FormerNames.child(
                                        this,
                                        aws,
                                        "aws:iam/accessKey:AccessKey",
                                        "towerforge-access-key")
                                // No input of the key comes from the attachments, yet the platform
                                // must get a key whose
                                // user already holds the policies: the order is explicit.
                                .dependsOn(attachments)
                                .additionalSecretOutputs("secret")
                                .build());
        registerOutputs(Map.of("userArn", user.arn(), "accessKeyId", accessKey.id()));
    }

    /** Each policy keeps the name the Python program gave it at the stack root. */
    private static final String POLICY_TYPE = "aws:iam/policy:Policy";

    private Policy policy(
            String resourceName,
            String policyName,
            Output<String> description,
            Output<String> document,
            Provider aws) {
        var policy =
                new Policy(
                        resourceName,
                        PolicyArgs.builder()
                                .name(policyName)
                                .description(description)
                                .policy(document)
                                .build(),
                        FormerNames.child(this, aws, POLICY_TYPE, resourceName).build());
        policies.add(policy);
        return policy;
    }

    public User user() {
        return user;
    }

    public AccessKey accessKey() {
        return accessKey;
    }

    public List<Policy> policies() {
        return List.copyOf(policies);
    }
}
