package labstacks.pipeweave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.resources.ComponentResourceOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.providers.AwsAccess;
import labstacks.shared.providers.AwsProviders;
import org.junit.jupiter.api.Test;

class DatasetBucketTest {

    private static StackRun run(StoragePolicy policy) {
        return ProgramHarness.component(
                        "bucket",
                        stack -> {
                            var aws =
                                    AwsProviders.create(
                                            "aws", AwsAccess.defaultChain("eu-central-1"));
                            new DatasetBucket(
                                    "data",
                                    new DatasetBucketArgs("my-datasets", policy, aws),
                                    ComponentResourceOptions.Empty);
                        })
                .run()
                .assertSucceeded();
    }

    private static final StoragePolicy STRICT =
            new StoragePolicy(
                    DatasetEnvironment.PRODUCTION, Optional.of(30), false, true, true, true, false);
    private static final StoragePolicy LOOSE =
            new StoragePolicy(
                    DatasetEnvironment.DEVELOPMENT,
                    Optional.empty(),
                    true,
                    false,
                    false,
                    false,
                    true);

    @Test
    void everyChildBelongsToTheComponentAndUsesTheExplicitProvider() {
        var run = run(STRICT);
        var component = run.resource(DatasetBucket.TYPE, "data");
        var children =
                run.resources().stream()
                        .filter(r -> component.urn().equals(r.parentUrn()))
                        .toList();
        assertEquals(7, children.size(), children.toString());
        assertTrue(children.stream().allMatch(r -> "aws".equals(r.provider())));
        assertEquals(
                Map.of(
                        "bucketName",
                        "my-datasets",
                        "bucketArn",
                        "arn:aws:s3:::my-datasets",
                        "bucketRegion",
                        "eu-central-1"),
                component.outputs());
    }

    @Test
    void secureDefaultsHoldWhateverThePolicy() {
        for (var policy : List.of(STRICT, LOOSE)) {
            var run = run(policy);
            assertEquals(
                    Map.of("status", "Enabled"),
                    run.resource("aws:s3/bucketVersioningV2:BucketVersioningV2", "data-versioning")
                            .inputs()
                            .get("versioningConfiguration"));
            assertEquals(
                    List.of(
                            Map.of(
                                    "applyServerSideEncryptionByDefault",
                                    Map.of("sseAlgorithm", "AES256"))),
                    run.resource(
                                    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                                    "data-encryption")
                            .inputs()
                            .get("rules"));
            var block =
                    run.resource(
                                    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                                    "data-public-access-block")
                            .inputs();
            for (var flag :
                    List.of(
                            "blockPublicAcls",
                            "blockPublicPolicy",
                            "ignorePublicAcls",
                            "restrictPublicBuckets")) {
                assertEquals(true, block.get(flag), flag);
            }
            assertEquals(
                    Map.of("objectOwnership", "BucketOwnerEnforced"),
                    run.resource(
                                    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
                                    "data-ownership")
                            .inputs()
                            .get("rule"));
            var tls =
                    PolicyJson.bySid(
                                    run.resource("aws:s3/bucketPolicy:BucketPolicy", "data-policy")
                                            .inputs()
                                            .get("policy"),
                                    "DenyInsecureTransport")
                            .orElseThrow();
            assertEquals("Deny", tls.effect().name());
            assertEquals(
                    List.of("arn:aws:s3:::my-datasets", "arn:aws:s3:::my-datasets/*"),
                    tls.resources());
            assertEquals("false", tls.conditions().get("Bool").get("aws:SecureTransport"));
        }
    }

    @Test
    void theBucketPolicyWaitsForThePublicAccessBlockAndTheLifecycle() {
        var policy = run(STRICT).resource("aws:s3/bucketPolicy:BucketPolicy", "data-policy");
        assertTrue(
                policy.dependsOn().contains("data-public-access-block"),
                policy.dependsOn().toString());
        // Production's guard denies s3:PutLifecycleConfiguration to everyone, the deployer too: a
        // policy
        // applied before the lifecycle would refuse it on first deploy.
        assertTrue(policy.dependsOn().contains("data-lifecycle"), policy.dependsOn().toString());
    }

