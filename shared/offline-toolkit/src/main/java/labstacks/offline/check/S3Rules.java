package labstacks.offline.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import labstacks.offline.plan.Plan;
import labstacks.offline.plan.PlannedResource;
import labstacks.shared.aws.PolicyDocument;

/**
 * Rules for buckets this project creates (imported buckets belong to someone else and are only tracked):
 * access blocked, encrypted, versioned, TLS only, no ACL grants.
 */
final class S3Rules {
    static final String BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
    static final String LEGACY_BUCKET = "aws:s3/bucket:Bucket";

    private S3Rules() {}

    static List<Rule> all() {
        return List.of(
                rule(
                        "s3-public-access-block",
                        "created buckets block public access with all four flags",
                        (plan, bucket) ->
                                companion(
                                                        plan,
                                                        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                                                        bucket)
                                                .filter(
                                                        block ->
                                                                List.of(
                                                                                "blockPublicAcls",
                                                                                "blockPublicPolicy",
                                                                                "ignorePublicAcls",
                                                                                "restrictPublicBuckets")
                                                                        .stream()
                                                                        .allMatch(
                                                                                flag ->
                                                                                        Boolean.TRUE
                                                                                                .equals(
                                                                                                        Resources
                                                                                                                .input(
                                                                                                                        block,
                                                                                                                        flag))))
                                                .isPresent()
                                        ? null
                                        : "has no BucketPublicAccessBlock with all four flags true",
                        "add a BucketPublicAccessBlock for it with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true"),
                rule(
                        "s3-default-encryption",
                        "created buckets have default encryption",
                        (plan, bucket) ->
                                companion(
                                                        plan,
                                                        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                                                        bucket)
                                                .isPresent()
                                        ? null
                                        : "has no default encryption",
                        "add a BucketServerSideEncryptionConfigurationV2 (AES256 or aws:kms)"),
                rule(
                        "s3-versioning",
                        "created buckets (data the project owns) are versioned",
                        (plan, bucket) ->
                                companion(
                                                        plan,
                                                        "aws:s3/bucketVersioningV2:BucketVersioningV2",
                                                        bucket)
                                                .filter(
                                                        v ->
                                                                "Enabled"
                                                                        .equals(
                                                                                Resources.text(
                                                                                        v,
                                                                                        "versioningConfiguration.status")))
                                                .isPresent()
                                        ? null
                                        : "is not versioned",
                        "add a BucketVersioningV2 with versioningConfiguration.status Enabled"),
                rule(
                        "s3-tls-only",
                        "created buckets deny requests without TLS",
                        (plan, bucket) ->
                                companion(plan, "aws:s3/bucketPolicy:BucketPolicy", bucket)
                                                .filter(
                                                        p ->
                                                                Resources.unknown(p, "policy")
                                                                        || deniesInsecureTransport(
                                                                                Resources.text(
                                                                                        p,
                                                                                        "policy")))
                                                .isPresent()
                                        ? null
                                        : "has no bucket policy denying aws:SecureTransport=false",
                        "add a BucketPolicy with a Deny statement on Condition Bool aws:SecureTransport false"),
                Rule.of(
                        "s3-no-acl-grants",
                        "no bucket ACL grants (object ownership enforced instead)",
                        (ruleId, plan) -> {
                            var found = new ArrayList<Violation>();
                            for (var resource : plan.resources()) {
                                if (!Resources.created(resource)) {
                                    continue;
                                }
                                if (resource.type().equals("aws:s3/bucketAclV2:BucketAclV2")) {
                                    found.add(
                                            Resources.violation(
                                                    ruleId,
                                                    resource,
                                                    "grants access through an ACL",
                                                    "remove it; use BucketOwnershipControls BucketOwnerEnforced and policies"));
                                }
                                if (isBucket(resource)
                                        && (!Resources.list(Resources.input(resource, "grants"))
                                                        .isEmpty()
                                                || Resources.text(resource, "acl")
                                                        .startsWith("public"))) {
                                    found.add(
                                            Resources.violation(
                                                    ruleId,
                                                    resource,
                                                    "sets ACL grants or a public canned ACL",
                                                    "remove acl and grants from the bucket"));
                                }
                            }
                            return found;
                        }));
    }

    static boolean isBucket(PlannedResource resource) {
        return resource.type().equals(BUCKET_V2) || resource.type().equals(LEGACY_BUCKET);
    }

    private static Optional<PlannedResource> companion(
            Plan plan, String type, PlannedResource bucket) {
        var name = Resources.text(bucket, "bucket");
        return plan.ofType(type).stream()
                .filter(c -> Resources.text(c, "bucket").equals(name))
                .findFirst();
    }

    static boolean deniesInsecureTransport(String policy) {
        try {
            return PolicyDocument.parse(policy).statements().stream()
                    .filter(s -> s.effect() == PolicyDocument.Effect.Deny)
                    .map(s -> s.conditions().get("Bool"))
                    .anyMatch(
                            bool ->
                                    bool != null
                                            && "false".equals(bool.get("aws:SecureTransport")));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Rule rule(
            String id,
            String description,
            BiFunction<Plan, PlannedResource, String> problem,
            String fix) {
        return Rule.of(
                id,
                description,
                (ruleId, plan) -> {
                    var found = new ArrayList<Violation>();
                    for (var bucket : plan.resources()) {
                        if (isBucket(bucket) && Resources.created(bucket)) {
                            var message = problem.apply(plan, bucket);
                            if (message != null) {
                                found.add(Resources.violation(id, bucket, message, fix));
                            }
                        }
                    }
                    return found;
                });
    }
}
