package labstacks.pipeweave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import labstacks.shared.providers.AwsAccess;
import labstacks.shared.providers.AwsProviders;
import org.junit.jupiter.api.Test;

class DatasetAccessRoleTest {
    private static final String BUCKET_ARN = "arn:aws:s3:::my-datasets";

    private static StackRun run(boolean deleteAllowed, boolean encryptionRequired) {
        var policy =
                new StoragePolicy(
                        DatasetEnvironment.STAGING,
                        Optional.empty(),
                        deleteAllowed,
                        encryptionRequired,
                        true,
                        false,
                        false);
        return ProgramHarness.component(
                        "role",
                        stack -> {
                            var aws =
                                    AwsProviders.create("aws", AwsAccess.defaultChain("us-east-1"));
                            var role =
                                    new DatasetAccessRole(
                                            "access",
                                            new DatasetAccessRoleArgs(
                                                    "pipeweave-test",
                                                    Output.of(BUCKET_ARN),
                                                    policy,
                                                    aws),
                                            ComponentResourceOptions.Empty);
                            stack.pulumi().export("role", role.roleArn());
                        })
                .run()
                .assertSucceeded();
    }

    @Test
    void theRoleIsAssumableByTheThreeComputeServicesOnly() {
        var role = run(true, true).resource("aws:iam/role:Role", "access");
        assertEquals("pipeweave-test", role.inputs().get("name"));
        var trust = PolicyJson.statements(role.inputs().get("assumeRolePolicy"));
        assertEquals(1, trust.size());
        assertEquals(List.of("sts:AssumeRole"), trust.get(0).actions());
        assertEquals(
                List.of("ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "lambda.amazonaws.com"),
                PolicyJson.values(trust.get(0).principal().get("Service")));
    }

    @Test
    void thePolicyGrantsListReadWriteOnTheBucketOnly() {
        var policy = run(false, false).resource("aws:iam/policy:Policy", "access-policy");
        assertEquals("pipeweave-test-access", policy.inputs().get("name"));
        var statements = PolicyJson.statements(policy.inputs().get("policy"));
        // ListBucketVersions and GetObjectVersion: DatasetStorage.versions and get(key, versionId)
        // are
        // authorized as these actions, not as ListBucket and GetObject (AWS S3 API reference,
        // GetObject
        // "versionId" and ListObjectVersions permissions).
        assertEquals(
                List.of("s3:ListBucket", "s3:ListBucketVersions"), statements.get(0).actions());
        assertEquals(List.of(BUCKET_ARN), statements.get(0).resources());
        assertEquals(List.of("s3:GetObject", "s3:GetObjectVersion"), statements.get(1).actions());
        assertEquals(List.of(BUCKET_ARN + "/*"), statements.get(1).resources());
        assertEquals(List.of("s3:PutObject"), statements.get(2).actions());
        assertTrue(statements.get(2).conditions().isEmpty());
        assertEquals(List.of("s3:AbortMultipartUpload"), statements.get(3).actions());
        assertEquals(List.of(BUCKET_ARN + "/*"), statements.get(3).resources());
        assertEquals(4, statements.size(), "no delete where the environment forbids it");
        for (var statement : statements) {
            assertEquals("Allow", statement.effect().name());
            assertFalse(
                    statement.actions().stream().anyMatch(a -> a.equals("*") || a.endsWith(":*")));
            assertFalse(
                    statement.actions().stream()
                            .anyMatch(a -> a.startsWith("s3:DeleteObjectVersion")));
            assertFalse(statement.resources().contains("*"));
        }
    }

    @Test
    void deleteAndTheEncryptionConditionFollowTheEnvironment() {
        var document =
                run(true, true)
                        .resource("aws:iam/policy:Policy", "access-policy")
                        .inputs()
                        .get("policy");
        var statements = PolicyJson.statements(document);
        var put = PolicyJson.bySid(document, "WriteDatasets").orElseThrow();
        // IfExists: an UploadPart carries no encryption header and must still be allowed.
        assertEquals(
                Map.of("StringEqualsIfExists", Map.of("s3:x-amz-server-side-encryption", "AES256")),
                put.conditions());
        var delete = statements.get(4);
        assertEquals(List.of("s3:DeleteObject"), delete.actions());
        assertEquals(List.of(BUCKET_ARN + "/*"), delete.resources());
    }

    @Test
    void thePolicyIsAttachedAndTheInstanceProfileCarriesTheRole() {
        var run = run(true, true);
        var attachment =
                run.resource(
                        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                        "access-policy-attachment");
        assertEquals("pipeweave-test", attachment.inputs().get("role"));
        // A policy's ARN holds the account id, known only after deployment: unknown, but wired to
        // the policy.
        assertEquals(PlanValues.Unknown.VALUE, attachment.inputs().get("policyArn"));
        assertTrue(
                attachment.dependsOn().contains("access-policy"),
                attachment.dependsOn().toString());
        var profile =
                run.resource("aws:iam/instanceProfile:InstanceProfile", "access-instance-profile");
        assertEquals("pipeweave-test", profile.inputs().get("role"));
        assertEquals(PlanValues.Unknown.VALUE, run.output("role"));
    }

    @Test
    void aMalformedRoleNameIsRefused() {
        var policy = StoragePolicy.defaultsFor(DatasetEnvironment.DEVELOPMENT);
        assertThrows(
                IllegalArgumentException.class,
                () -> new DatasetAccessRoleArgs("has space", Output.of(BUCKET_ARN), policy, null));
    }
}
