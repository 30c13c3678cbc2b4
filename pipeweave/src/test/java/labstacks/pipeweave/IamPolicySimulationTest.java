package labstacks.pipeweave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import labstacks.offline.testing.IamSimulator;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;

/**
 * The planned role and bucket policies of the three stack files, evaluated request by request the way IAM
 * evaluates them (identity policy and bucket policy together, explicit Deny first). These are the rows of
 * the 2026-11-23 audit (../shared/reference/audit-2026-11-23/aws.md, table A) that failed, and the ones the
 * fixes must not break. Ceph RGW checks the deletion guard live (ProductionPolicyOnRgwTest); the encryption
 * condition and TLS can only be checked here, RGW does not evaluate those keys.
 */
class IamPolicySimulationTest {
    private static final String ADMIN = "arn:aws:iam::123456789012:role/account-admin";
    private static final String EVERYTHING =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    private static final String SSE = "s3:x-amz-server-side-encryption";

    private record Stack(String bucket, String role, String rolePolicy, String bucketPolicy) {
        String object() {
            return "arn:aws:s3:::" + bucket + "/datasets/table.csv";
        }

        String bucketArn() {
            return "arn:aws:s3:::" + bucket;
        }
    }

    private static Stack plan(ProgramHarness harness) {
        StackRun run = harness.run().assertSucceeded();
        // The role's ARN holds the account id, unknown in the plan; the simulator's account stands
        // in for it.
        var roleName = (String) run.resource("aws:iam/role:Role", "access").inputs().get("name");
        return new Stack(
                (String) run.output("bucket_name"),
                "arn:aws:iam::" + IamSimulator.ACCOUNT + ":role/" + roleName,
                (String)
                        run.resource("aws:iam/policy:Policy", "access-policy")
                                .inputs()
                                .get("policy"),
                (String)
                        run.resource("aws:s3/bucketPolicy:BucketPolicy", "datasets-policy")
                                .inputs()
                                .get("policy"));
    }

    private static Stack plan(String stackName) {
        return plan(ProgramHarness.forStackFile(new PipeweaveProgram(), stackName));
    }

    private static IamSimulator.Request as(
            String name,
            String principal,
            String action,
            String resource,
            Map<String, String> context) {
        return IamSimulator.Request.of(name, principal, principal, action, resource, context);
    }

    /** What the access role may do, in each environment. */
    private static Map<String, String> roleRequests(Stack stack) {
        var requests = new ArrayList<IamSimulator.Request>();
        requests.add(
                as(
                        "GetObjectVersion",
                        stack.role(),
                        "s3:GetObjectVersion",
                        stack.object(),
                        Map.of()));
        requests.add(
                as(
                        "ListBucketVersions",
                        stack.role(),
                        "s3:ListBucketVersions",
                        stack.bucketArn(),
                        Map.of()));
        // UploadPart is authorized as s3:PutObject and never carries the encryption header.
        requests.add(
                as(
                        "PutObject without header",
                        stack.role(),
                        "s3:PutObject",
                        stack.object(),
                        Map.of()));
        requests.add(
                as(
                        "PutObject AES256",
                        stack.role(),
                        "s3:PutObject",
                        stack.object(),
                        Map.of(SSE, "AES256")));
        requests.add(
                as(
                        "PutObject aws:kms",
                        stack.role(),
                        "s3:PutObject",
                        stack.object(),
                        Map.of(SSE, "aws:kms")));
        requests.add(
                as(
                        "AbortMultipartUpload",
                        stack.role(),
                        "s3:AbortMultipartUpload",
                        stack.object(),
                        Map.of()));
        requests.add(
                as(
                        "DeleteObjectVersion",
                        stack.role(),
                        "s3:DeleteObjectVersion",
                        stack.object(),
                        Map.of()));
        requests.add(
                as(
                        "GetObject without TLS",
                        stack.role(),
                        "s3:GetObject",
                        stack.object(),
                        Map.of("aws:SecureTransport", "false")));
        return IamSimulator.withBucketPolicy(stack.bucketPolicy())
                .identityPolicy("access", stack.rolePolicy())
                .evaluate(requests);
    }

    @Test
    void theRoleReadsVersionsAndUploadsInPartsInEveryEnvironment() {
        var expected =
                Map.of(
                        "pipeweave-development", Map.of("PutObject aws:kms", "Allowed"),
                        "pipeweave-staging", Map.of("PutObject aws:kms", "ExplicitlyDenied"),
                        "pipeweave-production", Map.of("PutObject aws:kms", "ExplicitlyDenied"));
        for (var stackName :
                List.of("pipeweave-development", "pipeweave-staging", "pipeweave-production")) {
            var stack = plan(stackName);
            var results = roleRequests(stack);
            assertEquals("Allowed", results.get("GetObjectVersion"), stackName);
            assertEquals("Allowed", results.get("ListBucketVersions"), stackName);
            assertEquals("Allowed", results.get("PutObject without header"), stackName);
            assertEquals("Allowed", results.get("PutObject AES256"), stackName);
            assertEquals(
                    expected.get(stackName).get("PutObject aws:kms"),
                    results.get("PutObject aws:kms"),
                    stackName);
            assertEquals("Allowed", results.get("AbortMultipartUpload"), stackName);
            assertEquals(
                    stackName.endsWith("production") ? "ExplicitlyDenied" : "ImplicitlyDenied",
                    results.get("DeleteObjectVersion"),
                    stackName);
            assertEquals("ExplicitlyDenied", results.get("GetObject without TLS"), stackName);
        }
    }

