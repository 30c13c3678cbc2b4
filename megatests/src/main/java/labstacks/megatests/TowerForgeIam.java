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
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    public static final List<labstacks.shared.program.PolicyException> POLICY_EXCEPTIONS = List.of(
            new labstacks.shared.program.PolicyException("iam-wildcard-resource-write", "aws:iam/policy:Policy",
                    "towerforge-forge-policy", TowerForgePolicies.WILDCARD_RESOURCE_REASON),
            new labstacks.shared.program.PolicyException("iam-wildcard-resource-write", "aws:iam/policy:Policy",
                    "towerforge-launch-policy", TowerForgePolicies.WILDCARD_RESOURCE_REASON),
            new labstacks.shared.program.PolicyException("iam-unscoped-role-management", "aws:iam/policy:Policy",
                    "towerforge-forge-policy", TowerForgePolicies.BROAD_IAM_REASON));

    private final User user;
    private final AccessKey accessKey;
    private final List<Policy> policies = new ArrayList<>();

    /** @param forgePolicy the forge policy document */
    public TowerForgeIam(String name, String bucketName, Resource bucket, labstacks.shared.aws.PolicyDocument forgePolicy,
                         Provider aws, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var forge = policy("towerforge-forge-policy", FORGE_POLICY,
                "IAM policy for TowerForge to create and manage AWS Batch resources",
                forgePolicy.toJson(), child(aws, POLICY_TYPE, "towerforge-forge-policy"));
        var launch = policy("towerforge-launch-policy", LAUNCH_POLICY,
                "IAM policy for TowerForge to launch and monitor pipeline executions",
                TowerForgePolicies.launch().toJson(), child(aws, POLICY_TYPE, "towerforge-launch-policy"));
        var s3 = policy("towerforge-s3-policy", S3_POLICY,
                "IAM policy for TowerForge to access " + bucketName + " S3 bucket",
                TowerForgePolicies.s3(bucketName).toJson(),
                CustomResourceOptions.merge(child(aws, POLICY_TYPE, "towerforge-s3-policy"),
                        CustomResourceOptions.builder().dependsOn(bucket).build()));

        this.user = new User("towerforge-user", UserArgs.builder().name(USER_NAME).build(),
                child(aws, "aws:iam/user:User", "towerforge-user"));
        var attachments = new ArrayList<Resource>();
        for (var entry : List.of(Map.entry("forge", forge), Map.entry("launch", launch), Map.entry("s3", s3))) {
            attachments.add(new UserPolicyAttachment("towerforge-" + entry.getKey() + "-policy-attachment",
                    UserPolicyAttachmentArgs.builder().user(user.name()).policyArn(entry.getValue().arn()).build(),
                    CustomResourceOptions.merge(child(aws, "aws:iam/userPolicyAttachment:UserPolicyAttachment", "towerforge-" + entry.getKey() + "-policy-attachment"),
                            CustomResourceOptions.builder().dependsOn(user, entry.getValue()).build())));
        }
        this.accessKey = new AccessKey("towerforge-access-key", AccessKeyArgs.builder().user(user.name()).build(),
                CustomResourceOptions.merge(child(aws, "aws:iam/accessKey:AccessKey", "towerforge-access-key"), CustomResourceOptions.builder()
                        .dependsOn(attachments)
                        .additionalSecretOutputs("secret")
                        .build()));
        registerOutputs(Map.of("userArn", user.arn(), "accessKeyId", accessKey.id()));
    }

    /** Each resource keeps the name the Python program gave it at the stack root. */
    private static final String POLICY_TYPE = "aws:iam/policy:Policy";

    private CustomResourceOptions child(Provider aws, String type, String name) {
        return CustomResourceOptions.builder().parent(this).provider(aws).aliases(FormerNames.atStackRoot(type, name)).build();
    }

    private Policy policy(String resourceName, String policyName, String description, String document,
                          CustomResourceOptions options) {
        var policy = new Policy(resourceName, PolicyArgs.builder()
                .name(policyName)
                .description(description)
                .policy(document)
                .build(), options);
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
