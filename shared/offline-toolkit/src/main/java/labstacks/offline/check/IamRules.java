package labstacks.offline.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import labstacks.shared.aws.PolicyDocument;

/** Rules for IAM policy documents: no {@code "*"} action, no {@code "*"} resource with write actions. */
final class IamRules {
    /** Resource types whose {@code policy} input is an IAM policy document. */
    static final Set<String> POLICY_TYPES =
            Set.of(
                    "aws:iam/policy:Policy",
                    "aws:iam/rolePolicy:RolePolicy",
                    "aws:iam/userPolicy:UserPolicy",
                    "aws:iam/groupPolicy:GroupPolicy");

    /** Verbs that only read. */
    private static final List<String> READ_VERBS =
            List.of(
                    "Get",
                    "List",
                    "Describe",
                    "Head",
                    "Search",
                    "Query",
                    "Filter",
                    "Test",
                    "Lookup",
                    "Scan",
                    "Select",
                    "View",
                    "Check");

    private IamRules() {}

    static List<Rule> all() {
        return List.of(
                documentRule(
                        "iam-no-wildcard-action",
                        "no statement allows every action (\"*\")",
                        (actions, resources) ->
                                actions.contains("*")
                                        ? new String[] {
                                            "allows every action (\"*\")",
                                            "list the actions the principal needs"
                                        }
                                        : null),
                documentRule(
                        "iam-wildcard-resource-write",
                        "no statement allows write actions on every resource (\"*\")",
                        (actions, resources) -> {
                            var writes = actions.stream().filter(a -> !readOnly(a)).toList();
                            return !resources.contains("*") || writes.isEmpty()
                                    ? null
                                    : new String[] {
                                        "allows "
                                                + writes.size()
                                                + " write action(s) on \"*\", e.g. "
                                                + writes.get(0),
                                        "name the resources, or declare a PolicyException with the reason next to the policy"
                                    };
                        }),
                conditionedRule(
                        "iam-unscoped-role-management",
                        "no statement lets its principal give a role any permission or pass any role (privilege escalation)",
                        IamRules::roleEscalation));
    }

    /**
     * What lets a principal escalate through roles, on any resource (a {@code Prefix-*} role it may create
     * is as good as any): giving a role a policy without {@code iam:PolicyARN} or {@code iam:PermissionsBoundary}
     * conditions, passing a role without an {@code iam:PassedToService} condition, creating or trusting
     * roles on every resource, or {@code iam:*}.
     */
    static String[] roleEscalation(
            List<String> actions,
            List<String> resources,
            Map<String, Map<String, Object>> conditions) {
        var keys = new HashSet<String>();
        conditions
                .values()
                .forEach(
                        byKey -> byKey.keySet().forEach(k -> keys.add(k.toLowerCase(Locale.ROOT))));
        var policyLimited =
                keys.contains("iam:policyarn") || keys.contains("iam:permissionsboundary");
        var found = new ArrayList<String>();
        for (var action : actions) {
            // "*" is iam-no-wildcard-action's finding.
            if (action.equals("iam:*")) {
                found.add(action);
            } else if (GIVES_ROLE_POLICY.contains(action) && !policyLimited) {
                found.add(action);
            } else if (action.equals("iam:PassRole") && !keys.contains("iam:passedtoservice")) {
                found.add(action);
            } else if (ROLE_ESCALATION.contains(action) && resources.contains("*")) {
                found.add(action);
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        return new String[] {
            "allows "
                    + String.join(", ", found)
                    + " without a condition that limits it: the principal can"
                    + " create or use a role, attach AdministratorAccess (or put an inline *:* policy) and pass it",
            "limit iam:AttachRolePolicy with an iam:PolicyARN condition (the managed policies needed), iam:PutRolePolicy"
                    + " and iam:CreateRole with an iam:PermissionsBoundary condition, and iam:PassRole with"
                    + " iam:PassedToService, on the roles the principal manages (e.g. arn:aws:iam::*:role/Prefix-*)"
        };
    }

    /** Actions that put permissions on a role: only with a condition on which policy or which boundary. */
    private static final Set<String> GIVES_ROLE_POLICY =
            Set.of(
                    "iam:AttachRolePolicy",
                    "iam:PutRolePolicy",
                    "iam:UpdateAssumeRolePolicy",
                    "iam:PutRolePermissionsBoundary",
                    "iam:DeleteRolePermissionsBoundary");

    /** A problem of one Allow statement, its conditions included: message and fix, or null. */
    interface ConditionedProblem {
        String[] apply(
                List<String> actions,
                List<String> resources,
                Map<String, Map<String, Object>> conditions);
    }

    private static Rule conditionedRule(String id, String description, ConditionedProblem problem) {
        return documentRule(id, description, problem);
    }

    /** Actions that, on every role, let a principal give itself any permission. */
    private static final Set<String> ROLE_ESCALATION =
            Set.of(
                    "iam:*",
                    "iam:PassRole",
                    "iam:CreateRole",
                    "iam:AttachRolePolicy",
                    "iam:PutRolePolicy",
                    "iam:UpdateAssumeRolePolicy",
                    "iam:AddRoleToInstanceProfile");

    static boolean readOnly(String action) {
        var colon = action.indexOf(':');
        var verb = colon < 0 ? action : action.substring(colon + 1);
        return READ_VERBS.stream().anyMatch(verb::startsWith);
    }

    /** A problem of one Allow statement: message and fix, or null. */
    interface StatementProblem {
        String[] apply(List<String> actions, List<String> resources);
    }

    /** A rule over each Allow statement of each policy document. */
    private static Rule documentRule(String id, String description, StatementProblem problem) {
        return documentRule(
                id,
                description,
                (ConditionedProblem)
                        (actions, resources, conditions) -> problem.apply(actions, resources));
    }

    private static Rule documentRule(String id, String description, ConditionedProblem problem) {
        return Rule.of(
                id,
                description,
                (ruleId, plan) -> {
                    var found = new ArrayList<Violation>();
                    for (var resource : plan.resources()) {
                        if (!POLICY_TYPES.contains(resource.type())
                                || Resources.unknown(resource, "policy")) {
                            continue;
                        }
                        PolicyDocument document;
                        try {
                            document = PolicyDocument.parse(Resources.text(resource, "policy"));
                        } catch (IllegalArgumentException e) {
                            found.add(
                                    Resources.violation(
                                            ruleId,
                                            resource,
                                            "has a policy that is not a readable policy document",
                                            "build it with PolicyDocument"));
                            continue;
                        }
                        for (var statement : document.statements()) {
                            if (statement.effect() == PolicyDocument.Effect.Allow) {
                                var p =
                                        problem.apply(
                                                statement.actions(),
                                                statement.resources(),
                                                statement.conditions() == null
                                                        ? Map.of()
                                                        : statement.conditions());
                                if (p != null) {
                                    found.add(Resources.violation(ruleId, resource, p[0], p[1]));
                                }
                            }
                        }
                    }
                    return found;
                });
    }
}
