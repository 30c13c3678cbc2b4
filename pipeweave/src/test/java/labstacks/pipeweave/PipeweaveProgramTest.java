package labstacks.pipeweave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import labstacks.offline.plan.PlanJson;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.config.ConfigProblem;
import labstacks.shared.config.StackConfigException;
import labstacks.shared.config.StackIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The three real stack files, row by row of the environment table. */
class PipeweaveProgramTest {
    private static final String BUCKET = "aws:s3/bucketV2:BucketV2";
    private static final String LIFECYCLE =
            "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";

    private static StackRun stack(String name) {
        return ProgramHarness.forStackFile(new PipeweaveProgram(), name).run().assertSucceeded();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // stack,                  environment, glacier days, delete, encryption, protect, retain,
        // forceDestroy
        "pipeweave-development,  development, 0,  true,  false, false, false, true",
        "pipeweave-staging,      staging,     60, true,  true,  true,  false, false",
        "pipeweave-production,   production,  90, false, true,  true,  true,  false"
    })
    void eachStackMatchesItsRowOfTheTable(
            String stackName,
            String environment,
            int glacierDays,
            boolean delete,
            boolean encryption,
            boolean protect,
            boolean retain,
            boolean forceDestroy) {
        var run = stack(stackName);
        // The stack suffix is the environment in all three stack files, and is not repeated.
        var bucketName = "pipeweave-datasets-" + environment;

        var bucket = run.resource(BUCKET, "datasets");
        assertEquals(bucketName, bucket.inputs().get("bucket"));
        assertEquals(protect, bucket.protect(), "protect");
        assertEquals(retain, bucket.retainOnDelete(), "retainOnDelete");
        assertEquals(forceDestroy, bucket.inputs().get("forceDestroy"), "forceDestroy");
        @SuppressWarnings("unchecked")
        var tags = (Map<String, Object>) bucket.inputs().get("tags");
        assertEquals(environment, tags.get("environment"));
        assertEquals(stackName, tags.get("stack"));
        assertEquals("pipeweave", tags.get("system"));

        var lifecycles = run.resources(LIFECYCLE);
        if (glacierDays == 0) {
            assertTrue(lifecycles.isEmpty(), "no lifecycle in " + environment);
        } else {
            @SuppressWarnings("unchecked")
            var rule = ((List<Map<String, Object>>) lifecycles.get(0).inputs().get("rules")).get(0);
            assertEquals(
                    List.of(Map.of("days", glacierDays, "storageClass", "GLACIER")),
                    rule.get("transitions"));
        }

        var bucketPolicy =
                run.resource("aws:s3/bucketPolicy:BucketPolicy", "datasets-policy")
                        .inputs()
                        .get("policy");
        assertTrue(PolicyJson.bySid(bucketPolicy, "DenyInsecureTransport").isPresent());
        assertEquals(
                encryption,
                PolicyJson.bySid(bucketPolicy, "DenyOtherEncryption").isPresent(),
                "bucket policy");
        var production = environment.equals("production");
        assertEquals(
                production,
                PolicyJson.bySid(bucketPolicy, "DenyVersionDeletion").isPresent(),
                "delete guard");
        assertEquals(
                production,
                PolicyJson.bySid(bucketPolicy, "DenyBucketDeletion").isPresent(),
                "delete guard");

        var accessPolicy =
                run.resource("aws:iam/policy:Policy", "access-policy").inputs().get("policy");
        assertEquals(
                delete,
                PolicyJson.bySid(accessPolicy, "DeleteDatasets").isPresent(),
                "delete allowed");
        assertEquals(
                encryption,
                !PolicyJson.bySid(accessPolicy, "WriteDatasets")
                        .orElseThrow()
                        .conditions()
                        .isEmpty());
        assertEquals(
                List.of("s3:GetObject", "s3:GetObjectVersion"),
                PolicyJson.bySid(accessPolicy, "ReadDatasets").orElseThrow().actions(),
                "versioned reads");

        assertEquals(
                Map.of(
                        "bucket_name",
                        bucketName,
                        "bucket_arn",
                        "arn:aws:s3:::" + bucketName,
                        "bucket_region",
                        "us-east-1",
                        // ARNs of IAM objects hold the account id: known only after deployment, as
                        // pulumi preview shows them.
                        "iam_role_arn",
                        PlanValues.Unknown.VALUE,
                        "iam_policy_arn",
                        PlanValues.Unknown.VALUE,
                        "instance_profile_arn",
                        PlanValues.Unknown.VALUE,
                        "environment",
                        environment),
                run.outputs());
        assertEquals(
                "us-east-1", run.resource("pulumi:providers:aws", "aws").inputs().get("region"));
    }

    @Test
    void theBucketNameCanBeOverridden() {
        var run =
                ProgramHarness.forStackFile(new PipeweaveProgram(), "pipeweave-staging")
                        .config("pipeweave:bucketName", "acme-pipeweave-staging")
                        .run()
                        .assertSucceeded();
        assertEquals("acme-pipeweave-staging", run.output("bucket_name"));
    }

    @Test
    void aStackSuffixOtherThanTheEnvironmentStaysInTheName() {
        var run = harness("staging").run().assertSucceeded();
        assertEquals("pipeweave-datasets-staging-test", run.output("bucket_name"));
        // The role's ARN is known only after deployment; its name carries the same suffix.
        assertEquals(
                "pipeweave-datasets-staging-test",
                run.resource("aws:iam/role:Role", "access").inputs().get("name"));
    }

    @Test
    void aBreakGlassRoleReachesTheProductionGuard() {
        var role = "arn:aws:iam::123456789012:role/pipeweave-break-glass";
        var run =
                ProgramHarness.forStackFile(new PipeweaveProgram(), "pipeweave-production")
                        .config("pipeweave:breakGlassRoleArn", role)
                        .run()
                        .assertSucceeded();
        var policy =
                run.resource("aws:s3/bucketPolicy:BucketPolicy", "datasets-policy")
                        .inputs()
                        .get("policy");
        assertEquals(
                role,
                PolicyJson.bySid(policy, "DenyVersionDeletion")
                        .orElseThrow()
                        .conditions()
                        .get("ArnNotEquals")
                        .get("aws:PrincipalArn"));
    }

    @Test
    void aBreakGlassRoleMustBeARoleArnAndOnlyInProduction() {
        for (var bad :
                List.of(
                        "pipeweave-break-glass",
                        "arn:aws:iam::123456789012:user/alice",
                        "arn:aws:iam::12345:role/x",
                        "arn:aws:iam::123456789012:role/")) {
            assertEquals(
                    List.of("pipeweave:breakGlassRoleArn"),
                    problemKeys(harness("production").config("pipeweave:breakGlassRoleArn", bad)),
                    bad);
        }
        var error =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                harness("staging")
                                        .config(
                                                "pipeweave:breakGlassRoleArn",
                                                "arn:aws:iam::123456789012:role/ops")
                                        .run());
        assertTrue(
                error.getMessage().contains("staging has no delete guard to break"),
                error.getMessage());
    }

    @Test
    void thePlanOfProductionIsDeterministic() {
        var first = PlanJson.write(stack("pipeweave-production").plan());
        assertEquals(first, PlanJson.write(stack("pipeweave-production").plan()));
    }

    private static List<String> problemKeys(ProgramHarness harness) {
        var error = assertThrows(StackConfigException.class, harness::run);
        assertEquals("Pulumi." + harness.stackConfig().stack() + ".yaml", error.stackFile());
        return error.problems().stream().map(ConfigProblem::key).toList();
    }

    /** A test stack of the environment; a production one must be named so (StackIdentity), the others are -test. */
    private static ProgramHarness harness(String environment) {
        var stack =
                StackIdentity.isProduction(environment)
                        ? "pipeweave-" + environment
                        : "pipeweave-test";
        return ProgramHarness.of(new PipeweaveProgram())
                .stack(stack)
                .config("labstacks:environment", environment);
    }

    @Test
    void anUnknownEnvironmentListsTheKnownOnes() {
        var error = assertThrows(StackConfigException.class, () -> harness("prod").run());
        assertTrue(
                error.getMessage()
                        .contains(
                                "labstacks:environment: expected one of development, staging, production,"
                                        + " got \"prod\""),
                error.getMessage());
    }

    @Test
    void negativeOrZeroDaysAreRejected() {
        assertEquals(
                List.of("pipeweave:glacierTransitionDays"),
                problemKeys(harness("staging").config("pipeweave:glacierTransitionDays", "-5")));
        assertEquals(
                List.of("pipeweave:glacierTransitionDays"),
                problemKeys(harness("staging").config("pipeweave:glacierTransitionDays", "0")));
    }

    @Test
    void aLifecycleInDevelopmentIsAConfigError() {
        var error =
                assertThrows(
                        StackConfigException.class,
                        () ->
                                harness("development")
                                        .config("pipeweave:glacierTransitionDays", "30")
                                        .run());
        assertTrue(
                error.getMessage().contains("development keeps every object version"),
                error.getMessage());
    }

    @Test
    void productionGuardrailsCannotBeLoosened() {
        var keys =
                problemKeys(
                        harness("production")
                                .config("pipeweave:allowDelete", "true")
                                .config("pipeweave:requireEncryptedUploads", "false")
                                .config("pipeweave:protectBucket", "false")
                                .config("pipeweave:retainOnDelete", "false")
                                .config("pipeweave:forceDestroy", "true"));
        assertEquals(
                List.of(
                        "pipeweave:allowDelete",
                        "pipeweave:requireEncryptedUploads",
                        "pipeweave:protectBucket",
                        "pipeweave:retainOnDelete",
                        "pipeweave:forceDestroy"),
                keys);
    }

    @Test
    void leftOutKeysTakeTheEnvironmentsDefaults() {
        var run = harness("production").run().assertSucceeded();
        var bucket = run.resource(BUCKET, "datasets");
        assertTrue(bucket.protect() && bucket.retainOnDelete());
        assertEquals("pipeweave-datasets-production", run.output("bucket_name"));
        @SuppressWarnings("unchecked")
        var rule =
                ((List<Map<String, Object>>) run.resources(LIFECYCLE).get(0).inputs().get("rules"))
                        .get(0);
        assertEquals(
                List.of(Map.of("days", 90, "storageClass", "GLACIER")), rule.get("transitions"));
    }

    @Test
    void aTypoInAKeyIsCaught() {
        assertEquals(
                List.of("pipeweave:alowDelete"),
                problemKeys(harness("staging").config("pipeweave:alowDelete", "true")));
    }
}
