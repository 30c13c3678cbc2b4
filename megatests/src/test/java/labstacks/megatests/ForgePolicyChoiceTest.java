package labstacks.megatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import labstacks.offline.check.PlanCheck;
import labstacks.offline.plan.PlanValues;
import labstacks.offline.testing.ProgramHarness;
import labstacks.offline.testing.StackRun;
import org.junit.jupiter.api.Test;

/** megatests:forgePolicy: nf-core's broad policy by default (flagged by check), Seqera's scoped one on request. */
class ForgePolicyChoiceTest {

    private static StackRun run(String choice) {
        return ProgramHarness.forStackFile(new MegatestsProgram(), "megatests-prod")
                .secret("megatests:towerAccessToken", "t")
                .secret("megatests:githubToken", "g")
                .secret("megatests:platformGithubOrgToken", "p")
                .config("megatests:forgePolicy", choice)
                .run()
                .assertSucceeded();
    }

    private static List<String> roleViolations(StackRun run) {
        // No exceptions: what check reports before the program's declared exceptions apply.
        return PlanCheck.run(run.plan(), List.of()).violations().stream()
                .filter(v -> v.rule().equals("iam-unscoped-role-management"))
                .map(v -> v.name())
                .toList();
    }

    @Test
    void theDefaultIsNfCoresLivePolicyWhichCheckFlags() {
        var run = run("nf-core");
        assertEquals(
                TowerForgePolicies.forge().toJson(),
                run.resource("aws:iam/policy:Policy", "towerforge-forge-policy")
                        .inputs()
                        .get("policy"));
        assertEquals(List.of("towerforge-forge-policy"), roleViolations(run));
        var description =
                PlanValues.reveal(
                        run.resource(
                                        "seqera:index/computeEnv:ComputeEnv",
                                        ComputeEnvKind.CPU.environmentName())
                                .input("computeEnv.description"));
        assertTrue(
                description.toString().endsWith("(IAM Policy Version: 78905f7f)"),
                description.toString());
    }

    @Test
    void theScopedPolicyPassesCheckAndChangesTheEnvironmentsFingerprint() {
        var run = run("scoped");
        var policy =
                run.resource("aws:iam/policy:Policy", "towerforge-forge-policy")
                        .inputs()
                        .get("policy")
                        .toString();
        // seqeralabs/docs platform-cloud/docs/compute-envs/aws-batch.md, "Pass role to Batch".
        assertTrue(
                policy.contains(
                        "\"iam:PassedToService\":[\"batch.amazonaws.com\",\"ec2.amazonaws.com\"]"),
                policy);
        assertTrue(policy.contains("arn:aws:iam::*:role/TowerForge-*"), policy);
        assertEquals(List.of(), roleViolations(run));
        var fingerprint = TowerForgePolicies.fingerprint(TowerForgePolicies.scopedForge());
        assertNotEquals("78905f7f", fingerprint);
        var description =
                PlanValues.reveal(
                        run.resource(
                                        "seqera:index/computeEnv:ComputeEnv",
                                        ComputeEnvKind.GPU.environmentName())
                                .input("computeEnv.description"));
        assertTrue(
                description.toString().endsWith("(IAM Policy Version: " + fingerprint + ")"),
                "switching replaces the environments: " + description);
    }

    @Test
    void theScopedPolicyStillGrantsWhatForgeCalls() {
        // Every service Forge drives in nf-core's policy keeps its create/delete actions.
        var actions =
                TowerForgePolicies.scopedForge().statements().stream()
                        .flatMap(s -> s.actions().stream())
                        .toList();
        for (var action :
                List.of(
                        "batch:CreateComputeEnvironment",
                        "batch:CreateJobQueue",
                        "iam:CreateRole",
                        "iam:PassRole",
                        "iam:CreateInstanceProfile",
                        "ec2:CreateLaunchTemplate",
                        "ssm:GetParameters",
                        "ec2:GetEbsEncryptionByDefault",
                        "elasticfilesystem:CreateFileSystem",
                        "fsx:CreateFileSystem")) {
            assertTrue(actions.contains(action), action);
        }
        assertFalse(actions.contains("iam:*"));
    }
}
