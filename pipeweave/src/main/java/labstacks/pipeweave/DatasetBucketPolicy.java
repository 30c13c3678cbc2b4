package labstacks.pipeweave;

import java.util.ArrayList;
import java.util.List;
import labstacks.constructs.aws.SecureBucket;
import labstacks.shared.aws.PolicyDocument;
import labstacks.shared.aws.PolicyDocument.Statement;

/**
 * The dataset bucket's resource policy, as AWS evaluates it for every principal, not only the access role.
 *
 * <ul>
 *   <li>{@code DenyInsecureTransport}: every request without TLS, in every environment (the statement every
 *       {@link SecureBucket} has).</li>
 *   <li>{@code DenyOtherEncryption} (where uploads must be encrypted): a {@code PutObject} that asks for an
 *       encryption other than AES256. A request that sends no encryption header is not denied: the
 *       bucket's default encryption (SSE-S3) encrypts it anyway, and {@code UploadPart}, which S3
 *       authorizes as {@code s3:PutObject}, never carries the header. Denying a missing header (the plain
 *       {@code StringNotEquals} form) would refuse every multipart upload.</li>
 *   <li>{@code DenyVersionDeletion} and {@code DenyBucketDeletion} (production): permanent deletion, and the
 *       two ways around it (rewriting or removing this policy, an expiring lifecycle rule), for every
 *       principal in any account, except the optional break-glass role.</li>
 * </ul>
 */
public final class DatasetBucketPolicy {
    /** Actions on objects that destroy data for good: a version, unlike a delete marker, cannot come back. */
    public static final List<String> GUARDED_OBJECT_ACTIONS = List.of("s3:DeleteObjectVersion");

    /**
     * Actions on the bucket that destroy it, or would let anyone lift the guard: a new or removed policy,
     * or a lifecycle rule that expires versions.
     */
    public static final List<String> GUARDED_BUCKET_ACTIONS =
            List.of(
                    "s3:DeleteBucket",
                    "s3:DeleteBucketPolicy",
                    "s3:PutBucketPolicy",
                    "s3:PutLifecycleConfiguration");

    static final String ENCRYPTION_KEY = "s3:x-amz-server-side-encryption";

    private DatasetBucketPolicy() {}

    /** The policy document for the bucket {@code bucketArn} under {@code storage}: TLS only, then {@link #statements}. */
    public static String document(String bucketArn, StoragePolicy storage) {
        var all = new ArrayList<Statement>();
        all.add(SecureBucket.denyInsecureTransport(bucketArn));
        all.addAll(statements(bucketArn, storage));
        return PolicyDocument.of(List.copyOf(all)).toJson();
    }

    /** PipeWeave's own statements, after the TLS statement every {@link SecureBucket} has. */
    static List<Statement> statements(String bucketArn, StoragePolicy storage) {
        var objects = bucketArn + "/*";
        var statements = new ArrayList<Statement>();
        if (storage.encryptedUploadsRequired()) {
            // Both conditions must hold: the header is present (Null false) and says something
            // else.
            statements.add(
                    Statement.deny("s3:PutObject")
                            .sid("DenyOtherEncryption")
                            .principal("AWS", "*")
                            .resources(objects)
                            .condition(
                                    "StringNotEquals", ENCRYPTION_KEY, DatasetBucket.SSE_ALGORITHM)
                            .condition("Null", ENCRYPTION_KEY, "false")
                            .build());
        }
        if (storage.deletionGuarded()) {
            statements.add(
                    guard(
                            Statement.deny(GUARDED_OBJECT_ACTIONS.toArray(String[]::new))
                                    .sid("DenyVersionDeletion")
                                    .resources(objects),
                            storage));
            statements.add(
                    guard(
                            Statement.deny(GUARDED_BUCKET_ACTIONS.toArray(String[]::new))
                                    .sid("DenyBucketDeletion")
                                    .resources(bucketArn),
                            storage));
        }
        return List.copyOf(statements);
    }

    private static Statement guard(PolicyDocument.Builder deny, StoragePolicy storage) {
        deny.principal("AWS", "*");
        // aws:PrincipalArn is the role's ARN for every session of it, so one entry covers all
        // sessions
        // (a NotPrincipal would have to list each session ARN).
        storage.breakGlassRoleArn()
                .ifPresent(role -> deny.condition("ArnNotEquals", "aws:PrincipalArn", role));
        return deny.build();
    }
}
