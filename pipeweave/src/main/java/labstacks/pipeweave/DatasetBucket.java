package labstacks.pipeweave;

import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionTransitionArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleTransitionArgs;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.List;
import labstacks.constructs.aws.SecureBucket;
import labstacks.constructs.aws.SecureBucketArgs;

/**
 * The S3 bucket that holds PipeWeave datasets: a {@link SecureBucket} with every secure default
 * (versioned, SSE-S3, never public, owner enforced, TLS only), protection as the environment says,
 * archived to GLACIER where it says so, and PipeWeave's own policy ({@link DatasetBucketPolicy}).
 *
 * <p>It keeps its own component type: deployed stacks hold the bucket's children under
 * {@code labstacks:pipeweave:DatasetBucket}, and a new type would change every child's URN.
 */
public final class DatasetBucket extends SecureBucket {
    public static final String TYPE = "labstacks:pipeweave:DatasetBucket";

    /** The only server-side encryption PipeWeave uses: S3-managed keys. */
    public static final String SSE_ALGORITHM = SecureBucketArgs.SSE_S3;

    /** Days after which the lifecycle removes the parts of an upload that was never completed. */
    public static final int ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

    public DatasetBucket(String name, DatasetBucketArgs args, ComponentResourceOptions options) {
        super(TYPE, name, secureArgs(args), options);
        registerOutputs(outputs());
    }

    static SecureBucketArgs secureArgs(DatasetBucketArgs args) {
        var policy = args.policy();
        return SecureBucketArgs.builder()
                .bucketName(args.bucketName())
                .provider(args.aws())
                .sseAlgorithm(SSE_ALGORITHM)
                .protect(policy.protect())
                .retainOnDelete(policy.retainOnDelete())
                .forceDestroy(policy.forceDestroy())
                .lifecycleRules(
                        policy.glacierTransitionDays()
                                .map(DatasetBucket::lifecycleRules)
                                .orElse(List.of()))
                .policyStatements(arn -> DatasetBucketPolicy.statements(arn, policy))
                .build();
    }

    private static List<BucketLifecycleConfigurationV2RuleArgs> lifecycleRules(int days) {
        return List.of(
                BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("archive-to-glacier")
                        .status("Enabled")
                        // An empty prefix filter: the rule covers every object.
                        .filter(
                                BucketLifecycleConfigurationV2RuleFilterArgs.builder()
                                        .prefix("")
                                        .build())
                        .transitions(
                                BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                                        .days(days)
                                        .storageClass("GLACIER")
                                        .build())
                        .noncurrentVersionTransitions(
                                BucketLifecycleConfigurationV2RuleNoncurrentVersionTransitionArgs
                                        .builder()
                                        .noncurrentDays(days)
                                        .storageClass("GLACIER")
                                        .build())
                        .build(),
                // Parts of an upload that never completed (a crash before its abort) are stored and
                // billed
                // but invisible; they hold no dataset.
                BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("abort-incomplete-uploads")
                        .status("Enabled")
                        .filter(
                                BucketLifecycleConfigurationV2RuleFilterArgs.builder()
                                        .prefix("")
                                        .build())
                        .abortIncompleteMultipartUpload(
                                BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs
                                        .builder()
                                        .daysAfterInitiation(ABORT_INCOMPLETE_UPLOAD_DAYS)
                                        .build())
                        .build());
    }
}
