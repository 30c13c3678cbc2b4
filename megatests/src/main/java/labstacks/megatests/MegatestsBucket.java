package labstacks.megatests;

import com.pulumi.aws.s3.BucketCorsConfigurationV2;
import com.pulumi.aws.s3.BucketCorsConfigurationV2Args;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.inputs.BucketCorsConfigurationV2CorsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterTagArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleTransitionArgs;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.ArrayList;
import java.util.List;
import labstacks.constructs.aws.ImportedBucket;
import labstacks.constructs.aws.ImportedBucketArgs;
import labstacks.shared.aws.LegacyBucket;

/**
 * The megatests bucket: the existing bucket adopted as an {@link ImportedBucket} (imported, protected, its
 * own inline settings left alone, at the stack root in nf-core's program), with its lifecycle and CORS
 * managed as separate resources.
 *
 * <p>It keeps its own component type: deployed stacks hold the bucket under
 * {@code labstacks:megatests:MegatestsBucket}, and a new type would change its URN.
 */
public final class MegatestsBucket extends ImportedBucket {
    public static final String TYPE = "labstacks:megatests:MegatestsBucket";

    /** Objects Nextflow tags through fusion.tags (see nextflow-base.config). */
    static final String METADATA_TAG = "nextflow.io/metadata";

    static final String TEMPORARY_TAG = "nextflow.io/temporary";
    static final List<String> SCRATCH_PREFIXES = List.of("work/", "scratch/", "cache/", ".cache/");

    public MegatestsBucket(
            String name, MegatestsBucketArgs args, ComponentResourceOptions options) {
        super(
                TYPE,
                name,
                ImportedBucketArgs.builder()
                        .bucketName(args.bucketName())
                        .provider(args.aws())
                        // The legacy resource's inline lifecycle, versioning and CORS would fight
                        // the separate
                        // resources below; like every other inline setting, the import leaves them
                        // as they are.
                        .ignoreChanges(LegacyBucket.UNMANAGED_PROPERTIES)
                        .formerlyAtStackRoot(true)
                        .build(),
                options);
        var bucketName = args.bucketName();
        // Both take the bucket's id, which orders them after the import.
        new BucketLifecycleConfigurationV2(
                bucketName + "-lifecycle",
                BucketLifecycleConfigurationV2Args.builder()
                        .bucket(bucket().id())
                        .rules(lifecycleRules())
                        .build(),
                FormerNames.child(
                                this,
                                args.aws(),
                                "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                                bucketName + "-lifecycle")
                        .build());
        var cors =
                FormerNames.child(
                        this,
                        args.aws(),
                        "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
                        bucketName + "-cors");
        if (args.importCors()) {
            // PutBucketCors replaces every rule: a live configuration the state lacks is imported,
            // never
            // overwritten by a create. Import id: the bucket name (terraform-provider-aws
            // internal/service/s3/bucket_cors_configuration.go, "bucket" or
            // "bucket,expected_bucket_owner").
            cors.importId(bucketName);
        }
        new BucketCorsConfigurationV2(
                bucketName + "-cors",
                BucketCorsConfigurationV2Args.builder()
                        .bucket(bucket().id())
                        .corsRules(corsRules())
                        .build(),
                cors.build());
        registerOutputs(outputs());
    }

    static List<BucketLifecycleConfigurationV2RuleArgs> lifecycleRules() {
        var rules = new ArrayList<BucketLifecycleConfigurationV2RuleArgs>();
        rules.add(
                BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("preserve-metadata-files")
                        .status("Enabled")
                        .filter(tagFilter(METADATA_TAG))
                        .transitions(
                                BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                                        .days(30)
                                        .storageClass("STANDARD_IA")
                                        .build(),
                                BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                                        .days(90)
                                        .storageClass("GLACIER")
                                        .build())
                        .build());
        rules.add(expireAfter30("cleanup-temporary-files", tagFilter(TEMPORARY_TAG)));
        var ids =
                List.of(
                        "cleanup-work-directory",
                        "cleanup-scratch-directory",
                        "cleanup-cache-directories",
                        "cleanup-dot-cache-directories");
        for (int i = 0; i < SCRATCH_PREFIXES.size(); i++) {
            rules.add(
                    expireAfter30(
                            ids.get(i),
                            BucketLifecycleConfigurationV2RuleFilterArgs.builder()
                                    .prefix(SCRATCH_PREFIXES.get(i))
                                    .build()));
        }
        rules.add(
                BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("cleanup-incomplete-multipart-uploads")
                        .status("Enabled")
                        // An empty filter: the rule covers every upload.
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().build())
                        .abortIncompleteMultipartUpload(
                                BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs
                                        .builder()
                                        .daysAfterInitiation(7)
                                        .build())
                        .build());
        return List.copyOf(rules);
    }

    private static BucketLifecycleConfigurationV2RuleFilterArgs tagFilter(String key) {
        return BucketLifecycleConfigurationV2RuleFilterArgs.builder()
                .tag(
                        BucketLifecycleConfigurationV2RuleFilterTagArgs.builder()
                                .key(key)
                                .value("true")
                                .build())
                .build();
    }

    private static BucketLifecycleConfigurationV2RuleArgs expireAfter30(
            String id, BucketLifecycleConfigurationV2RuleFilterArgs filter) {
        return BucketLifecycleConfigurationV2RuleArgs.builder()
                .id(id)
                .status("Enabled")
                .filter(filter)
                .expiration(
                        BucketLifecycleConfigurationV2RuleExpirationArgs.builder().days(30).build())
                .build();
    }

    /** Seqera's Data Explorer, and read-only browser access (docs.seqera.io, data-explorer CORS). */
    static List<BucketCorsConfigurationV2CorsRuleArgs> corsRules() {
        return List.of(
                BucketCorsConfigurationV2CorsRuleArgs.builder()
                        .id("SeqeraDataExplorerAccess")
                        .allowedHeaders("*")
                        .allowedMethods("GET", "HEAD", "POST", "PUT", "DELETE")
                        .allowedOrigins(
                                "https://*.cloud.seqera.io",
                                "https://*.tower.nf",
                                "https://cloud.seqera.io",
                                "https://tower.nf")
                        .exposeHeaders("ETag")
                        .maxAgeSeconds(3000)
                        .build(),
                BucketCorsConfigurationV2CorsRuleArgs.builder()
                        .id("BrowserDirectAccess")
                        .allowedHeaders("Authorization", "Content-Type", "Range")
                        .allowedMethods("GET", "HEAD")
                        .allowedOrigins("*")
                        .exposeHeaders("Content-Range", "Content-Length", "ETag")
                        .maxAgeSeconds(3000)
                        .build());
    }
}
