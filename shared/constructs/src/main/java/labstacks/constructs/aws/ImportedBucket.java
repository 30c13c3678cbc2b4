package labstacks.constructs.aws;

import com.pulumi.aws.s3.Bucket;
import com.pulumi.aws.s3.BucketArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Alias;
import com.pulumi.core.Output;
import com.pulumi.deployment.Deployment;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import labstacks.shared.program.Urns;

/**
 * An S3 bucket that exists already and holds data the project did not create, tracked with the legacy
 * {@code aws:s3/bucket:Bucket} resource: imported, protected, retained on delete, and none of its inline
 * settings written ({@link ImportedBucketArgs}). Optionally its versioning and public access block are
 * imported the same way. Its children are named after the bucket: {@code <bucket>},
 * {@code <bucket>-versioning}, {@code <bucket>-public-access}.
 */
public class ImportedBucket extends ComponentResource {
    public static final String TYPE = "labstacks:aws:ImportedBucket";
    public static final String BUCKET_TYPE = "aws:s3/bucket:Bucket";
    public static final String VERSIONING_TYPE = "aws:s3/bucketVersioningV2:BucketVersioningV2";
    public static final String PUBLIC_ACCESS_BLOCK_TYPE =
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

    /** Every input of {@code aws:s3/bucketVersioningV2} except {@code bucket}. */
    public static final List<String> VERSIONING_UNMANAGED_PROPERTIES =
            List.of("expectedBucketOwner", "mfa", "versioningConfiguration");

    /** Every flag of {@code aws:s3/bucketPublicAccessBlock}. */
    public static final List<String> PUBLIC_ACCESS_BLOCK_UNMANAGED_PROPERTIES =
            List.of(
                    "blockPublicAcls",
                    "blockPublicPolicy",
                    "ignorePublicAcls",
                    "restrictPublicBuckets");

    private final Bucket bucket;
    private final Optional<BucketVersioningV2> versioning;
    private final Optional<BucketPublicAccessBlock> publicAccessBlock;

    public ImportedBucket(String name, ImportedBucketArgs args, ComponentResourceOptions options) {
        this(TYPE, name, args, options);
        registerOutputs(outputs());
    }

    /**
     * For a module whose deployed stacks already hold the bucket under a component type of its own: a
     * subclass passes that type, so the children keep their URNs. The subclass adds its own children, if any,
     * then calls {@code registerOutputs(outputs())}: that call marks the component complete.
     */
    protected ImportedBucket(
            String type, String name, ImportedBucketArgs args, ComponentResourceOptions options) {
        super(type, name, options);
        var bucketName = args.bucketName();
        this.bucket =
                new Bucket(
                        bucketName,
                        BucketArgs.builder().bucket(bucketName).build(),
                        imported(args, BUCKET_TYPE, bucketName)
                                .ignoreChanges(args.ignoreChanges())
                                .build());
        // Both name the bucket as plain text (the import needs no id) and wait for its import.
        this.versioning =
                !args.importVersioning()
                        ? Optional.empty()
                        : Optional.of(
                                new BucketVersioningV2(
                                        bucketName + "-versioning",
                                        BucketVersioningV2Args.builder()
                                                .bucket(bucketName)
                                                // Required by the resource; ignored, so the import
                                                // takes whatever the bucket has.
                                                .versioningConfiguration(
                                                        BucketVersioningV2VersioningConfigurationArgs
                                                                .builder()
                                                                .status("Enabled")
                                                                .build())
                                                .build(),
                                        imported(args, VERSIONING_TYPE, bucketName + "-versioning")
                                                .ignoreChanges(VERSIONING_UNMANAGED_PROPERTIES)
                                                .dependsOn(bucket)
                                                .build()));
        this.publicAccessBlock =
                !args.importPublicAccessBlock()
                        ? Optional.empty()
                        : Optional.of(
                                new BucketPublicAccessBlock(
                                        bucketName + "-public-access",
                                        BucketPublicAccessBlockArgs.builder()
                                                .bucket(bucketName)
                                                .build(),
                                        imported(
                                                        args,
                                                        PUBLIC_ACCESS_BLOCK_TYPE,
                                                        bucketName + "-public-access")
                                                .ignoreChanges(
                                                        PUBLIC_ACCESS_BLOCK_UNMANAGED_PROPERTIES)
                                                .dependsOn(bucket)
                                                .build()));
    }

    private CustomResourceOptions.Builder imported(
            ImportedBucketArgs args, String type, String resourceName) {
        var options =
                CustomResourceOptions.builder()
                        .parent(this)
                        .provider(args.provider())
                        .importId(args.importId())
                        .protect(args.protect())
                        .retainOnDelete(args.retainOnDelete());
        return args.formerlyAtStackRoot()
                ? options.aliases(atStackRoot(type, resourceName))
                : options;
    }

    /**
     * The same resource at the stack root of this project and stack. An explicit URN, so what the engine
     * receives is what the plan shows: in pulumi-java 1.36.1 an alias spec cannot carry a name together
     * with "no parent" ({@code com.pulumi.core.Alias$Builder.build} returns {@code Alias.noParent()}).
     */
    static Alias atStackRoot(String type, String resourceName) {
        var deployment = Deployment.getInstance();
        return Alias.withUrn(
                Urns.create(
                        deployment.getStackName(),
                        deployment.getProjectName(),
                        null,
                        type,
                        resourceName));
    }

    /** The component's outputs, for {@code registerOutputs}. */
    protected final Map<String, Output<?>> outputs() {
        return Map.of("name", bucket.bucket(), "arn", bucket.arn());
    }

    public Bucket bucket() {
        return bucket;
    }

    /** The bucket's name, as an Output: what takes it waits for the import. */
    public Output<String> bucketName() {
        return bucket.bucket();
    }

    public Output<String> bucketArn() {
        return bucket.arn();
    }

    public Optional<BucketVersioningV2> versioning() {
        return versioning;
    }

    public Optional<BucketPublicAccessBlock> publicAccessBlock() {
        return publicAccessBlock;
    }
}
