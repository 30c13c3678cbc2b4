package labstacks.megatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import labstacks.offline.check.PlanCheck;
import labstacks.offline.testing.IamSimulator;
import labstacks.offline.testing.ProgramHarness;
import labstacks.shared.aws.PolicyDocument;
import labstacks.shared.aws.PolicyDocument.Statement;
import org.junit.jupiter.api.Test;

/**
 * {@code megatests:forgePolicy: scoped} evaluated as IAM evaluates it ({@link IamSimulator}): the TowerForge
 * user can do what Forge does for a compute environment, and cannot give a {@code TowerForge-*} role
 * AdministratorAccess (attached or inline) to pass it. The scoped policy as it was before (the documented
 * IAM statement without conditions) could, and {@code check} flags it.
 */
class ScopedForgePolicySimulationTest {
    private static final String USER =
            "arn:aws:iam::" + IamSimulator.ACCOUNT + ":user/TowerForge-AWSMegatests";
    private static final String ROLE =
            "arn:aws:iam::" + IamSimulator.ACCOUNT + ":role/TowerForge-4Xgcpu-InstanceRole";
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

    private static IamSimulator.Request request(
            String name, String action, String resource, Map<String, String> context) {
        return IamSimulator.Request.of(name, USER, USER, action, resource, context);
    }

    /** The escalation: a role of the allowed prefix, given administrator rights, passed to EC2. */
    private static List<IamSimulator.Request> escalation() {
        return List.of(
                request("create role", "iam:CreateRole", ROLE, Map.of()),
                request(
                        "attach AdministratorAccess",
                        "iam:AttachRolePolicy",
                        ROLE,
                        Map.of("iam:PolicyARN", ADMIN)),
                request(
                        "put an inline policy without the boundary",
                        "iam:PutRolePolicy",
                        ROLE,
                        Map.of()),
                request(
                        "pass it to EC2",
                        "iam:PassRole",
                        ROLE,
                        Map.of("iam:PassedToService", "ec2.amazonaws.com")));
    }

    /** What Forge does to build an AWS Batch compute environment (seqeralabs/docs aws-batch.mdx, the full policy). */
    private static List<IamSimulator.Request> forge() {
        var requests = new ArrayList<IamSimulator.Request>();
        var region = "arn:aws:batch:eu-west-1:" + IamSimulator.ACCOUNT;
        requests.add(
                request(
                        "batch:CreateComputeEnvironment",
                        "batch:CreateComputeEnvironment",
                        region + ":compute-environment/TowerForge-4Xgcpu",
                        Map.of()));
        requests.add(
                request(
                        "batch:TagResource on the environment",
                        "batch:TagResource",
                        region + ":compute-environment/TowerForge-4Xgcpu",
                        Map.of()));
        requests.add(
                request(
                        "batch:CreateJobQueue",
                        "batch:CreateJobQueue",
                        region + ":job-queue/TowerForge-4Xgcpu-work",
                        Map.of()));
        requests.add(request("iam:CreateRole", "iam:CreateRole", ROLE, Map.of()));
        for (var managed : TowerForgePolicies.FORGE_MANAGED_POLICIES) {
            requests.add(
                    request(
                            "attach " + managed,
                            "iam:AttachRolePolicy",
                            ROLE,
                            Map.of("iam:PolicyARN", managed)));
        }
        requests.add(
                request(
                        "inline policy on a role within the boundary",
                        "iam:PutRolePolicy",
                        ROLE,
                        Map.of(
                                "iam:PermissionsBoundary",
                                "arn:aws:iam::"
                                        + IamSimulator.ACCOUNT
                                        + ":policy/TowerForge-PermissionsBoundary")));
        requests.add(
                request(
                        "iam:CreateInstanceProfile",
                        "iam:CreateInstanceProfile",
                        "arn:aws:iam::"
                                + IamSimulator.ACCOUNT
                                + ":instance-profile/TowerForge-4Xgcpu-InstanceRole",
                        Map.of()));
        requests.add(
                request(
                        "iam:AddRoleToInstanceProfile",
                        "iam:AddRoleToInstanceProfile",
                        "arn:aws:iam::"
                                + IamSimulator.ACCOUNT
                                + ":instance-profile/TowerForge-4Xgcpu-InstanceRole",
                        Map.of()));
        requests.add(
                request(
                        "pass the role to Batch",
                        "iam:PassRole",
                        ROLE,
                        Map.of("iam:PassedToService", "batch.amazonaws.com")));
        requests.add(
                request(
                        "pass the role to EC2",
                        "iam:PassRole",
                        ROLE,
                        Map.of("iam:PassedToService", "ec2.amazonaws.com")));
        requests.add(
                request(
                        "ec2:CreateLaunchTemplate",
                        "ec2:CreateLaunchTemplate",
                        "arn:aws:ec2:eu-west-1:"
                                + IamSimulator.ACCOUNT
                                + ":launch-template/lt-0123456789abcdef0",
                        Map.of()));
        requests.add(
                request(
                        "ssm:GetParameters (ECS AMI)",
                        "ssm:GetParameters",
                        "arn:aws:ssm:eu-west-1:"
                                + IamSimulator.ACCOUNT
                                + ":parameter/aws/service/ecs/optimized-ami/amazon-linux-2/recommended",
                        Map.of()));
        requests.add(
                request(
                        "batch:SubmitJob",
                        "batch:SubmitJob",
                        region + ":job-queue/TowerForge-4Xgcpu-work",
                        Map.of()));
        return requests;
    }

