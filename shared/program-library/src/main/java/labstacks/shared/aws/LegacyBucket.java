package labstacks.shared.aws;

import java.util.List;

/**
 * Facts about adopting an existing bucket with the legacy {@code aws:s3/bucket:Bucket} resource
 * (pulumi-aws 6.x).
 */
public final class LegacyBucket {

    /**
     * Every input property of {@code aws:s3/bucket:Bucket} except {@code bucket}. An import compares the
     * program's inputs with what exists; ignoring the properties the program does not own lets the import
     * succeed without writing any of them. (A test checks each name against the SDK's BucketArgs.)
     */
    public static final List<String> UNMANAGED_PROPERTIES =
            List.of(
                    "accelerationStatus",
                    "acl",
                    "arn",
                    "bucketPrefix",
                    "corsRules",
                    "forceDestroy",
                    "grants",
                    "hostedZoneId",
                    "lifecycleRules",
                    "loggings",
                    "objectLockConfiguration",
                    "policy",
                    "replicationConfiguration",
                    "requestPayer",
                    "serverSideEncryptionConfiguration",
                    "tags",
                    "versioning",
                    "website",
                    "websiteDomain",
                    "websiteEndpoint");

    private LegacyBucket() {}
}
