package labstacks.megatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.aws.s3.Bucket;
import com.pulumi.aws.s3.BucketArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.aws.PolicyDocument;
import labstacks.shared.providers.AwsAccess;
import labstacks.shared.providers.AwsProviders;
import org.junit.jupiter.api.Test;

class TowerForgeIamTest {
    private static final String ROOT = "urn:pulumi:test::labstacks::";
    private static final String POLICY = "aws:iam/policy:Policy";
    private static final String ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment";

    /** The IAM beside a bucket of its own, whose Outputs it gets as the program passes them. */
    private static StackRun run(String forgePolicy) {
        return ProgramHarness.component(
                        "iam",
                        stack -> {
                            var aws =
                                    AwsProviders.create("aws", AwsAccess.defaultChain("eu-west-1"));
                            var bucket =
                                    new Bucket(
                                            "work",
                                            BucketArgs.builder().bucket("work-bucket").build(),
                                            CustomResourceOptions.builder().provider(aws).build());
                            var iam =
                                    new TowerForgeIam(
                                            "towerforge",
                                            new TowerForgeIamArgs(
                                                    bucket.bucket(),
                                                    bucket.arn(),
                                                    TowerForgePolicies.forge(forgePolicy),
                                                    aws),
                                            ComponentResourceOptions.Empty);
                            stack.pulumi().export("accessKeyId", iam.accessKey().id());
                            stack.pulumi().export("secret", iam.accessKey().secret());
                            stack.pulumi().export("userName", iam.user().name());
                        })
                .run()
                .assertSucceeded();
    }

    @Test
    void threePoliciesUnderTheNamesTheLiveAccountHolds() {
        var run = run("nf-core");
        var forge = run.resource(POLICY, "towerforge-forge-policy");
        assertEquals(TowerForgeIam.FORGE_POLICY, forge.inputs().get("name"));
        assertEquals(TowerForgePolicies.forge().toJson(), forge.inputs().get("policy"));
        var launch = run.resource(POLICY, "towerforge-launch-policy");
        assertEquals(TowerForgeIam.LAUNCH_POLICY, launch.inputs().get("name"));
        assertEquals(TowerForgePolicies.launch().toJson(), launch.inputs().get("policy"));
        // The forge document is the one the args carry.
        assertEquals(
                TowerForgePolicies.scopedForge().toJson(),
                run("scoped").resource(POLICY, "towerforge-forge-policy").inputs().get("policy"));
    }

    @Test
    void theS3PolicyIsBuiltFromTheBucketsOwnOutputsAndWaitsForIt() {
        var s3 = run("nf-core").resource(POLICY, "towerforge-s3-policy");
        assertEquals(TowerForgeIam.S3_POLICY, s3.inputs().get("name"));
        assertEquals(
                "IAM policy for TowerForge to access work-bucket S3 bucket",
                s3.inputs().get("description"));
        var statements = PolicyDocument.parse((String) s3.inputs().get("policy")).statements();
        assertEquals(List.of("arn:aws:s3:::work-bucket"), statements.get(0).resources());
        assertEquals(List.of("arn:aws:s3:::work-bucket/*"), statements.get(1).resources());
        assertEquals(List.of("work"), s3.dependsOn(), "the bucket's Outputs carry the order");
    }

    @Test
    void theUserHoldsEveryPolicyBeforeItsKeyExists() {
        var run = run("nf-core");
        assertEquals(
                TowerForgeIam.USER_NAME,
                run.resource("aws:iam/user:User", "towerforge-user").inputs().get("name"));
        for (var kind : List.of("forge", "launch", "s3")) {
            var attachment = run.resource(ATTACHMENT, "towerforge-" + kind + "-policy-attachment");
            assertEquals(TowerForgeIam.USER_NAME, attachment.inputs().get("user"));
            assertEquals(
                    List.of("towerforge-" + kind + "-policy", "towerforge-user"),
                    attachment.dependsOn(),
                    "the user's name and the policy's ARN order it");
        }
        var key = run.resource("aws:iam/accessKey:AccessKey", "towerforge-access-key");
        assertEquals(TowerForgeIam.USER_NAME, key.inputs().get("user"));
        assertEquals(
                List.of(
                        "towerforge-forge-policy-attachment",
                        "towerforge-launch-policy-attachment",
                        "towerforge-s3-policy-attachment",
                        "towerforge-user"),
                key.dependsOn());
        // The SDK adds sesSmtpPasswordV4 itself; "secret" is this component's.
        assertTrue(
                key.additionalSecretOutputs().contains("secret"),
                key.additionalSecretOutputs().toString());
    }

    /** What SeqeraComputeEnvironments and the towerforge_iam output read. */
    @Test
    void theKeyAndUserAreOutputsAndTheSecretStaysUnknownUntilAwsMakesIt() {
        var run = run("nf-core");
        assertEquals(TowerForgeIam.USER_NAME, run.output("userName"));
        assertEquals(PlanValues.Unknown.VALUE, run.output("accessKeyId"));
        assertEquals(PlanValues.Unknown.VALUE, run.output("secret"));
        assertEquals(
                Map.of(
                        "userArn",
                        PlanValues.Unknown.VALUE,
                        "accessKeyId",
                        PlanValues.Unknown.VALUE),
                run.resource(TowerForgeIam.TYPE, "towerforge").outputs());
    }

    @Test
    void everyResourceAnswersToItsNameAtThePythonStacksRootThroughTheExplicitProvider() {
        var run = run("nf-core");
        var children =
                run.resources().stream().filter(r -> "towerforge".equals(r.parent())).toList();
        assertEquals(
                List.of(
                        "towerforge-access-key",
                        "towerforge-forge-policy",
                        "towerforge-forge-policy-attachment",
                        "towerforge-launch-policy",
                        "towerforge-launch-policy-attachment",
                        "towerforge-s3-policy",
                        "towerforge-s3-policy-attachment",
                        "towerforge-user"),
                children.stream().map(r -> r.name()).sorted().toList());
        for (var child : children) {
            assertEquals("aws", child.provider(), child.name());
            assertEquals(List.of(ROOT + child.type() + "::" + child.name()), child.aliases());
            assertFalse(child.protect(), child.name());
        }
    }

    /** The program's policy exceptions must name resources this component registers, or they exempt nothing. */
    @Test
    void policyExceptionsNameResourcesThatExist() {
        var run = run("nf-core");
        for (var exception : TowerForgeIam.POLICY_EXCEPTIONS) {
            assertEquals(exception.type(), run.resource(exception.type(), exception.name()).type());
        }
    }
}
