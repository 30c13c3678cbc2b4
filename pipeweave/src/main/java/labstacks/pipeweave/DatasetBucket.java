package labstacks.pipeweave;

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
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionTransitionArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleTransitionArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The S3 bucket that holds PipeWeave datasets: versioned, encrypted with SSE-S3, never public, owner
 * enforced (no ACLs), reachable only over TLS, and archived to GLACIER where the environment says so.
 */
public final class DatasetBucket extends ComponentResource {
    public static final String TYPE = "labstacks:pipeweave:DatasetBucket";
    /** The only server-side encryption PipeWeave uses: S3-managed keys. */
    public static final String SSE_ALGORITHM = "AES256";
    /** Days after which the lifecycle removes the parts of an upload that was never completed. */
    public static final int ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

    private final BucketV2 bucket;
    private final Optional<BucketLifecycleConfigurationV2> lifecycle;
    private final BucketPolicy bucketPolicy;

    public DatasetBucket(String name, DatasetBucketArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var policy = args.policy();
        var child = CustomResourceOptions.builder().parent(this).provider(args.aws()).build();

        this.bucket = new BucketV2(name, BucketV2Args.builder()
                .bucket(args.bucketName())
                .forceDestroy(policy.forceDestroy())
                .build(),
                CustomResourceOptions.builder().parent(this).provider(args.aws())
                        .protect(policy.protect())
                        .retainOnDelete(policy.retainOnDelete())
                        .build());

        new BucketVersioningV2(name + "-versioning", BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder()
                        .status("Enabled").build())
                .build(), child);

        new BucketServerSideEncryptionConfigurationV2(name + "-encryption",
                BucketServerSideEncryptionConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                .applyServerSideEncryptionByDefault(
                                        BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs
                                                .builder().sseAlgorithm(SSE_ALGORITHM).build())
                                .build())
                        .build(), child);

        var publicAccessBlock = new BucketPublicAccessBlock(name + "-public-access-block",
                BucketPublicAccessBlockArgs.builder()
                        .bucket(bucket.id())
                        .blockPublicAcls(true)
                        .blockPublicPolicy(true)
                        .ignorePublicAcls(true)
                        .restrictPublicBuckets(true)
                        .build(), child);

        new BucketOwnershipControls(name + "-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), child);

        this.lifecycle = policy.glacierTransitionDays().map(days ->
                new BucketLifecycleConfigurationV2(name + "-lifecycle", BucketLifecycleConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                                .id("archive-to-glacier")
                                .status("Enabled")
                                // An empty prefix filter: the rule covers every object.
                                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                                .transitions(BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                                        .days(days).storageClass("GLACIER").build())
                                .noncurrentVersionTransitions(
                                        BucketLifecycleConfigurationV2RuleNoncurrentVersionTransitionArgs.builder()
                                                .noncurrentDays(days).storageClass("GLACIER").build())
                                .build(),
                                // Parts of an upload that never completed (a crash before its abort) are
                                // stored and billed but invisible; they hold no dataset.
                                BucketLifecycleConfigurationV2RuleArgs.builder()
                                        .id("abort-incomplete-uploads")
                                        .status("Enabled")
                                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                                        .abortIncompleteMultipartUpload(
                                                BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                                                        .daysAfterInitiation(ABORT_INCOMPLETE_UPLOAD_DAYS).build())
                                        .build())
                        .build(), child));

        // A deny-only policy is not public, but S3 rejects policy writes while the access block is being
        // applied; and production's guard denies s3:PutLifecycleConfiguration to every principal, the deployer
        // included. The policy therefore goes on last, after the access block and the lifecycle rules.
        var policyAfter = new java.util.ArrayList<com.pulumi.resources.Resource>(List.of(publicAccessBlock));
        this.lifecycle.ifPresent(policyAfter::add);
        this.bucketPolicy = new BucketPolicy(name + "-policy", BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(bucket.arn().applyValue(arn -> bucketPolicy(arn, policy)))
                .build(),
                CustomResourceOptions.builder().parent(this).provider(args.aws()).dependsOn(policyAfter).build());

        registerOutputs(Map.of(
                "bucketName", bucket.bucket(),
                "bucketArn", bucket.arn(),
                "bucketRegion", bucket.region()));
    }

    /** The bucket policy; see {@link DatasetBucketPolicy}. */
    static String bucketPolicy(String bucketArn, StoragePolicy storage) {
        return DatasetBucketPolicy.document(bucketArn, storage);
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

    public BucketPolicy bucketPolicy() {
        return bucketPolicy;
    }
}
