package labstacks.constructs.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import labstacks.offline.check.PlanCheck;
import labstacks.offline.check.Rule;
import labstacks.offline.check.Violation;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.aws.PolicyDocument;
import labstacks.shared.aws.PolicyDocument.Statement;
import labstacks.shared.providers.AwsAccess;
import labstacks.shared.providers.AwsProviders;
import org.junit.jupiter.api.Test;

class SecureBucketTest {
    private static final String BUCKET = "secure-bucket-test";
    private static final String POLICY = "aws:s3/bucketPolicy:BucketPolicy";

    private static StackRun run(UnaryOperator<SecureBucketArgs.Builder> caller) {
        return ProgramHarness.component(
                        "secure",
                        stack -> {
                            var aws =
                                    AwsProviders.create("aws", AwsAccess.defaultChain("eu-west-1"));
                            new SecureBucket(
                                    "data",
                                    caller.apply(
                                                    SecureBucketArgs.builder()
                                                            .bucketName(BUCKET)
                                                            .provider(aws))
                                            .build(),
                                    ComponentResourceOptions.Empty);
                        })
                .run()
                .assertSucceeded();
    }

    /** Every rule of {@code ./labstacks check} whose id starts with {@code s3-}. */
    private static List<Rule> s3Rules() {
        return PlanCheck.rules().stream().filter(rule -> rule.id().startsWith("s3-")).toList();
    }

    private static List<String> violatedS3Rules(StackRun run) {
        return PlanCheck.run(run.plan(), List.of(), s3Rules()).violations().stream()
                .map(Violation::rule)
                .toList();
    }

    @Test
    void theDefaultsPassEveryS3RuleAndEveryOtherRuleOfCheck() {
        // The rule set itself: a new S3 rule shows up here, and this test then holds SecureBucket
        // to it.
        assertEquals(
                List.of(
                        "s3-public-access-block",
                        "s3-default-encryption",
                        "s3-versioning",
                        "s3-tls-only",
                        "s3-no-acl-grants"),
                s3Rules().stream().map(Rule::id).toList());
        var run = run(args -> args);
        assertEquals(List.of(), violatedS3Rules(run));
        assertEquals(List.of(), PlanCheck.run(run.plan(), List.of()).violations());
    }

    @Test
    void optingOutOfADefaultIsWhatTheMatchingRuleReports() {
        assertEquals(List.of("s3-versioning"), violatedS3Rules(run(args -> args.versioned(false))));
        assertEquals(List.of("s3-tls-only"), violatedS3Rules(run(args -> args.enforceSsl(false))));
        assertEquals(
                List.of("s3-public-access-block"),
                violatedS3Rules(run(args -> args.blockPublicAccess(false))));
        // Encryption cannot be turned off, only changed to KMS keys: the rule still passes.
        assertEquals(List.of(), violatedS3Rules(run(args -> args.sseAlgorithm("aws:kms"))));
    }

    @Test
    void theBucketIsProtectedRetainedAndNeverEmptiedUnlessTheCallerSaysSo() {
        var bucket = run(args -> args).resource("aws:s3/bucketV2:BucketV2", "data");
        assertEquals(BUCKET, bucket.inputs().get("bucket"));
        assertTrue(bucket.protect());
        assertTrue(bucket.retainOnDelete());
        assertEquals(false, bucket.inputs().get("forceDestroy"));
        var scratch =
                run(args -> args.protect(false).retainOnDelete(false).forceDestroy(true))
                        .resource("aws:s3/bucketV2:BucketV2", "data");
        assertFalse(scratch.protect());
        assertFalse(scratch.retainOnDelete());
        assertEquals(true, scratch.inputs().get("forceDestroy"));
    }

    @Test
    void everyChildBelongsToTheComponentUsesTheProviderAndThePolicyGoesOnLast() {
        var run = run(args -> args);
        var component = run.resource(SecureBucket.TYPE, "data");
        var children =
                run.resources().stream()
                        .filter(r -> component.urn().equals(r.parentUrn()))
                        .map(r -> r.name())
                        .sorted()
                        .toList();
        assertEquals(
                List.of(
                        "data",
                        "data-encryption",
                        "data-ownership",
                        "data-policy",
                        "data-public-access-block",
                        "data-versioning"),
                children);
        assertTrue(
                run.resources().stream()
                        .filter(r -> component.urn().equals(r.parentUrn()))
                        .allMatch(r -> "aws".equals(r.provider())));
        assertEquals(
                Map.of("objectOwnership", "BucketOwnerEnforced"),
                run.resource(
                                "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
                                "data-ownership")
                        .inputs()
                        .get("rule"));
        // S3 refuses policy writes while the access block is being applied.
        assertTrue(
                run.resource(POLICY, "data-policy")
                        .dependsOn()
                        .contains("data-public-access-block"));
        assertEquals(
                Map.of(
                        "bucketName",
                        BUCKET,
                        "bucketArn",
                        "arn:aws:s3:::" + BUCKET,
                        "bucketRegion",
                        "eu-west-1"),
                component.outputs());
    }

    @Test
    void ownStatementsFollowTheTlsStatementAndLifecycleRulesComeBeforeThePolicy() {
        var run =
                run(
                        args ->
                                args.policyStatements(
                                                arn ->
                                                        List.of(
                                                                Statement.deny("s3:DeleteBucket")
                                                                        .sid("KeepIt")
                                                                        .principal("AWS", "*")
                                                                        .resources(arn)
                                                                        .build()))
                                        .lifecycleRules(
                                                List.of(
                                                        BucketLifecycleConfigurationV2RuleArgs
                                                                .builder()
                                                                .id("tidy")
                                                                .status("Enabled")
                                                                .build())));
        var policy =
                PolicyDocument.parse(
                        (String) run.resource(POLICY, "data-policy").inputs().get("policy"));
        assertEquals(
                List.of("DenyInsecureTransport", "KeepIt"),
                policy.statements().stream().map(Statement::sid).toList());
        assertEquals(List.of("arn:aws:s3:::" + BUCKET), policy.statements().get(1).resources());
        assertTrue(run.resource(POLICY, "data-policy").dependsOn().contains("data-lifecycle"));

        // Without TLS and without own statements there is nothing to put in a policy.
        assertTrue(run(args -> args.enforceSsl(false)).resources(POLICY).isEmpty());
    }
}