    @Test
    void theScopedUserCannotGiveARoleAdministratorAccessButCanDoWhatForgeDoes() {
        var simulator =
                IamSimulator.withBucketPolicy(null)
                        .identityPolicy(
                                "TowerForge-Forge-Policy",
                                TowerForgePolicies.scopedForge().toJson());
        var escalation = simulator.evaluate(escalation());
        assertEquals(
                "Allowed",
                escalation.get("create role"),
                "a role alone gives nothing: " + escalation);
        assertEquals(
                "ImplicitlyDenied",
                escalation.get("attach AdministratorAccess"),
                escalation.toString());
        assertEquals(
                "ImplicitlyDenied",
                escalation.get("put an inline policy without the boundary"),
                escalation.toString());

        var forge = simulator.evaluate(forge());
        forge.forEach((name, result) -> assertEquals("Allowed", result, name + ": " + forge));
        assertEquals(forge().size(), forge.size());
    }

    /** The documented IAM statement, unconditioned, as the scoped policy had it before 2026-12-07. */
    static PolicyDocument oldScoped() {
        var statements = new ArrayList<Statement>();
        for (var statement : TowerForgePolicies.scopedForge().statements()) {
            if (statement.sid().equals("AttachForgeManagedPoliciesOnly")
                    || statement.sid().equals("InlinePoliciesWithinBoundaryOnly")) {
                continue;
            }
            statements.add(statement);
        }
        statements.add(
                Statement.allow("iam:AttachRolePolicy", "iam:PutRolePolicy")
                        .sid("OldRoleManagement")
                        .resources("arn:aws:iam::*:role/TowerForge-*")
                        .build());
        return PolicyDocument.of(statements.toArray(Statement[]::new));
    }

    @Test
    void theOldScopedPolicyLetItsUserEscalateAndCheckFlagsIt() {
        var old =
                IamSimulator.withBucketPolicy(null)
                        .identityPolicy("old", oldScoped().toJson())
                        .evaluate(escalation());
        assertEquals("Allowed", old.get("attach AdministratorAccess"), old.toString());
        assertEquals("Allowed", old.get("pass it to EC2"), old.toString());

        var plan =
                ProgramHarness.component(
                                "old-scoped",
                                stack -> {
                                    new Policy(
                                            "old-scoped-forge",
                                            PolicyArgs.builder()
                                                    .policy(oldScoped().toJson())
                                                    .build());
                                    new Policy(
                                            "scoped-forge",
                                            PolicyArgs.builder()
                                                    .policy(
                                                            TowerForgePolicies.scopedForge()
                                                                    .toJson())
                                                    .build());
                                })
                        .run()
                        .assertSucceeded()
                        .plan();
        var flagged =
                PlanCheck.run(plan, List.of()).violations().stream()
                        .filter(v -> v.rule().equals("iam-unscoped-role-management"))
                        .toList();
        assertEquals(List.of("old-scoped-forge"), flagged.stream().map(v -> v.name()).toList());
        assertTrue(
                flagged.get(0).message().contains("iam:AttachRolePolicy, iam:PutRolePolicy"),
                flagged.get(0).message());
    }

    @Test
    void theScopedPolicyMatchesSeqerasDocumentedActions() {
        var byStatement = new LinkedHashMap<String, List<String>>();
        TowerForgePolicies.scopedForge()
                .statements()
                .forEach(s -> byStatement.put(s.sid(), s.actions()));
        // seqeralabs/docs 2dfea39dc (2026-07-06): batch:TagResource on
        // compute-environment/TowerForge-*.
        assertTrue(byStatement.get("BatchEnvironmentManagement").contains("batch:TagResource"));
    }
}