    @Test
    void theRuleThisReplacesDeniedEveryPartOfAMultipartUpload() {
        // The bucket policy statement before this change (StringNotEquals alone matches a missing
        // key).
        var stack = plan("pipeweave-production");
        var old =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},"
                        + "\"Action\":\"s3:PutObject\",\"Resource\":\""
                        + stack.bucketArn()
                        + "/*\",\"Condition\":"
                        + "{\"StringNotEquals\":{\""
                        + SSE
                        + "\":\"AES256\"}}}]}";
        var results =
                IamSimulator.withBucketPolicy(old)
                        .identityPolicy("access", stack.rolePolicy())
                        .evaluate(
                                List.of(
                                        as(
                                                "UploadPart",
                                                stack.role(),
                                                "s3:PutObject",
                                                stack.object(),
                                                Map.of())));
        assertEquals("ExplicitlyDenied", results.get("UploadPart"));
    }

    /** What an account admin with s3:* on everything may do. */
    private static Map<String, String> adminRequests(
            Stack stack, String principal, String principalArn) {
        var requests = new ArrayList<IamSimulator.Request>();
        for (var action :
                List.of(
                        "s3:DeleteObjectVersion",
                        "s3:DeleteObject",
                        "s3:PutObject",
                        "s3:GetObjectVersion")) {
            requests.add(
                    IamSimulator.Request.of(
                            action, principal, principalArn, action, stack.object(), Map.of()));
        }
        for (var action :
                List.of(
                        "s3:DeleteBucket",
                        "s3:DeleteBucketPolicy",
                        "s3:PutBucketPolicy",
                        "s3:PutLifecycleConfiguration",
                        "s3:ListBucket")) {
            requests.add(
                    IamSimulator.Request.of(
                            action, principal, principalArn, action, stack.bucketArn(), Map.of()));
        }
        return IamSimulator.withBucketPolicy(stack.bucketPolicy())
                .identityPolicy("admin", EVERYTHING)
                .evaluate(requests);
    }

    @Test
    void productionRefusesPermanentDeletionToAnAccountAdmin() {
        var production = adminRequests(plan("pipeweave-production"), ADMIN, ADMIN);
        for (var action :
                List.of(
                        "s3:DeleteObjectVersion",
                        "s3:DeleteBucket",
                        "s3:DeleteBucketPolicy",
                        "s3:PutBucketPolicy",
                        "s3:PutLifecycleConfiguration")) {
            assertEquals("ExplicitlyDenied", production.get(action), action);
        }
        // A delete marker loses nothing, and everyday work goes on.
        for (var action :
                List.of(
                        "s3:DeleteObject",
                        "s3:PutObject",
                        "s3:GetObjectVersion",
                        "s3:ListBucket")) {
            assertEquals("Allowed", production.get(action), action);
        }

        var staging = adminRequests(plan("pipeweave-staging"), ADMIN, ADMIN);
        assertEquals("Allowed", staging.get("s3:DeleteObjectVersion"), "staging is unchanged");
        assertEquals("Allowed", staging.get("s3:DeleteBucket"), "staging is unchanged");
    }

    @Test
    void theBreakGlassRoleAndItsSessionsAloneMayDelete() {
        var breakGlass = "arn:aws:iam::123456789012:role/pipeweave-break-glass";
        var stack =
                plan(
                        ProgramHarness.forStackFile(new PipeweaveProgram(), "pipeweave-production")
                                .config("pipeweave:breakGlassRoleArn", breakGlass));
        var role = adminRequests(stack, breakGlass, breakGlass);
        var session =
                adminRequests(
                        stack,
                        "arn:aws:sts::123456789012:assumed-role/pipeweave-break-glass/incident-42",
                        breakGlass);
        for (var action :
                List.of("s3:DeleteObjectVersion", "s3:DeleteBucket", "s3:PutBucketPolicy")) {
            assertEquals("Allowed", role.get(action), action);
            assertEquals("Allowed", session.get(action), "session: " + action);
        }
        assertEquals(
                "ExplicitlyDenied",
                adminRequests(stack, ADMIN, ADMIN).get("s3:DeleteObjectVersion"));
    }
}