    @Test
    void lifecycleArchivesCurrentAndNoncurrentVersionsOnlyWhenAsked() {
        var strict = run(STRICT);
        @SuppressWarnings("unchecked")
        var rule =
                ((List<Map<String, Object>>)
                                strict.resource(
                                                "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                                                "data-lifecycle")
                                        .inputs()
                                        .get("rules"))
                        .get(0);
        assertEquals("Enabled", rule.get("status"));
        assertEquals(
                List.of(Map.of("days", 30, "storageClass", "GLACIER")), rule.get("transitions"));
        assertEquals(
                List.of(Map.of("noncurrentDays", 30, "storageClass", "GLACIER")),
                rule.get("noncurrentVersionTransitions"));
        @SuppressWarnings("unchecked")
        var abort =
                ((List<Map<String, Object>>)
                                strict.resource(
                                                "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                                                "data-lifecycle")
                                        .inputs()
                                        .get("rules"))
                        .get(1);
        assertEquals("abort-incomplete-uploads", abort.get("id"));
        assertEquals(Map.of("daysAfterInitiation", 7), abort.get("abortIncompleteMultipartUpload"));
        assertTrue(
                !abort.containsKey("expiration")
                        && !abort.containsKey("noncurrentVersionExpiration"),
                "the lifecycle never expires a dataset: " + abort);

        assertTrue(
                run(LOOSE)
                        .resources(
                                "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")
                        .isEmpty());
    }

    @Test
    void protectionAndForceDestroyFollowThePolicy() {
        var strict = run(STRICT).resource("aws:s3/bucketV2:BucketV2", "data");
        assertTrue(strict.protect());
        assertTrue(strict.retainOnDelete());
        assertEquals(false, strict.inputs().get("forceDestroy"));
        var loose = run(LOOSE).resource("aws:s3/bucketV2:BucketV2", "data");
        assertFalse(loose.protect());
        assertFalse(loose.retainOnDelete());
        assertEquals(true, loose.inputs().get("forceDestroy"));
    }

    @Test
    void onlyAnEncryptionOtherThanAes256IsDeniedAndOnlyWhereRequired() {
        var strictPolicy =
                run(STRICT)
                        .resource("aws:s3/bucketPolicy:BucketPolicy", "data-policy")
                        .inputs()
                        .get("policy");
        assertTrue(
                PolicyJson.bySid(strictPolicy, "DenyUnencryptedUploads").isEmpty(),
                "a deny on a missing header would refuse every UploadPart");
        var deny = PolicyJson.bySid(strictPolicy, "DenyOtherEncryption").orElseThrow();
        assertEquals("Deny", deny.effect().name());
        assertEquals(List.of("s3:PutObject"), deny.actions());
        assertEquals(List.of("arn:aws:s3:::my-datasets/*"), deny.resources());
        // Both conditions of one statement must hold: the header is present and it is not AES256.
        assertEquals(
                Map.of(
                        "Null",
                        Map.of("s3:x-amz-server-side-encryption", "false"),
                        "StringNotEquals",
                        Map.of("s3:x-amz-server-side-encryption", "AES256")),
                deny.conditions());

        var loosePolicy =
                run(LOOSE)
                        .resource("aws:s3/bucketPolicy:BucketPolicy", "data-policy")
                        .inputs()
                        .get("policy");
        assertTrue(PolicyJson.bySid(loosePolicy, "DenyOtherEncryption").isEmpty());
    }

    @Test
    void productionDeniesPermanentDeletionToEveryPrincipal() {
        var policy =
                run(STRICT)
                        .resource("aws:s3/bucketPolicy:BucketPolicy", "data-policy")
                        .inputs()
                        .get("policy");
        var versions = PolicyJson.bySid(policy, "DenyVersionDeletion").orElseThrow();
        assertEquals("Deny", versions.effect().name());
        assertEquals(Map.of("AWS", "*"), versions.principal());
        assertEquals(List.of("s3:DeleteObjectVersion"), versions.actions());
        assertEquals(List.of("arn:aws:s3:::my-datasets/*"), versions.resources());
        assertTrue(versions.conditions().isEmpty(), "without a break-glass role nobody is exempt");
        var bucket = PolicyJson.bySid(policy, "DenyBucketDeletion").orElseThrow();
        assertEquals(Map.of("AWS", "*"), bucket.principal());
        assertEquals(
                List.of(
                        "s3:DeleteBucket",
                        "s3:DeleteBucketPolicy",
                        "s3:PutBucketPolicy",
                        "s3:PutLifecycleConfiguration"),
                bucket.actions());
        assertEquals(List.of("arn:aws:s3:::my-datasets"), bucket.resources());
        assertTrue(bucket.conditions().isEmpty());
    }

    @Test
    void aBreakGlassRoleIsTheOnlyExemption() {
        var role = "arn:aws:iam::123456789012:role/ops/pipeweave-break-glass";
        var withRole =
                new StoragePolicy(
                        DatasetEnvironment.PRODUCTION,
                        Optional.of(30),
                        false,
                        true,
                        true,
                        true,
                        false,
                        Optional.of(role));
        var policy =
                run(withRole)
                        .resource("aws:s3/bucketPolicy:BucketPolicy", "data-policy")
                        .inputs()
                        .get("policy");
        for (var sid : List.of("DenyVersionDeletion", "DenyBucketDeletion")) {
            var statement = PolicyJson.bySid(policy, sid).orElseThrow();
            assertEquals(
                    Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", role)),
                    statement.conditions(),
                    sid);
        }
    }

    @Test
    void developmentAndStagingHaveNoDeleteGuard() {
        var staging =
                new StoragePolicy(
                        DatasetEnvironment.STAGING,
                        Optional.of(60),
                        true,
                        true,
                        true,
                        false,
                        false);
        for (var policy : List.of(LOOSE, staging)) {
            var document =
                    run(policy)
                            .resource("aws:s3/bucketPolicy:BucketPolicy", "data-policy")
                            .inputs()
                            .get("policy");
            assertTrue(
                    PolicyJson.bySid(document, "DenyVersionDeletion").isEmpty(),
                    policy.environment().toString());
            assertTrue(
                    PolicyJson.bySid(document, "DenyBucketDeletion").isEmpty(),
                    policy.environment().toString());
        }
    }
}
