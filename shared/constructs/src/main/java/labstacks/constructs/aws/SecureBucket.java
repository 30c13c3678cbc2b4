package labstacks.constructs.aws;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import labstacks.shared.aws.PolicyDocument;
import labstacks.shared.aws.PolicyDocument.Statement;
import labstacks.shared.program.ChildOptions;

/**
 * An S3 bucket the project creates and owns, secure unless told otherwise ({@link SecureBucketArgs}):
 * versioned, encrypted by default, never public, owner enforced (no ACLs), reachable only over TLS,
 * protected and retained. It passes every S3 rule of {@code ./labstacks check}.
 *
 * <p>Children, all named after the component: the {@code aws:s3/bucketV2:BucketV2} itself ({@code name}),
 * {@code name-versioning}, {@code name-encryption}, {@code name-public-access-block}, {@code name-ownership},
 * {@code name-lifecycle} (with lifecycle rules) and {@code name-policy} (with TLS enforced or own statements).
 */
public class SecureBucket extends ComponentResource {
    public static final String TYPE = "labstacks:aws:SecureBucket";

    private final BucketV2 bucket;
    private final Optional<BucketLifecycleConfigurationV2> lifecycle;
    private final Optional<BucketPolicy> bucketPolicy;

    public SecureBucket(String name, SecureBucketArgs args, ComponentResourceOptions options) {
        this(TYPE, name, args, options);
        registerOutputs(outputs());
    }

    /**
     * For a module whose deployed stacks already hold such a bucket under a component type of its own: a
     * subclass passes that type, so the children keep their URNs. The subclass adds its own children, if any,
     * then calls {@code registerOutputs(outputs())}: that call marks the component complete.
     */
    protected SecureBucket(
            String type, String name, SecureBucketArgs args, ComponentResourceOptions options) {
        super(type, name, options);
        var aws = args.provider();
        var child = ChildOptions.of(this, CustomResourceOptions.builder().provider(aws).build());

        this.bucket =
                new BucketV2(
                        name,
                        BucketV2Args.builder()
                                .bucket(args.bucketName())
                                .forceDestroy(args.forceDestroy())
                                .build(),
                        ChildOptions.of(
                                this,
                                CustomResourceOptions.builder()
                                        .provider(aws)
                                        .protect(args.protect())
                                        .retainOnDelete(args.retainOnDelete())
                                        .build()));

        if (args.versioned()) {
            new BucketVersioningV2(
                    name + "-versioning",
                    BucketVersioningV2Args.builder()
                            .bucket(bucket.id())
                            .versioningConfiguration(
                                    BucketVersioningV2VersioningConfigurationArgs.builder()
                                            .status("Enabled")
                                            .build())
                            .build(),
                    child);
        }

        new BucketServerSideEncryptionConfigurationV2(
                name + "-encryption",
                BucketServerSideEncryptionConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(
                                BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                        .applyServerSideEncryptionByDefault(
                                                BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs
                                                        .builder()
                                                        .sseAlgorithm(args.sseAlgorithm())
                                                        .build())
                                        .build())
                        .build(),
                child);

        var policyAfter = new ArrayList<Resource>();
        if (args.blockPublicAccess()) {
            policyAfter.add(
                    new BucketPublicAccessBlock(
                            name + "-public-access-block",
                            BucketPublicAccessBlockArgs.builder()
                                    .bucket(bucket.id())
                                    .blockPublicAcls(true)
                                    .blockPublicPolicy(true)
                                    .ignorePublicAcls(true)
                                    .restrictPublicBuckets(true)
                                    .build(),
                            child));
        }

        new BucketOwnershipControls(
                name + "-ownership",
                BucketOwnershipControlsArgs.builder()
                        .bucket(bucket.id())
                        .rule(
                                BucketOwnershipControlsRuleArgs.builder()
                                        .objectOwnership("BucketOwnerEnforced")
                                        .build())
                        .build(),
                child);

        this.lifecycle =
                args.lifecycleRules().isEmpty()
                        ? Optional.empty()
                        : Optional.of(
                                new BucketLifecycleConfigurationV2(
                                        name + "-lifecycle",
                                        BucketLifecycleConfigurationV2Args.builder()
                                                .bucket(bucket.id())
                                                .rules(args.lifecycleRules())
                                                .build(),
                                        child));
        this.lifecycle.ifPresent(policyAfter::add);

        // S3 rejects policy writes while the access block is being applied, and a policy may deny
        // s3:PutLifecycleConfiguration to every principal, the deployer included: the policy goes
        // on last.
        this.bucketPolicy =
                !args.enforceSsl() && args.policyStatements().isEmpty()
                        ? Optional.empty()
                        : Optional.of(
                                new BucketPolicy(
                                        name + "-policy",
                                        BucketPolicyArgs.builder()
                                                .bucket(bucket.id())
                                                .policy(
                                                        bucket.arn()
                                                                .applyValue(
                                                                        arn -> policy(arn, args)))
                                                .build(),
                                        ChildOptions.of(
                                                this,
                                                CustomResourceOptions.builder()
                                                        .provider(aws)
                                                        .dependsOn(policyAfter)
                                                        .build())));
    }

    /** The bucket policy: the TLS statement (unless turned off), then the caller's own. */
    static String policy(String bucketArn, SecureBucketArgs args) {
        var statements = new ArrayList<Statement>();
        if (args.enforceSsl()) {
            statements.add(denyInsecureTransport(bucketArn));
        }
        args.policyStatements().ifPresent(own -> statements.addAll(own.apply(bucketArn)));
        return PolicyDocument.of(List.copyOf(statements)).toJson();
    }

    /** {@code DenyInsecureTransport}: every request without TLS, on the bucket and its objects, by anyone. */
    public static Statement denyInsecureTransport(String bucketArn) {
        return Statement.deny("s3:*")
                .sid("DenyInsecureTransport")
                .principal("AWS", "*")
                .resources(bucketArn, bucketArn + "/*")
                .condition("Bool", "aws:SecureTransport", "false")
                .build();
    }

    /** The component's outputs, for {@code registerOutputs}. */
    protected final Map<String, Output<?>> outputs() {
        return Map.of(
                "bucketName", bucket.bucket(),
                "bucketArn", bucket.arn(),
                "bucketRegion", bucket.region());
    }

    public BucketV2 bucket() {
        return bucket;
    }

    public Output<String> bucketName() {
        return bucket.bucket();
    }

    public Output<String> bucketArn() {
        return bucket.arn();
    }

    public Output<String> bucketRegion() {
        return bucket.region();
    }

    public Optional<BucketLifecycleConfigurationV2> lifecycle() {
        return lifecycle;
    }

    public Optional<BucketPolicy> bucketPolicy() {
        return bucketPolicy;
    }
}
